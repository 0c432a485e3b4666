namespace Axle.Plots;

/// <summary>Credible intervals for the forest plot.</summary>
internal static class Intervals
{
    /// <summary>
    /// Highest density interval: the narrowest interval that holds ⌊prob·n⌋ + 1 of the sorted draws, found
    /// by sliding that window along them (ArviZ's <c>hdi</c> for unimodal draws). <c>Diagnostics.Hdi</c> computes
    /// the same interval for summaries but returns NaN when a draw is NaN and needs more than one draw; a plot
    /// draws what it can, so this one drops non-finite draws and accepts a single draw.
    /// </summary>
    /// <param name="draws">The draws (any order); non-finite ones are ignored.</param>
    /// <param name="prob">The probability mass inside the interval, in (0, 1).</param>
    /// <returns>(lower, upper); (NaN, NaN) when there are no finite draws.</returns>
    public static (double Lower, double Upper) Hdi(double[] draws, double prob)
    {
        if (!(prob > 0 && prob < 1))
            throw new ArgumentOutOfRangeException(nameof(prob), prob, $"Axle.Plots: an HDI's probability must be in (0, 1); got {prob}");
        double[] x = draws.Where(double.IsFinite).ToArray();
        if (x.Length == 0) return (double.NaN, double.NaN);
        Array.Sort(x);
        int inside = (int)Math.Floor(prob * x.Length);
        int windows = x.Length - inside, best = 0;
        for (int i = 1; i < windows; i++)
            if (x[i + inside] - x[i] < x[best + inside] - x[best]) best = i;
        return (x[best], x[best + inside]);
    }
}
