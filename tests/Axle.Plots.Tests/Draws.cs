using Axle.Inference;

namespace Axle.Plots.Tests;

/// <summary>
/// A small deterministic InferenceData like one NUTS run gives: 4 chains × 200 draws of a correlated 2-d
/// Gaussian <c>theta</c> (dim <c>theta_dim_0</c>) and a scalar <c>sigma</c>, each chain an AR(1) process so the
/// traces look sampled; <c>diverging</c> marks the draws where theta[0] is below −1.8 (a tail, as divergences
/// cluster); <c>energy</c> is a χ²-like level with autocorrelated steps.
/// </summary>
internal static class Draws
{
    public const int Chains = 4, PerChain = 200;

    public static InferenceData Gaussian2d(bool withDivergences = true, bool withEnergy = true)
    {
        var rng = new Random(17);
        var theta = new double[Chains * PerChain * 2];
        var sigma = new double[Chains * PerChain];
        var diverging = new bool[Chains * PerChain];
        var energy = new double[Chains * PerChain];
        const double rho = 0.6, corr = 0.7;
        for (int c = 0; c < Chains; c++)
        {
            double a = Normal(rng), b = Normal(rng), s = Normal(rng), e = 0;
            for (int d = 0; d < PerChain; d++)
            {
                int i = c * PerChain + d;
                a = rho * a + Math.Sqrt(1 - rho * rho) * Normal(rng);
                b = rho * b + Math.Sqrt(1 - rho * rho) * Normal(rng);
                s = rho * s + Math.Sqrt(1 - rho * rho) * Normal(rng);
                theta[2 * i] = 1 + a;
                theta[2 * i + 1] = -0.5 + 2 * (corr * a + Math.Sqrt(1 - corr * corr) * b);
                sigma[i] = Math.Exp(0.3 * s);
                diverging[i] = withDivergences && a < -1.8;
                e = 0.5 * e + Normal(rng) * 1.5;
                energy[i] = 5 + e + 0.5 * (a * a + b * b);
            }
        }
        var posterior = new InferenceGroup(
        [
            new InferenceVariable("theta", Tensor.From(theta, Chains, PerChain, 2), ["chain", "draw", "theta_dim_0"]),
            new InferenceVariable("sigma", Tensor.From(sigma, Chains, PerChain), ["chain", "draw"]),
        ]);
        var stats = new List<InferenceVariable>
        {
            new("diverging", Tensor.From(diverging, Chains, PerChain), ["chain", "draw"]),
            new("lp", Tensor.From(energy.Select(x => -x).ToArray(), Chains, PerChain), ["chain", "draw"]),
        };
        if (withEnergy) stats.Add(new InferenceVariable("energy", Tensor.From(energy, Chains, PerChain), ["chain", "draw"]));
        return new InferenceData { Posterior = posterior, SampleStats = new InferenceGroup(stats) };
    }

    /// <summary>How many draws the fixture marks divergent.</summary>
    public static int DivergentCount(InferenceData idata) =>
        idata.SampleStats!.Variable("diverging").ToDoubles().Count(x => x != 0);

    public static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
