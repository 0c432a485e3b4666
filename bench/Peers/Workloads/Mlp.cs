using Axle.Bench.Peers.Onnx;
using static Axle.Ops;

namespace Axle.Bench.Peers.Workloads;

/// <summary>
/// Issue 9, workload 4: an MLP 784-256-256-10 (ReLU, softmax cross-entropy), batch 128, f32 —
/// one SGD training step (forward + backward + update) and the forward pass alone (where ONNX
/// Runtime joins). The limit is OpenBLAS doing the step's eight matrix products.
/// </summary>
internal static class Mlp
{
    public const int Batch = 128, In = 784, Hidden = 256, Classes = 10;
    private const float LearningRate = 0.01f;

    /// <summary>The parameters as a pytree (a record of tensors): what Grad and Jit take and return.</summary>
    public sealed record Params(Tensor W1, Tensor B1, Tensor W2, Tensor B2, Tensor W3, Tensor B3);

    private static Tensor Logits(Params p, Tensor x)
    {
        var h1 = Relu(MatMul(x, p.W1) + p.B1);
        var h2 = Relu(MatMul(h1, p.W2) + p.B2);
        return MatMul(h2, p.W3) + p.B3;
    }

    private static Tensor Loss(Params p, (Tensor X, Tensor OneHot) batch) =>
        -Mean(Sum(batch.OneHot * LogSoftmax(Logits(p, batch.X)), axis: 1));

    /// <summary>The initial weights (torch_bench.py builds the same), in (in, out) layout.</summary>
    private static float[][] Weights() =>
    [
        Data.F32(In * Hidden, 21, scale: 0.05), Data.F32(Hidden, 22, scale: 0.01),
        Data.F32(Hidden * Hidden, 26, scale: 0.05), Data.F32(Hidden, 27, scale: 0.01),
        Data.F32(Hidden * Classes, 28, scale: 0.05), Data.F32(Classes, 29, scale: 0.01),
    ];

    private static readonly int[][] Shapes = [[In, Hidden], [Hidden], [Hidden, Hidden], [Hidden], [Hidden, Classes], [Classes]];
    private static readonly string[] Names = ["W1", "b1", "W2", "b2", "W3", "b3"];

    public static void Run(Harness h)
    {
        float[][] w = Weights();
        float[] x = Data.F32(Batch * In, 24);
        int[] labels = Data.Labels(Batch, 25, Classes);
        var oneHot = new float[Batch * Classes];
        for (int i = 0; i < Batch; i++) oneHot[i * Classes + labels[i]] = 1;
        var t = w.Select((a, i) => Tensor.From(a, Shapes[i])).ToArray();
        var p = new Params(t[0], t[1], t[2], t[3], t[4], t[5]);
        using var xt = Tensor.From(x, Batch, In);
        using var yt = Tensor.From(oneHot, Batch, Classes);
        Step(h, p, w, xt, yt, x);
        Forward(h, p, w, xt, x);
        foreach (var a in t) a.Dispose();
    }

