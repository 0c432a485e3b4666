namespace Axle;

public static partial class Diagnostics
{
    /// <summary>
    /// Highest density interval as ArviZ's <c>hdi</c> computes it (unimodal, not circular): of the sorted
    /// pooled draws x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎, with k = ⌊prob·n⌋, the narrowest [x₍ᵢ₎, x₍ᵢ₊ₖ₎] — a window of
    /// k + 1 draws — the lowest i on ties. (NaN, NaN) when a draw is NaN (ArviZ's default
    /// <c>skipna=False</c> returns an arbitrary window there).
    /// </summary>
    /// <param name="draws">(chains, draws); all are pooled.</param>
    /// <param name="prob">Probability mass in (0, 1]; ArviZ's default is 0.94.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="prob"/> is outside (0, 1].</exception>
    /// <exception cref="ArgumentException">⌊prob·n⌋ = n, so no window fits (ArviZ: "Too few elements for interval calculation").</exception>
    public static (double Lower, double Upper) Hdi(double[,] draws, double prob = 0.94)
    {
        ArgumentNullException.ThrowIfNull(draws);
        return Hdi(ChainStatistics.Flatten(draws), prob);
    }

    /// <summary>The <see cref="Hdi(double[,], double)"/> of pooled draws.</summary>
    /// <param name="draws">The draws, in any order.</param>
    /// <param name="prob">Probability mass in (0, 1].</param>
    public static (double Lower, double Upper) Hdi(IReadOnlyCollection<double> draws, double prob = 0.94)
    {
        ArgumentNullException.ThrowIfNull(draws);
        if (!(prob > 0 && prob <= 1))
            throw new ArgumentOutOfRangeException(nameof(prob), $"Diagnostics.Hdi: prob must be in (0, 1]; got {prob}");
        double[] sorted = draws.ToArray();
        int n = sorted.Length;
        // ArviZ computes int(np.floor(hdi_prob * n)) in doubles; so does this.
        int k = (int)Math.Floor(prob * n);
        if (k >= n)
            throw new ArgumentException($"Diagnostics.Hdi: {n} draws leave no interval of ⌊{prob}·{n}⌋ + 1 draws", nameof(draws));
        if (sorted.Any(double.IsNaN)) return (double.NaN, double.NaN);
        Array.Sort(sorted);
        int best = 0;
        double bestWidth = sorted[k] - sorted[0];
        for (int i = 1; i + k < n; i++)
        {
            double width = sorted[i + k] - sorted[i];
            if (width < bestWidth)
            {
                best = i;
                bestWidth = width;
            }
        }
        return (sorted[best], sorted[best + k]);
    }
}
