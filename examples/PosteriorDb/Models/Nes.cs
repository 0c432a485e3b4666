using Axle.Inference;

namespace Axle.Examples.PosteriorDb.Models;

/// <summary>
/// posteriordb's <c>nes1972-nes</c>: partyid7 ~ normal(beta[1] + beta[2]·real_ideo + beta[3]·race_adj + beta[4..6]·age
/// indicators (30–44, 45–64, 65+; transformed data from age_discrete) + beta[7]·educ1 + beta[8]·gender + beta[9]·income,
/// sigma) with flat priors on beta and sigma &gt; 0. Written as a Param log-density.
/// </summary>
internal static class Nes
{
    public static PosteriorDbModel Model { get; } = new("nes1972-nes", "Param", Build, PosteriorDbModel.Standard(seed: 1, warmup: 300, targetAcceptance: 0.8));

    private static Posterior Build(StanData data)
    {
        double[] age = data.Vector("age_discrete");
        int n = age.Length;
        Tensor Indicator(int level) => Tensor.From(age.Select(a => a == level ? 1.0 : 0.0).ToArray(), n);
        Tensor partyId7 = data.VectorTensor("partyid7"), realIdeo = data.VectorTensor("real_ideo"), raceAdj = data.VectorTensor("race_adj");
        Tensor age30To44 = Indicator(2), age45To64 = Indicator(3), age65Up = Indicator(4);
        Tensor educ1 = data.VectorTensor("educ1"), gender = data.VectorTensor("gender"), income = data.VectorTensor("income");
        return Ppl.Posterior([Param.Real("beta", 9), Param.Positive("sigma")], p =>
        {
            Tensor beta = p["beta"];
            return StanLpdf.Normal(partyId7, beta[0] + beta[1] * realIdeo + beta[2] * raceAdj + beta[3] * age30To44 + beta[4] * age45To64
                + beta[5] * age65Up + beta[6] * educ1 + beta[7] * gender + beta[8] * income, p["sigma"]);
        });
    }
}
