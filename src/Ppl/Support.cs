namespace Axle;

/// <summary>The set a latent variable's values live in; it picks the bijector that unconstrains it.</summary>
public enum Support
{
    /// <summary>Any real value (identity; or a non-centered location–scale variable).</summary>
    Real,

    /// <summary>x &gt; 0 (x = exp(u)).</summary>
    Positive,

    /// <summary>x &gt; lower (x = lower + exp(u)); the bound may be an expression of other variables.</summary>
    LowerBounded,

    /// <summary>x &lt; upper (x = upper - exp(u)); the bound may be an expression of other variables.</summary>
    UpperBounded,

    /// <summary>lower &lt; x &lt; upper (scaled logit); bounds may be expressions of other variables, infinite bounds drop out elementwise.</summary>
    Interval,

    /// <summary>Vectors on the last axis with positive entries summing to 1 (Stan's stick-breaking, K - 1 free values per vector).</summary>
    Simplex,

    /// <summary>Strictly increasing vectors on the last axis (x₁ = u₁, xₖ = xₖ₋₁ + exp(uₖ)).</summary>
    Ordered,

    /// <summary>Positive, strictly increasing vectors on the last axis (xₖ = xₖ₋₁ + exp(uₖ), x₀ = 0).</summary>
    PositiveOrdered,

    /// <summary>Lower-triangular Cholesky factors of correlation matrices, (K, K) (Stan's tanh of canonical partial correlations, K(K - 1)/2 free values).</summary>
    CholeskyCorrelation,
}
