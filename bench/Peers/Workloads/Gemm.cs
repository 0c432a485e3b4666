using Axle.Bench.Peers.Onnx;
using static Axle.Ops;

namespace Axle.Bench.Peers.Workloads;

/// <summary>Issue 9, workload 2: GEMM 1024³ in f32 and f64, and a batched matmul; OpenBLAS is the limit.</summary>
internal static class Gemm
{
    public const int N = 1024, Batch = 32, BatchSide = 256;

    public static void Square(Harness h)
    {
        const int n = N;
        double flops = 2.0 * n * n * n;
        foreach (bool f64 in new[] { false, true })
        {
            string dt = f64 ? "f64" : "f32", key = $"gemm_{dt}";
            var row = h.NewRow($"GEMM 1024³ {dt}");
            row.Target = Target.FasterThan("OpenBLAS", 0.8);
            var onnxType = f64 ? OnnxType.Double : OnnxType.Float;
            double[] axle, blas, ort;
            if (f64)
            {
                double[] a = Data.F64(n * n, 3), b = Data.F64(n * n, 4), c = new double[n * n];
                (axle, blas, ort) = Run(h, row, key, Tensor.From(a, n, n), Tensor.From(b, n, n),
                    () => OpenBlas.Gemm(a, b, c, n, n, n), () => c,
                    OrtModel.Tensor(a, n, n), OrtModel.Tensor(b, n, n), onnxType, [n, n], [n, n], [n, n]);
            }
            else
            {
                float[] a = Data.F32(n * n, 3), b = Data.F32(n * n, 4), c = new float[n * n];
                (axle, blas, ort) = Run(h, row, key, Tensor.From(a, n, n), Tensor.From(b, n, n),
                    () => OpenBlas.Gemm(a, b, c, n, n, n), () => c.Select(v => (double)v).ToArray(),
                    OrtModel.Tensor(a, n, n), OrtModel.Tensor(b, n, n), onnxType, [n, n], [n, n], [n, n]);
            }
            row.LimitMs = row.Peers["OpenBLAS"];
            row.LimitNote = $"OpenBLAS {dt} GEMM: {flops / (row.LimitMs.Value * 1e6):0.0} GFLOP/s; " +
                            $"Axle {(row.Axle is { } t ? flops / (t.MedianMs * 1e6) : 0):0.0} GFLOP/s";
            double rtol = f64 ? 1e-10 : 1e-4, atol = f64 ? 1e-10 : 1e-3;
            h.Agreement.Check(row, "OpenBLAS", "C", axle, blas, rtol, atol);
            h.Agreement.Check(row, "ORT", "C", axle, ort, rtol, atol);
            h.PyTorch(row, key, rtol, atol, ("C", axle));
        }
    }

    /// <summary>32 independent 256×256 · 256×256 products in one call (f32).</summary>
    public static void Batched(Harness h)
    {
        const int b = Batch, n = BatchSide;
        var row = h.NewRow("batched matmul 32×256³ f32");
        row.Target = Target.FasterThan("OpenBLAS", 0.8);
        float[] x = Data.F32(b * n * n, 5), y = Data.F32(b * n * n, 6), c = new float[b * n * n];
        var (axle, blas, ort) = Run(h, row, "bmm_f32", Tensor.From(x, b, n, n), Tensor.From(y, b, n, n),
            () =>
            {
                for (int i = 0; i < b; i++)
                    OpenBlas.Gemm(x.AsSpan(i * n * n, n * n), y.AsSpan(i * n * n, n * n), c.AsSpan(i * n * n, n * n), n, n, n);
            },
            () => c.Select(v => (double)v).ToArray(),
            OrtModel.Tensor(x, b, n, n), OrtModel.Tensor(y, b, n, n), OnnxType.Float, [b, n, n], [b, n, n], [b, n, n]);
        row.LimitMs = row.Peers["OpenBLAS"];
        row.LimitNote = $"OpenBLAS, one sgemm per batch element: {2.0 * b * n * n * n / (row.LimitMs.Value * 1e6):0.0} GFLOP/s";
        h.Agreement.Check(row, "OpenBLAS", "C", axle, blas, 1e-4, 1e-3);
        h.Agreement.Check(row, "ORT", "C", axle, ort, 1e-4, 1e-3);
        h.PyTorch(row, "bmm_f32", 1e-4, 1e-3, ("C", axle));
    }

    /// <summary>Times Axle, OpenBLAS and ORT on one product; returns the three results flattened to f64.</summary>
    private static (double[] Axle, double[] Blas, double[] Ort) Run(Harness h, Row row, string key, Tensor a, Tensor b,
        Action blas, Func<double[]> blasResult, Microsoft.ML.OnnxRuntime.OrtValue oa, Microsoft.ML.OnnxRuntime.OrtValue ob,
        OnnxType type, long[] shapeA, long[] shapeB, long[] shapeC)
    {
        using (a)
        using (b)
        using (oa)
        using (ob)
        {
            var mm = Ax.Jit((Func<Tensor, Tensor, Tensor>)MatMul);
            row.Axle = h.Time($"{key} (Axle)", () => mm(a, b).Dispose());
            using var c = mm(a, b);
            double[] axle = type == OnnxType.Double ? c.ToArray<double>() : Harness.Flat<float>(c);

            row.Peers["OpenBLAS"] = h.TimeBlas($"{key} (OpenBLAS)", blas);
            double[] blasOut = blasResult();

            var g = new OnnxGraph(key);
            g.Identity(g.Node("MatMul", [g.Input("a", type, shapeA), g.Input("b", type, shapeB)]), "c");
            g.Output("c", type, shapeC);
            using var ort = new OrtModel(g.ToModel(), ["a", "b"], ["c"]);
            row.Peers["ORT"] = h.TimeOrt($"{key} (ORT)", ort, () => ort.Run(oa, ob).Dispose());
            double[] ortOut = type == OnnxType.Double
                ? ort.RunToArray<double>(0, oa, ob)
                : ort.RunToArray<float>(0, oa, ob).Select(v => (double)v).ToArray();
            return (axle, blasOut, ortOut);
        }
    }
}
