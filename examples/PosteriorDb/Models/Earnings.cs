using Axle.Inference;

namespace Axle.Examples.PosteriorDb.Models;

/// <summary>
/// posteriordb's <c>earnings-logearn_interaction_z</c>: log(earn) ~ normal(beta[1] + beta[2]·z_height + beta[3]·male +
/// beta[4]·z_height·male, sigma) with height standardized (transformed data) and flat priors on beta and sigma &gt; 0.
/// Written as a Param log-density (a RandomStream variable needs a proper prior).
/// </summary>
internal static class Earnings
{
    public static PosteriorDbModel Model { get; } = new("earnings-logearn_interaction_z", "Param", Build,
        PosteriorDbModel.Standard(seed: 1, warmup: 300, targetAcceptance: 0.8));

    private static Posterior Build(StanData data)
    {
        double[] earn = data.Vector("earn"), height = data.Vector("height");
        double mean = height.Average(), sd = Math.Sqrt(height.Sum(h => (h - mean) * (h - mean)) / (height.Length - 1)); // Stan's sd: n − 1
        int n = earn.Length;
        Tensor logEarn = Tensor.From(earn.Select(e => Math.Log(e)).ToArray(), n);
        Tensor zHeight = Tensor.From(height.Select(h => (h - mean) / sd).ToArray(), n);
        Tensor male = data.VectorTensor("male");
        Tensor inter = zHeight * male;
        return Ppl.Posterior([Param.Real("beta", 4), Param.Positive("sigma")], p =>
        {
            Tensor beta = p["beta"];
            return StanLpdf.Normal(logEarn, beta[0] + beta[1] * zHeight + beta[2] * male + beta[3] * inter, p["sigma"]);
        });
    }
}
