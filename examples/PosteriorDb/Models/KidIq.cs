using Axle.Inference;

namespace Axle.Examples.PosteriorDb.Models;

/// <summary>
/// posteriordb's <c>kidiq-kidscore_momiq</c>: kid_score ~ normal(beta[1] + beta[2]·mom_iq, sigma), sigma ~ cauchy(0, 2.5)
/// on sigma &gt; 0, flat beta. Written as a Param log-density. mom_iq is not centered (mean ≈ 100), so beta[1] and
/// beta[2] are correlated (≈ −0.99): a dense metric.
/// </summary>
internal static class KidIq
{
    public static PosteriorDbModel Model { get; } = new("kidiq-kidscore_momiq", "Param", Build,
        PosteriorDbModel.Standard(seed: 1, warmup: 500, targetAcceptance: 0.8, Adaptation.Stan, Metric.Dense));

    private static Posterior Build(StanData data)
    {
        Tensor kidScore = data.VectorTensor("kid_score"), momIq = data.VectorTensor("mom_iq");
        return Ppl.Posterior([Param.Real("beta", 2), Param.Positive("sigma")], p =>
        {
            Tensor beta = p["beta"], sigma = p["sigma"];
            return StanLpdf.Cauchy(sigma, 0.0, 2.5) + StanLpdf.Normal(kidScore, beta[0] + beta[1] * momIq, sigma);
        });
    }
}
