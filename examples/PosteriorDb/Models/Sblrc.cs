using Axle.Inference;

namespace Axle.Examples.PosteriorDb.Models;

/// <summary>
/// posteriordb's <c>sblrc-blr</c>: Bayesian linear regression y ~ normal(X·beta, sigma), beta ~ normal(0, 10),
/// sigma ~ normal(0, 10) on sigma &gt; 0 (a half-normal). Written as a RandomStream model.
/// </summary>
internal static class Sblrc
{
    public static PosteriorDbModel Model { get; } = new("sblrc-blr", "RandomStream", Build, PosteriorDbModel.Standard(seed: 1, warmup: 300, targetAcceptance: 0.8));

    private static Posterior Build(StanData data)
    {
        var x = Sym.Matrix("X", DType.F64);
        var s = new RandomStream(DType.F64);
        var beta = s.Normal(0.0, 10.0, size: x.Shape[1], name: "beta");
        var sigma = s.HalfNormal(0.0, 10.0, name: "sigma");
        var y = s.Normal(Ops.MatMul(x, beta), sigma, name: "y");
        return Ppl.Posterior([beta, sigma], observed: [(y, data.VectorTensor("y"))], inputs: [(x, data.MatrixTensor("X"))]);
    }
}
