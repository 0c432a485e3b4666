using Axle.Inference;
using MathNet.Numerics.Distributions;

namespace Axle.Sbc;

/// <summary>
/// Simulation-based calibration (Talts et al. 2018) of the NUTS sampler on a small hierarchical model: for each
/// replication, draw the parameters from the prior and data from the likelihood, sample the posterior, and rank each
/// true parameter among the (thinned) posterior draws. A calibrated sampler gives uniform ranks; the check is a χ²
/// test of the rank histogram per parameter. All replications run as one batch of posteriors
/// (<c>Nuts.Sample</c> with each chain's own data), so the sampler compiles once.
/// </summary>
/// <remarks>
/// Model (J groups, σ = 1): μ ~ N(0, 1), τ ~ half-N(1), θ_j ~ N(μ, τ), y_j ~ N(θ_j, 1); sampled non-centered on
/// (z_1..z_J, μ, log τ) with θ = μ + τ z.
/// </remarks>
public static class SbcRun
{
    public const int Groups = 4;

    /// <summary>The parameters whose ranks are tested.</summary>
    public static readonly string[] Parameters = ["mu", "tau", "theta[1]", "theta[4]"];

    /// <summary>What one calibration run found.</summary>
    /// <param name="Ranks">Per parameter, the rank of the truth among the kept draws of each replication (0..draws).</param>
    /// <param name="Draws">Kept (thinned) draws per replication.</param>
    /// <param name="Bins">Histogram bins of the χ² test.</param>
    /// <param name="PValues">Per parameter, the χ² test's p-value.</param>
    /// <param name="Divergences">Divergent transitions over all replications after warm-up.</param>
    /// <param name="Seconds">Wall time of the sampling (compilation included).</param>
    public sealed record Result(Dictionary<string, int[]> Ranks, int Draws, int Bins, Dictionary<string, double> PValues, int Divergences, double Seconds);

    /// <summary>Runs <paramref name="replications"/> fits of <paramref name="warmup"/> + <paramref name="draws"/>·<paramref name="thin"/> iterations.</summary>
    public static Result Run(int replications, int warmup = 300, int draws = 99, int thin = 3, int bins = 10, long seed = 1)
    {
        var rng = new Random((int)seed);
        var truth = new double[replications, Groups + 2];
        var y = new double[replications * Groups];
        for (int r = 0; r < replications; r++)
        {
            double mu = Normal.Sample(rng, 0, 1), tau = Math.Abs(Normal.Sample(rng, 0, 1));
            truth[r, 0] = mu;
            truth[r, 1] = tau;
            for (int j = 0; j < Groups; j++)
            {
                double theta = mu + tau * Normal.Sample(rng, 0, 1);
                truth[r, 2 + j] = theta;
                y[r * Groups + j] = theta + Normal.Sample(rng, 0, 1);
            }
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Tensor init = Rng.Uniform(Rng.Key(seed), [replications, Groups + 2], DType.F64, -2.0, 2.0);
        var idata = Nuts.Sample(LogDensity, init, Tensor.From(y, replications, Groups),
            new NutsOptions { Seed = seed, Warmup = warmup, Draws = draws * thin, TargetAcceptance = 0.9 });
        double seconds = clock.Elapsed.TotalSeconds;

        double[] flat = idata.Posterior!["theta"].ToArray<double>();
        int total = draws * thin, dim = Groups + 2;
        double Draw(int r, int t, int p)
        {
            double mu = flat[(r * total + t) * dim + Groups], tau = Math.Exp(flat[(r * total + t) * dim + Groups + 1]);
            return p switch
            {
                0 => mu,
                1 => tau,
                _ => mu + tau * flat[(r * total + t) * dim + (p - 2)],
            };
        }
        int[] columns = [0, 1, 2, 2 + Groups - 1];
        var ranks = new Dictionary<string, int[]>();
        var pValues = new Dictionary<string, double>();
        for (int k = 0; k < Parameters.Length; k++)
        {
            int p = columns[k];
            var rank = new int[replications];
            for (int r = 0; r < replications; r++)
                for (int t = thin - 1; t < total; t += thin)
                    if (Draw(r, t, p) < truth[r, p]) rank[r]++;
            ranks[Parameters[k]] = rank;
            pValues[Parameters[k]] = UniformityPValue(rank, draws + 1, bins);
        }
        int divergences = idata.SampleStats!["diverging"].ToArray<bool>().Count(d => d);
        return new Result(ranks, draws, bins, pValues, divergences, seconds);
    }

    /// <summary>χ² p-value of ranks in 0..<paramref name="values"/>-1 against the uniform, over <paramref name="bins"/> equal bins.</summary>
    public static double UniformityPValue(int[] ranks, int values, int bins)
    {
        if (values % bins != 0) throw new ArgumentException($"{values} rank values do not split into {bins} equal bins", nameof(bins));
        var counts = new int[bins];
        foreach (int r in ranks) counts[r * bins / values]++;
        double expected = ranks.Length / (double)bins;
        double chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);
        return 1 - ChiSquared.CDF(bins - 1, chi2);
    }

    /// <summary>One replication's log-density on (z (J), μ, log τ) given its data y (J), with the log-Jacobian of τ = e^u.</summary>
    public static Tensor LogDensity(Tensor p, Tensor y)
    {
        Tensor z = p[..Groups], mu = p[Groups], logTau = p[Groups + 1], tau = Ops.Exp(logTau);
        Tensor theta = mu + tau * z;
        return -0.5 * Ops.Sum(Ops.Square(z)) - 0.5 * Ops.Square(mu) - 0.5 * Ops.Square(tau) + logTau
            - 0.5 * Ops.Sum(Ops.Square(y - theta));
    }
}
