using Axle.Inference;

namespace Axle.Examples.PosteriorDb.Models;

/// <summary>
/// posteriordb's <c>gp_pois_regr-gp_pois_regr</c>: a latent Gaussian process f = L·f_tilde (L the Cholesky factor of
/// gp_exp_quad_cov(x, alpha, rho) + 1e-10·I, f_tilde ~ normal(0, 1)), k ~ poisson_log(f), rho ~ gamma(25, 4),
/// alpha ~ normal(0, 2) on alpha &gt; 0. Written as a RandomStream model, f ~ multi_normal(0, K) with
/// <see cref="Reparam.NonCentered"/>: the sampler's coordinates are Stan's f_tilde and the draws are of f. δ = 0.99: at
/// 0.95 one divergent transition remained (seed 1, nutpie), as Stan at its defaults has some on this posterior.
/// </summary>
internal static class GpPoisRegr
{
    public static PosteriorDbModel Model { get; } = new("gp_pois_regr-gp_pois_regr", "RandomStream", Build,
        PosteriorDbModel.Standard(seed: 1, warmup: 400, targetAcceptance: 0.99));

    private static Posterior Build(StanData data)
    {
        double[] xs = data.Vector("x"), ks = data.Vector("k");
        int n = xs.Length;
        var x = Sym.Vector("x", DType.F64, n);
        var s = new RandomStream(DType.F64);
        var rho = s.Gamma(25.0, 0.25, name: "rho"); // Stan's gamma(25, 4) is shape 25, rate 4
        var alpha = s.HalfNormal(0.0, 2.0, name: "alpha");
        Tensor d = Ops.ExpandDims(x, 1) - Ops.ExpandDims(x, 0);
        Tensor cov = Ops.Square(alpha) * Ops.Exp(-0.5 * Ops.Square(d) / Ops.Square(rho)) + 1e-10 * Ops.Eye(n, dtype: DType.F64);
        var f = s.MultivariateNormal(Ops.Zeros([n], DType.F64), cov, name: "f");
        var k = s.Poisson(Ops.Exp(f), name: "k");
        return Ppl.Posterior([rho, alpha, f], observed: [(k, Tensor.From(ks.Select(v => (int)v).ToArray(), n))],
            inputs: [(x, Tensor.From(xs, n))], reparam: Reparam.NonCentered(f));
    }
}