    private static void Step(Harness h, Params p, float[][] w, Tensor xt, Tensor yt, float[] x)
    {
        var row = h.NewRow("MLP training step 784-256-256-10, batch 128, f32");
        row.Target = Target.FasterThan("PyTorch", 1.3);
        var grad = Ax.Grad<Params, (Tensor, Tensor)>(Loss);
        var step = Ax.Jit((Params q, (Tensor X, Tensor OneHot) b) =>
        {
            var g = grad(q, b);
            return new Params(q.W1 - LearningRate * g.W1, q.B1 - LearningRate * g.B1, q.W2 - LearningRate * g.W2,
                q.B2 - LearningRate * g.B2, q.W3 - LearningRate * g.W3, q.B3 - LearningRate * g.B3);
        });
        row.Axle = h.Time("mlp_step (Axle)", () => Dispose(step(p, (xt, yt))));

        // Compare the gradients, (new - old) / lr, of every parameter with PyTorch's.
        var next = step(p, (xt, yt));
        Tensor[] updated = [next.W1, next.B1, next.W2, next.B2, next.W3, next.B3];
        var probes = updated.Select((u, i) => (Names[i], Delta(u.ToArray<float>(), w[i]))).ToArray();
        Dispose(next);
        h.PyTorch(row, "mlp_step", 1e-3, 1e-5, probes);

        // The floor: OpenBLAS doing the step's products (3 forward, 5 backward; no gradient for x).
        float[] h1 = new float[Batch * Hidden], h2 = new float[Batch * Hidden], lo = new float[Batch * Classes];
        float[] dW1 = new float[In * Hidden], dW2 = new float[Hidden * Hidden], dW3 = new float[Hidden * Classes];
        row.LimitMs = h.TimeBlas("mlp_step GEMMs (OpenBLAS)", () =>
        {
            OpenBlas.Gemm(x, w[0], h1, Batch, Hidden, In);
            OpenBlas.Gemm(h1, w[2], h2, Batch, Hidden, Hidden);
            OpenBlas.Gemm(h2, w[4], lo, Batch, Classes, Hidden);
            OpenBlas.Gemm(h2, lo, dW3, Hidden, Classes, Batch, transA: true);
            OpenBlas.Gemm(lo, w[4], h2, Batch, Hidden, Classes, transB: true);
            OpenBlas.Gemm(h1, h2, dW2, Hidden, Hidden, Batch, transA: true);
            OpenBlas.Gemm(h2, w[2], h1, Batch, Hidden, Hidden, transB: true);
            OpenBlas.Gemm(x, h1, dW1, In, Hidden, Batch, transA: true);
        });
        row.LimitNote = "OpenBLAS sgemm for the step's 8 matrix products";
    }

    private static void Forward(Harness h, Params p, float[][] w, Tensor xt, float[] x)
    {
        var row = h.NewRow("MLP forward 784-256-256-10, batch 128, f32");
        var forward = Ax.Jit((Func<Params, Tensor, Tensor>)Logits);
        row.Axle = h.Time("mlp_forward (Axle)", () => forward(p, xt).Dispose());
        float[] axle = forward(p, xt).ToArray<float>();

        var g = new OnnxGraph("mlp");
        string a = g.Input("x", OnnxType.Float, Batch, In);
        for (int i = 0; i < 3; i++)
        {
            a = g.Node("Add", [g.Node("MatMul", [a, g.Weights(w[2 * i], Shapes[2 * i].Select(d => (long)d).ToArray())]),
                g.Weights(w[2 * i + 1], Shapes[2 * i + 1][0])]);
            if (i < 2) a = g.Node("Relu", [a]);
        }
        g.Identity(a, "logits");
        g.Output("logits", OnnxType.Float, Batch, Classes);
        using var ort = new OrtModel(g.ToModel(), ["x"], ["logits"]);
        using var xv = OrtModel.Tensor(x, Batch, In);
        row.Peers["ORT"] = h.TimeOrt("mlp_forward (ORT)", ort, () => ort.Run(xv).Dispose());
        h.Agreement.Check(row, "ORT", "logits", axle, ort.RunToArray<float>(0, xv), 1e-4, 1e-5);
        h.PyTorch(row, "mlp_forward", 1e-4, 1e-5, ("logits", axle.Select(v => (double)v).ToArray()));

        float[] h1 = new float[Batch * Hidden], h2 = new float[Batch * Hidden], lo = new float[Batch * Classes];
        row.LimitMs = h.TimeBlas("mlp_forward GEMMs (OpenBLAS)", () =>
        {
            OpenBlas.Gemm(x, w[0], h1, Batch, Hidden, In);
            OpenBlas.Gemm(h1, w[2], h2, Batch, Hidden, Hidden);
            OpenBlas.Gemm(h2, w[4], lo, Batch, Classes, Hidden);
        });
        row.LimitNote = "OpenBLAS sgemm for the 3 forward products";
    }

    /// <summary>(new - old) / lr in f64, as torch_bench.py computes it.</summary>
    private static double[] Delta(float[] updated, float[] old) =>
        updated.Select((u, i) => ((double)u - old[i]) / (double)LearningRate).ToArray();

    private static void Dispose(Params p)
    {
        foreach (var t in new[] { p.W1, p.B1, p.W2, p.B2, p.W3, p.B3 }) t.Dispose();
    }
}
