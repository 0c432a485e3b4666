namespace Axle.Inference;

/// <summary>
/// The Beta(a, b) quantile (R's <c>qbeta</c>) for <see cref="Diagnostics.McseQuantile"/>: the regularized
/// incomplete beta function Iₓ(a, b) by its continued fraction (modified Lentz), inverted by
/// bisection to the last bit. Written here rather than taken from a numerics package because it is the
/// only special function the diagnostics need and Axle's core assembly has no third-party dependencies
/// (as with <see cref="NormalQuantile"/>); the golden tests check it through posterior's mcse_quantile.
/// </summary>
internal static class BetaQuantile
{
    /// <summary>x with Iₓ(a, b) = p, for p in [0, 1] and a, b &gt; 0; NaN otherwise.</summary>
    public static double Of(double p, double a, double b)
    {
        if (!(p >= 0 && p <= 1 && a > 0 && b > 0) || double.IsInfinity(a) || double.IsInfinity(b)) return double.NaN;
        double lo = 0, hi = 1;
        // Bisection halves the bracket until it is two adjacent doubles (or for at most 2100 steps, past
        // any subnormal bracket); Iₓ is monotone, so this finds the quantile to the last bit.
        for (int i = 0; i < 2100; i++)
        {
            double mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi) break;
            if (RegularizedIncompleteBeta(mid, a, b) < p) lo = mid;
            else hi = mid;
        }
        return lo + (hi - lo) / 2;
    }

    /// <summary>Iₓ(a, b) = B(x; a, b) / B(a, b).</summary>
    public static double RegularizedIncompleteBeta(double x, double a, double b)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        double logFront = a * Math.Log(x) + b * Math.Log(1 - x) - (LogGamma(a) + LogGamma(b) - LogGamma(a + b));
        // The continued fraction converges fast for x below the mean-like point; use the symmetry
        // Iₓ(a, b) = 1 − I₁₋ₓ(b, a) above it.
        if (x < (a + 1) / (a + b + 2)) return Math.Exp(logFront) * ContinuedFraction(x, a, b) / a;
        return 1 - Math.Exp(logFront) * ContinuedFraction(1 - x, b, a) / b;
    }

    private static double ContinuedFraction(double x, double a, double b)
    {
        const double tiny = 1e-300;
        double qab = a + b, qap = a + 1, qam = a - 1;
        double c = 1, d = 1 - qab * x / qap;
        if (Math.Abs(d) < tiny) d = tiny;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 100000; m++)
        {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return h;
    }

    /// <summary>ln Γ(x) for x &gt; 0: Stirling's series from 15 up, the recurrence Γ(x + 1) = xΓ(x) below (≈1e-15 absolute).</summary>
    public static double LogGamma(double x)
    {
        double shift = 0;
        while (x < 15)
        {
            shift += Math.Log(x);
            x += 1;
        }
        double inv = 1 / x, inv2 = inv * inv;
        double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680 - inv2 / 1188))));
        return (x - 0.5) * Math.Log(x) - x + 0.5 * Math.Log(2 * Math.PI) + series - shift;
    }
}
