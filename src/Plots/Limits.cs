namespace Axle.Plots;

/// <summary>Axis ranges for data that may be constant or hold non-finite values.</summary>
internal static class Limits
{
    /// <summary>The range of the finite values widened by <paramref name="pad"/> of their span each side; a constant gets ±1% of its scale (±1 at zero), no finite value gives (−1, 1).</summary>
    public static (double Lo, double Hi) Of(IEnumerable<double> values, double pad = 0.05)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (!double.IsFinite(v)) continue;
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }
        if (lo > hi) return (-1, 1);
        double span = hi - lo;
        if (!(span > 0))
        {
            double half = Math.Abs(lo) > 0 ? 0.01 * Math.Abs(lo) : 1;
            return (lo - half, hi + half);
        }
        return (lo - pad * span, hi + pad * span);
    }
}
