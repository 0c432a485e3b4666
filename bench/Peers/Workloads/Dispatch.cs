using Axle.Bench.Peers.Onnx;

namespace Axle.Bench.Peers.Workloads;

/// <summary>
/// Issue 9, workload 5, against the peers: a jitted function of two scalars and one eager op,
/// per call. (bench/Dispatch has Axle's own breakdown and the P/Invoke floor.) Calls are timed
/// in batches of <see cref="Calls"/> so the clock's resolution does not matter.
/// </summary>
internal static class Dispatch
{
    public const int Calls = 1000;

    public static void Run(Harness h)
    {
        Jitted(h);
        Eager(h);
    }

    private static void Jitted(Harness h)
    {
        var row = h.NewRow("dispatch: jitted f(x, y) = x·y + 1 of two f32 scalars, per call");
        row.Target = Target.AxleUnder(5e-3, "≤ 5 µs per call");
        var f = Ax.Jit((Func<Tensor, Tensor, Tensor>)((x, y) => x * y + 1.0));
        using var a = Tensor.From(1.5f);
        using var b = Tensor.From(2.5f);
        row.Axle = PerCall(h.Time($"dispatch_jit (Axle), {Calls} calls", () =>
        {
            for (int i = 0; i < Calls; i++) f(a, b).Dispose();
        }));
        float axle = f(a, b).Item<float>();

        var g = new OnnxGraph("dispatch");
        g.Identity(g.Node("Add", [g.Node("Mul", [g.Input("x", OnnxType.Float), g.Input("y", OnnxType.Float)]), g.Scalar(1, OnnxType.Float)]), "z");
        g.Output("z", OnnxType.Float);
        using var ort = new OrtModel(g.ToModel(), ["x", "y"], ["z"]);
        using var xv = OrtModel.Tensor(new[] { 1.5f });
        using var yv = OrtModel.Tensor(new[] { 2.5f });
        row.Peers["ORT"] = h.TimeOrt($"dispatch_jit (ORT), {Calls} calls", ort, () =>
        {
            for (int i = 0; i < Calls; i++) ort.Run(xv, yv).Dispose();
        }) / Calls;
        h.Agreement.Check(row, "ORT", "z", [axle], ort.RunToArray<float>(0, xv, yv), 0, 0);
        h.PyTorch(row, "dispatch_jit", 0, 0, ("z", [axle]));
    }

    private static void Eager(Harness h)
    {
        var row = h.NewRow("dispatch: eager op, x + y of two f32[4], per op");
        row.Target = Target.AxleUnder(10e-3, "≤ 10 µs per op");
        using var x = Tensor.From(new[] { 1f, 2f, 3f, 4f }, 4);
        using var y = Tensor.From(new[] { 0.5f, 0.25f, 0.125f, 1f }, 4);
        row.Axle = PerCall(h.Time($"dispatch_eager (Axle), {Calls} ops", () =>
        {
            for (int i = 0; i < Calls; i++) (x + y).Dispose();
        }));
        using var sum = x + y;
        h.PyTorch(row, "dispatch_eager", 0, 0, ("z", Harness.Flat<float>(sum)));
    }

    /// <summary>A batch's timing as one call's: median / calls, and a first call that keeps the batch's compile time.</summary>
    private static Timing PerCall(Timing batch)
    {
        double per = batch.MedianMs / Calls;
        return new Timing(batch.FirstMs - batch.MedianMs + per, per, batch.Reps * Calls, batch.MinMs / Calls);
    }
}
