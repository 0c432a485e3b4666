namespace Axle;

// Families on an interval: uniform, exponential, gamma, beta.
internal static partial class LogDensities
{
    private static Tensor Uniform(Tensor x, Tensor[] ps, RandomVariable rv)
    {
        Tensor low = Param(rv, ps, "low"), high = Param(rv, ps, "high");
        return Support(Ops.LogicalAnd(x >= low, x <= high), Ops.ZerosLike(x) - Ops.Log(high - low));
    }

    /// <summary>Exponential(scale) (Aesara's parameter), or Exponential(rate) when the variable has a rate.</summary>
    private static Tensor Exponential(Tensor x, Tensor[] ps, RandomVariable rv)
    {
        Tensor lp = Has(rv, "rate")
            ? Ops.Log(Param(rv, ps, "rate")) - x * Param(rv, ps, "rate")
            : -Ops.Log(Param(rv, ps, "scale")) - x / Param(rv, ps, "scale");
        return Support(x >= 0.0, lp);
    }

    /// <summary>Gamma(shape, scale) or Gamma(shape, rate), whichever the variable names.</summary>
    private static Tensor Gamma(Tensor x, Tensor[] ps, RandomVariable rv)
    {
        Tensor a = Param(rv, ps, "shape", "alpha", "a", "concentration");
        Tensor logRate = Has(rv, "rate") ? Ops.Log(Param(rv, ps, "rate")) : -Ops.Log(Param(rv, ps, "scale"));
        Tensor rate = Ops.Exp(logRate);
        // At x = 0 the density is finite only for a >= 1; xlogy keeps 0·log 0 = 0 for a = 1.
        Tensor safe = Ops.Where(x > 0.0, x, 1.0);
        Tensor lp = a * logRate + (a - 1.0) * Ops.Log(safe) - rate * x - Ops.Lgamma(a);
        Tensor atZero = Ops.Where(Ops.Equal(a, 1.0), logRate, Ops.Where(a > 1.0, double.NegativeInfinity, double.PositiveInfinity));
        return Support(x >= 0.0, Ops.Where(x > 0.0, lp, atZero));
    }

    private static Tensor Beta(Tensor x, Tensor[] ps, RandomVariable rv)
    {
        Tensor a = Param(rv, ps, "alpha", "a"), b = Param(rv, ps, "beta", "b");
        Tensor inside = Ops.LogicalAnd(x > 0.0, x < 1.0);
        Tensor safe = Ops.Where(inside, x, 0.5);
        Tensor lp = (a - 1.0) * Ops.Log(safe) + (b - 1.0) * Ops.Log1p(-safe) + Ops.Lgamma(a + b) - Ops.Lgamma(a) - Ops.Lgamma(b);
        return Support(inside, lp);
    }
}
