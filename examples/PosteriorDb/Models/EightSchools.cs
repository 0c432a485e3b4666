using Axle.Inference;

namespace Axle.Examples.PosteriorDb.Models;

/// <summary>
/// posteriordb's <c>eight_schools-eight_schools_noncentered</c>: theta = mu + tau·theta_trans with theta_trans ~ normal(0, 1),
/// y ~ normal(theta, sigma), mu ~ normal(0, 5), tau ~ cauchy(0, 5) on tau &gt; 0. Written as a RandomStream model,
/// theta ~ normal(mu, tau) with <see cref="Reparam.NonCentered"/>: the sampler's coordinates are Stan's theta_trans, and
/// the draws are of theta (the transformed parameter the reference lists), mu and tau.
/// </summary>
internal static class EightSchools
{
    public static PosteriorDbModel Model { get; } = new("eight_schools-eight_schools_noncentered", "RandomStream", Build,
        PosteriorDbModel.Standard(seed: 1, warmup: 300, targetAcceptance: 0.95));

    private static Posterior Build(StanData data)
    {
        var sigma = Sym.Vector("sigma", DType.F64);
        var s = new RandomStream(DType.F64);
        var mu = s.Normal(0.0, 5.0, name: "mu");
        var tau = s.HalfCauchy(0.0, 5.0, name: "tau");
        var theta = s.Normal(mu, tau, size: sigma.Shape[0], name: "theta");
        var y = s.Normal(theta, sigma, name: "y");
        return Ppl.Posterior([theta, mu, tau], observed: [(y, data.VectorTensor("y"))], inputs: [(sigma, data.VectorTensor("sigma"))],
            reparam: Reparam.NonCentered(theta));
    }
}
