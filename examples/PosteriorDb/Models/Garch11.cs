using Axle.Inference;

namespace Axle.Examples.PosteriorDb.Models;

/// <summary>
/// posteriordb's <c>garch-garch11</c>: y ~ normal(mu, sigma) with sigma[1] = sigma1 and
/// sigma[t] = sqrt(alpha0 + alpha1·(y[t−1] − mu)² + beta1·sigma[t−1]²); flat priors on mu, alpha0 &gt; 0,
/// alpha1 ∈ (0, 1) and beta1 ∈ (0, 1 − alpha1) (a bound that reads alpha1). Written as a Param log-density, the
/// recursion as <c>Ax.Scan</c>.
/// </summary>
internal static class Garch11
{
    public static PosteriorDbModel Model { get; } = new("garch-garch11", "Param", Build, PosteriorDbModel.Standard(seed: 1, warmup: 300, targetAcceptance: 0.8));

    private static Posterior Build(StanData data)
    {
        Tensor y = data.VectorTensor("y"), sigma1 = Tensor.From(data.Real("sigma1"));
        int t = y.Shape[0].Value;
        return Ppl.Posterior(
            [Param.Real("mu"), Param.Positive("alpha0"), Param.Interval("alpha1", 0, 1), Param.Interval("beta1", 0, p => 1 - p["alpha1"])],
            p =>
            {
                Tensor mu = p["mu"], alpha0 = p["alpha0"], alpha1 = p["alpha1"], beta1 = p["beta1"];
                var (_, later) = Ax.Scan((sigma, yPrevious) =>
                {
                    Tensor next = Ops.Sqrt(alpha0 + alpha1 * Ops.Square(yPrevious - mu) + beta1 * Ops.Square(sigma));
                    return (next, next);
                }, sigma1, y[..(t - 1)]);
                return StanLpdf.Normal(y, mu, Ops.Concatenate([Ops.Reshape(sigma1, 1), later], 0));
            });
    }
}
