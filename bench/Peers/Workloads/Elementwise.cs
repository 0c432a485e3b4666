using System.Numerics.Tensors;
using Axle.Bench.Peers.Onnx;
using static Axle.Ops;

namespace Axle.Bench.Peers.Workloads;

/// <summary>
/// Issue 9, workload 1: a fused elementwise chain over 16M f32 and row reductions of a
/// 4096×4096 f32 matrix — memory-bound, so the limit is memcpy bandwidth.
/// </summary>
internal static class Elementwise
{
    public const int ChainLength = 1 << 24;
    public const int Side = 4096;

    /// <summary>y = exp(-x/2) · tanh(1.5x + 0.5): six ops (mul, exp, mul, add, tanh, mul).</summary>
    public static void Chain(Harness h)
    {
        const int n = ChainLength;
        var row = h.NewRow("elementwise chain, 6 ops, 16M f32");
        row.Target = Target.All(Target.OfLimit(0.7), Target.FasterThan("PyTorch", 10));
        h.MemoryLimit(row, 2.0 * n * sizeof(float), "read x + write y");
        float[] x = Data.F32(n, 1, scale: 3);

        var f = Ax.Jit((Func<Tensor, Tensor>)(t => Exp(t * -0.5) * Tanh(t * 1.5 + 0.5)));
        using var xt = Tensor.From(x, n);
        row.Axle = h.Time("elementwise (Axle)", () => f(xt).Dispose());
        float[] axle = f(xt).ToArray<float>();

        float[] tmp = new float[n], y = new float[n];
        row.Peers["TensorPrimitives"] = h.Time("elementwise (TensorPrimitives)", () =>
        {
            TensorPrimitives.Multiply(x, -0.5f, tmp);
            TensorPrimitives.Exp(tmp, tmp);
            TensorPrimitives.Multiply(x, 1.5f, y);
            TensorPrimitives.Add(y, 0.5f, y);
            TensorPrimitives.Tanh(y, y);
            TensorPrimitives.Multiply(tmp, y, y);
        }).MedianMs;
        h.Agreement.Check(row, "TensorPrimitives", "y", axle, y, 1e-5, 1e-6);

        var g = new OnnxGraph("chain");
        string xi = g.Input("x", OnnxType.Float, n);
        string e = g.Node("Exp", [g.Node("Mul", [xi, g.Scalar(-0.5, OnnxType.Float)])]);
        string t = g.Node("Tanh", [g.Node("Add", [g.Node("Mul", [xi, g.Scalar(1.5, OnnxType.Float)]), g.Scalar(0.5, OnnxType.Float)])]);
        g.Identity(g.Node("Mul", [e, t]), "y");
        g.Output("y", OnnxType.Float, n);
        using (var ort = new OrtModel(g.ToModel(), ["x"], ["y"]))
        using (var xv = OrtModel.Tensor(x, n))
        {
            row.Peers["ORT"] = h.TimeOrt("elementwise (ORT)", ort, () => ort.Run(xv).Dispose());
            h.Agreement.Check(row, "ORT", "y", axle, ort.RunToArray<float>(0, xv), 1e-5, 1e-6);
        }
        h.PyTorch(row, "elementwise", 1e-5, 1e-6, ("y", axle.Select(v => (double)v).ToArray()));
    }

    /// <summary>Sum, max and logsumexp of each row of a 4096×4096 f32 matrix.</summary>
    public static void Reductions(Harness h)
    {
        const int n = Side;
        float[] x = Data.F32(n * n, 2, scale: 4);
        using var xt = Tensor.From(x, n, n);
        using var xv = OrtModel.Tensor(x, n, n);
        float[] tmp = new float[n];
        Reduction(h, xt, xv, "sum", "row_sum", t => Sum(t, axis: 1),
            r => TensorPrimitives.Sum(r),
            (g, xi) => g.Node("ReduceSum", [xi, g.Int64s(1)], ("keepdims", 0)), 1e-5, 1e-3);
        Reduction(h, xt, xv, "max", "row_max", t => Max(t, axis: 1),
            r => TensorPrimitives.Max(r),
            (g, xi) => g.Reduce("ReduceMax", xi, [1], keepDims: false), 0, 0);
        Reduction(h, xt, xv, "logsumexp", "row_lse", t => LogSumExp(t, axis: 1),
            r =>
            {
                float m = TensorPrimitives.Max(r);
                TensorPrimitives.Subtract(r, m, tmp);
                TensorPrimitives.Exp(tmp, tmp);
                return m + MathF.Log(TensorPrimitives.Sum(tmp));
            },
            (g, xi) => g.Reduce("ReduceLogSumExp", xi, [1], keepDims: false), 1e-5, 1e-5);

        void Reduction(Harness h, Tensor xt, Microsoft.ML.OnnxRuntime.OrtValue xv, string name, string key,
            Func<Tensor, Tensor> axleFn, Func<ReadOnlySpan<float>, float> perRow, Func<OnnxGraph, string, string> onnx,
            double rtol, double atol)
        {
            var row = h.NewRow($"row {name}, 4096² f32");
            row.Target = Target.OfLimit(0.7);
            h.MemoryLimit(row, 4.0 * n * n, "read x");
            var f = Ax.Jit(axleFn);
            row.Axle = h.Time($"{key} (Axle)", () => f(xt).Dispose());
            float[] axle = f(xt).ToArray<float>();

            float[] y = new float[n];
            row.Peers["TensorPrimitives"] = h.Time($"{key} (TensorPrimitives)", () =>
            {
                for (int i = 0; i < n; i++) y[i] = perRow(x.AsSpan(i * n, n));
            }).MedianMs;
            h.Agreement.Check(row, "TensorPrimitives", name, axle, y, rtol, atol);

            var g = new OnnxGraph(key);
            g.Identity(onnx(g, g.Input("x", OnnxType.Float, n, n)), "y");
            g.Output("y", OnnxType.Float, n);
            using var ort = new OrtModel(g.ToModel(), ["x"], ["y"]);
            row.Peers["ORT"] = h.TimeOrt($"{key} (ORT)", ort, () => ort.Run(xv).Dispose());
            h.Agreement.Check(row, "ORT", name, axle, ort.RunToArray<float>(0, xv), rtol, atol);
            h.PyTorch(row, key, rtol, atol, ("y", axle.Select(v => (double)v).ToArray()));
        }
    }
}
