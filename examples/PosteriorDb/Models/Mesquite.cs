using Axle.Inference;

namespace Axle.Examples.PosteriorDb.Models;

/// <summary>
/// posteriordb's <c>mesquite-logmesquite_logvash</c>: log(weight) ~ normal(beta[1] + beta[2]·log canopy volume +
/// beta[3]·log canopy area + beta[4]·log canopy shape + beta[5]·log total height + beta[6]·group, sigma), the logs
/// transformed data, flat priors on beta and sigma &gt; 0. Written as a Param log-density. The predictors are correlated
/// (canopy volume = area × height): a dense metric (bulk ESS ≈ 4,500 against ≈ 750 with nutpie's diagonal one).
/// </summary>
internal static class Mesquite
{
    public static PosteriorDbModel Model { get; } = new("mesquite-logmesquite_logvash", "Param", Build,
        PosteriorDbModel.Standard(seed: 1, warmup: 500, targetAcceptance: 0.8, Adaptation.Stan, Metric.Dense));

    private static Posterior Build(StanData data)
    {
        double[] weight = data.Vector("weight"), diam1 = data.Vector("diam1"), diam2 = data.Vector("diam2");
        double[] canopyHeight = data.Vector("canopy_height"), totalHeight = data.Vector("total_height");
        int n = weight.Length;
        Tensor Log(Func<int, double> f) => Tensor.From(Enumerable.Range(0, n).Select(i => Math.Log(f(i))).ToArray(), n);
        Tensor logWeight = Log(i => weight[i]);
        Tensor logCanopyVolume = Log(i => diam1[i] * diam2[i] * canopyHeight[i]);
        Tensor logCanopyArea = Log(i => diam1[i] * diam2[i]);
        Tensor logCanopyShape = Log(i => diam1[i] / diam2[i]);
        Tensor logTotalHeight = Log(i => totalHeight[i]);
        Tensor group = data.VectorTensor("group");
        return Ppl.Posterior([Param.Real("beta", 6), Param.Positive("sigma")], p =>
        {
            Tensor beta = p["beta"];
            return StanLpdf.Normal(logWeight, beta[0] + beta[1] * logCanopyVolume + beta[2] * logCanopyArea + beta[3] * logCanopyShape
                + beta[4] * logTotalHeight + beta[5] * group, p["sigma"]);
        });
    }
}
