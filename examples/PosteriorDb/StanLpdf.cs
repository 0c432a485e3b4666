namespace Axle.Examples.PosteriorDb;

/// <summary>
/// Stan's log-densities for the Param models, summed over their elements as Stan's vectorized statements sum them, and
/// without the terms that are constant in the parameters, as Stan's <c>~</c> drops them (a constant changes nothing
/// the sampler sees).
/// </summary>
internal static class StanLpdf
{
    /// <summary>Σ normal_lpdf(x | mu, sigma) up to a constant.</summary>
    public static Tensor Normal(Tensor x, Tensor mu, Tensor sigma) => Ops.Sum(-0.5 * Ops.Square((x - mu) / sigma) - Ops.Log(sigma));

    /// <summary>Σ cauchy_lpdf(x | mu, sigma) up to a constant.</summary>
    public static Tensor Cauchy(Tensor x, Tensor mu, Tensor sigma) => Ops.Sum(-Ops.Log(sigma) - Ops.Log1p(Ops.Square((x - mu) / sigma)));

    /// <summary>Σ beta_lpdf(x | a, b) up to a constant (a, b constants).</summary>
    public static Tensor Beta(Tensor x, double a, double b) => Ops.Sum((a - 1) * Ops.Log(x) + (b - 1) * Ops.Log1p(-x));

    /// <summary>Elementwise log(exp(a) + exp(b)), stable (Stan's <c>log_sum_exp</c> of two).</summary>
    public static Tensor LogSumExp(Tensor a, Tensor b) => Ops.LogSumExp(Ops.Stack([a, b]), 0);
}
