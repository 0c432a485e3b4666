using Axle.Inference;

namespace Axle.Examples.PosteriorDb.Models;

/// <summary>
/// posteriordb's <c>low_dim_gauss_mix-low_dim_gauss_mix</c>: a two-component normal mixture,
/// log_mix(theta, normal_lpdf(y[n] | mu[1], sigma[1]), normal_lpdf(y[n] | mu[2], sigma[2])) per observation, ordered mu ~ normal(0, 2),
/// sigma ~ normal(0, 2) on sigma &gt; 0, theta ~ beta(5, 5) on (0, 1). Written as a Param log-density.
/// </summary>
internal static class LowDimGaussMix
{
    public static PosteriorDbModel Model { get; } = new("low_dim_gauss_mix-low_dim_gauss_mix", "Param", Build,
        PosteriorDbModel.Standard(seed: 1, warmup: 300, targetAcceptance: 0.8));

    private static Posterior Build(StanData data)
    {
        Tensor y = data.VectorTensor("y");
        return Ppl.Posterior([Param.Ordered("mu", 2), Param.Positive("sigma", 2), Param.Interval("theta", 0, 1)], p =>
        {
            Tensor mu = p["mu"], sigma = p["sigma"], theta = p["theta"];
            Tensor prior = StanLpdf.Normal(sigma, 0.0, 2.0) + StanLpdf.Normal(mu, 0.0, 2.0) + StanLpdf.Beta(theta, 5, 5);
            // log_mix(θ, a, b) = log(θ·e^a + (1 − θ)·e^b); normal_lpdf(y | m, s) = −½((y − m)/s)² − log s (+ a constant).
            Tensor a = Ops.Log(theta) - 0.5 * Ops.Square((y - mu[0]) / sigma[0]) - Ops.Log(sigma[0]);
            Tensor b = Ops.Log1p(-theta) - 0.5 * Ops.Square((y - mu[1]) / sigma[1]) - Ops.Log(sigma[1]);
            return prior + Ops.Sum(StanLpdf.LogSumExp(a, b));
        });
    }
}
