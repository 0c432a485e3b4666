namespace Axle.Bench.Peers.Workloads;

/// <summary>
/// Issue 9, workload 3: the seed model — log-density + gradient (N = 10,000, D = 100, f64 and
/// f32), the log-density alone (where ONNX Runtime can join), Vmap of the prior sampler over
/// 10,000 keys, and the posterior predictive over 1,000 draws.
/// </summary>
internal static class Seed
{
    private const int N = SeedModel.N, D = SeedModel.D;

    public static void Run(Harness h)
    {
        var (x, y, theta) = SeedModel.Inputs();
        foreach (var dtype in new[] { DType.F64, DType.F32 }) LogDensityAndGrad(h, dtype, x, y, theta);
        SeedOnnx.LogDensityForward(h, x, y, theta);
        PriorSampler(h, x);
        PosteriorPredictive(h, x);
    }

    private static (Tensor X, Tensor Y, Tensor Theta) Tensors(DType dtype, double[] x, double[] y, double[] theta) =>
        dtype == DType.F64
            ? (Tensor.From(x, N, D), Tensor.From(y, N), Tensor.From(theta, 1 + 2 * D))
            : (Tensor.From(x.Select(v => (float)v).ToArray(), N, D), Tensor.From(y.Select(v => (float)v).ToArray(), N),
               Tensor.From(theta.Select(v => (float)v).ToArray(), 1 + 2 * D));

    /// <summary>The density as a function of theta alone (what HMC differentiates), X and y closed over.</summary>
    public static Func<Tensor, Tensor> Density(DType dtype, Tensor xt, Tensor yt)
    {
        var logdensity = SeedModel.NonCenteredLogDensity(dtype);
        return th => logdensity(xt, th[0], th[1..(1 + D)], th[(1 + D)..], yt);
    }

    private static void LogDensityAndGrad(Harness h, DType dtype, double[] x, double[] y, double[] theta)
    {
        bool f64 = dtype == DType.F64;
        string dt = f64 ? "f64" : "f32";
        var row = h.NewRow($"seed log-density + grad, 10,000×100 {dt}");
        row.Target = f64 ? Target.All(Target.FasterThan("PyTorch", 5), Target.CompileUnder(300)) : Target.CompileUnder(300);
        int bytes = f64 ? 8 : 4;
        h.MemoryLimit(row, 2.0 * N * D * bytes, "X read twice (X·β forward, Xᵀ·r backward)");
        var (xt, yt, tt) = Tensors(dtype, x, y, theta);
        using (xt)
        using (yt)
        using (tt)
        {
            var valueAndGrad = Ax.Jit(Ax.ValueAndGrad(Density(dtype, xt, yt)));
            row.Axle = h.Time($"seed_grad_{dt} (Axle)", () =>
            {
                var (v, g) = valueAndGrad(tt);
                v.Dispose();
                g.Dispose();
            });
            var (value, grad) = valueAndGrad(tt);
            double[] vs = [f64 ? value.Item<double>() : value.Item<float>()];
            double[] gs = f64 ? grad.ToArray<double>() : Harness.Flat<float>(grad);
            var (vr, va, gr, ga) = f64 ? (1e-9, 1e-9, 1e-8, 1e-8) : (1e-4, 1e-2, 1e-3, 1e-2);
            if (h.PyTorch(row, $"seed_grad_{dt}", vr, va, ("value", vs)) is { } torch)
                h.ComparePyTorch(row, torch, "grad", gs, gr, ga);
        }
    }

    private static void PriorSampler(Harness h, double[] x)
    {
        const int draws = 10_000;
        var row = h.NewRow("seed prior sampler, Vmap over 10,000 keys, f64");
        row.Target = Target.CompileUnder(300);
        var m = SeedModel.BuildCentered(DType.F64);
        var priorSample = Ax.Function([m.X], [m.Tau, m.Lambda, m.Beta]);
        var sample = Ax.Jit(Ax.Vmap(priorSample, inAxes: [0, null]));
        using var xt = Tensor.From(x, N, D);
        using var keys = Rng.Split(Rng.Key(0), draws);
        row.Axle = h.Time("prior_vmap (Axle)", () =>
        {
            foreach (var t in sample(keys, xt)) t.Dispose();
        });
        var (tau, lambda, _) = sample(keys, xt);
        var torch = h.PyTorch(row, "prior_vmap");
        if (torch is not null)
        {
            // Different generators: compare the draws' distributions, not the draws.
            h.Agreement.CheckStatistic(row, "PyTorch", "median tau", Median(tau.ToArray<double>()), torch.Stats["median_tau"], 0.08);
            h.Agreement.CheckStatistic(row, "PyTorch", "median lambda", Median(lambda.ToArray<double>()), torch.Stats["median_lambda"], 0.01);
        }
    }

    private static void PosteriorPredictive(Harness h, double[] x)
    {
        const int draws = 1_000;
        var row = h.NewRow("seed posterior predictive, 1,000 draws × 10,000 rows, f64");
        row.Target = Target.CompileUnder(300);
        var m = SeedModel.BuildCentered(DType.F64);
        var predictive = Ax.Function([m.X, m.Tau, m.Lambda, m.Beta], m.Y);
        var sample = Ax.Jit(Ax.Vmap(predictive, inAxes: [0, null, 0, 0, 0]));
        using var xt = Tensor.From(x, N, D);
        using var keys = Rng.Split(Rng.Key(1), draws);
        using var tau = Tensor.From(Data.F64(draws, 10, scale: 0.25, shift: 0.5), draws);
        using var lambda = Tensor.From(Data.F64(draws * D, 11, scale: 0.5, shift: 1), draws, D);
        using var beta = Tensor.From(Data.F64(draws * D, 12, scale: 0.3), draws, D);
        row.Axle = h.Time("predictive (Axle)", () => sample(keys, xt, tau, lambda, beta).Dispose());
        bool[] ys = sample(keys, xt, tau, lambda, beta).ToArray<bool>();
        var torch = h.PyTorch(row, "predictive");
        if (torch is not null)
            h.Agreement.CheckStatistic(row, "PyTorch", "mean y", ys.Average(b => b ? 1.0 : 0.0), torch.Stats["mean_y"], 0.003);
    }

    private static double Median(double[] v)
    {
        Array.Sort(v);
        return v[v.Length / 2];
    }
}
