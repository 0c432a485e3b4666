using Axle.Bench.Ppl.Stan;
using Axle.Inference;
using static Axle.Ops;

namespace Axle.Bench.Ppl.Workloads;

/// <summary>The Gaussian workloads: a correlated 100-d normal (dense metric) and a 10-d standard normal (per-step overhead).</summary>
internal static class Gaussians
{
    /// <summary>
    /// N(μ, Σ) in 100 dimensions: Σ = S R S with R_ij = 0.9^|i−j| (AR(1)) and scales S from 0.3 to 3 (log-spaced),
    /// μ_i = sin i. Strong neighbour correlation and a 10× spread of scales: a dense metric turns it into a near-isotropic
    /// normal. Both samplers get the dense metric and evaluate the same quadratic form with the exact precision matrix.
    /// </summary>
    public static Workload Correlated100()
    {
        const int D = 100;
        const double rho = 0.9;
        double[] scale = Enumerable.Range(0, D).Select(i => 0.3 * Math.Pow(10, i / (D - 1.0))).ToArray();
        double[] mean = Enumerable.Range(0, D).Select(i => Math.Sin(i)).ToArray();
        // R⁻¹ of an AR(1) correlation is tridiagonal: (1/(1−ρ²))·(diag(1, 1+ρ², …, 1+ρ², 1) − ρ on the off-diagonals).
        var precision = new double[D, D];
        double k = 1 / (1 - rho * rho);
        for (int i = 0; i < D; i++)
        {
            precision[i, i] = k * (i == 0 || i == D - 1 ? 1 : 1 + rho * rho) / (scale[i] * scale[i]);
            if (i + 1 < D) precision[i, i + 1] = precision[i + 1, i] = -k * rho / (scale[i] * scale[i + 1]);
        }
        Tensor p = Tensor.From(precision), mu = Tensor.From(mean, D);
        return new Workload
        {
            Name = "gauss100",
            Title = "gauss100: 100-d normal, Σ = S R S, R_ij = 0.9^|i−j|, scales 0.3–3, dense metric (Stan: dense_e), adapt_delta 0.8",
            StanFile = "gaussian.stan",
            StanData = new StanData().Int("D", D).Reals("mu", mean).Matrix("P", precision),
            Dim = D,
            LogDensity = x =>
            {
                Tensor d = x - mu;
                return -0.5 * Sum(d * MatMul(p, d));
            },
            FromAxle = Coordinates(D),
            Parameters = Names(D),
            Reference = Names(D).Select((n, i) => (n, i)).ToDictionary(t => t.n, t => (mean[t.i], scale[t.i])),
            ReferenceSource = "exact",
            Metric = Metric.Dense,
            TargetAcceptance = 0.8,
            Target = new EssTarget(1, Clean: false),
        };
    }

    /// <summary>
    /// N(0, I) in 10 dimensions: the gradient is a few flops, so leapfrog steps per second measure the sampler's own
    /// per-step cost. 10,000 draws per chain, so that fixed costs (start-up, the warm-up's window ends) stay small.
    /// </summary>
    public static Workload StandardNormal10()
    {
        const int D = 10;
        return new Workload
        {
            Name = "normal10",
            Title = "normal10: 10-d standard normal, 1,000 warm-up + 10,000 draws per chain, adapt_delta 0.8",
            StanFile = "std_normal.stan",
            StanData = new StanData().Int("D", D),
            Dim = D,
            LogDensity = x => -0.5 * Sum(Square(x)),
            FromAxle = Coordinates(D),
            Parameters = Names(D),
            Reference = Names(D).ToDictionary(n => n, _ => (0.0, 1.0)),
            ReferenceSource = "exact",
            TargetAcceptance = 0.8,
            Draws = 10_000,
            Target = new LeapfrogTarget(),
        };
    }

    private static string[] Names(int d) => Enumerable.Range(1, d).Select(i => $"x[{i}]").ToArray();

    private static Func<Func<int, double[,]>, IReadOnlyDictionary<string, double[,]>> Coordinates(int d) =>
        component => Enumerable.Range(0, d).ToDictionary(i => $"x[{i + 1}]", component);
}
