namespace Axle;

// Families whose values have an event axis (the last one): the log-density is per event.
// Also the truncated normal, whose normalizer needs the normal CDF.
internal static partial class LogDensities
{
    private const double Sqrt2 = 1.4142135623730951;

    /// <summary>Dirichlet(alpha) over the last axis; -inf unless every x &gt; 0 and they sum to 1 (to rounding).</summary>
    private static Tensor Dirichlet(Tensor x, Tensor[] ps, RandomVariable rv)
    {
        Tensor alpha = Param(rv, ps, "alpha");
        double tolerance = x.DType == DType.F64 ? 1e-9 : 1e-4;
        Tensor positive = Ops.Equal(Ops.Sum(Ops.Where(x > 0.0, 0.0, 1.0), -1), 0.0);
        Tensor simplex = Ops.LogicalAnd(positive, Ops.Abs(Ops.Sum(x, -1) - 1.0) <= tolerance);
        Tensor safe = Ops.Where(x > 0.0, x, 1.0);
        Tensor lp = Ops.Sum((alpha - 1.0) * Ops.Log(safe), -1) + Ops.Lgamma(Ops.Sum(alpha, -1)) - Ops.Sum(Ops.Lgamma(alpha), -1);
        return Support(simplex, lp);
    }

    /// <summary>MultivariateNormal(mean, cov) over the last axis, through the Cholesky factor of cov.</summary>
    private static Tensor MultivariateNormal(Tensor x, Tensor[] ps, RandomVariable rv)
    {
        Tensor mean = Param(rv, ps, "mean"), cov = Param(rv, ps, "cov");
        Tensor l = Ops.Cholesky(cov);
        // z·Lᵀ = x - mean, so |z|² = (x - mean)ᵀ cov⁻¹ (x - mean); a row vector keeps batch axes in front.
        Tensor diff = Ops.ExpandDims(x - mean, -2);
        Tensor z = Ops.TriangularSolve(l, diff, leftSide: false, lower: true, transposeA: true);
        Tensor quad = Ops.Sum(Ops.Square(z), [-2, -1]);
        Tensor logDet = Ops.Sum(Ops.Log(Ops.Diagonal(l, 0, -2, -1)), -1);
        int n = x.Shape[^1].Value;
        return -0.5 * quad - logDet - 0.5 * n * LogTwoPi;
    }

    /// <summary>Normal(loc, scale) truncated to [lower, upper] (bounds in the value's units, may be infinite).</summary>
    private static Tensor TruncatedNormal(Tensor x, Tensor[] ps, RandomVariable rv)
    {
        Tensor loc = Param(rv, ps, "loc"), scale = Param(rv, ps, "scale"), lower = Param(rv, ps, "lower"), upper = Param(rv, ps, "upper");
        Tensor a = (lower - loc) / scale, b = (upper - loc) / scale;
        // Φ(b) - Φ(a) from the tail that keeps precision: both bounds above the mean use the upper tail.
        Tensor upperTail = 0.5 * (Ops.Erfc(a / Sqrt2) - Ops.Erfc(b / Sqrt2));
        Tensor lowerTail = 0.5 * (Ops.Erfc(-b / Sqrt2) - Ops.Erfc(-a / Sqrt2));
        Tensor mass = Ops.Where(a > 0.0, upperTail, lowerTail);
        return Support(Ops.LogicalAnd(x >= lower, x <= upper), NormalLogPdf(x, loc, scale) - Ops.Log(mass));
    }
}
