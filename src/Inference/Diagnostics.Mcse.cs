namespace Axle;

public static partial class Diagnostics
{
    /// <summary>Monte Carlo standard error of the mean (posterior's <c>mcse_mean</c>, ArviZ's too): sd / √<see cref="EssBasic"/>.</summary>
    /// <param name="draws">(chains, draws), at least 4 draws per chain.</param>
    public static double McseMean(double[,] draws)
    {
        Check(draws);
        return ChainStatistics.Sd(draws) / Math.Sqrt(EssBasic(draws));
    }

    /// <summary>
    /// Monte Carlo standard error of the standard deviation, as posterior 1.4.0's <c>mcse_sd</c>
    /// computes it: the delta method on the variance, √(Var[σ̂²] / (4σ̂²)) with σ̂² = mean((x − x̄)²) and
    /// Var[σ̂²] = (mean((x − x̄)⁴) − σ̂⁴) / ESS, where ESS is <see cref="EssBasic"/> of (x − x̄)². It needs
    /// no normality. ArviZ 0.x (and posterior before 1.4.0, via ess_sd) use a normal-theory
    /// approximation instead, sd·√(e·(1 − 1/ESS)^(ESS − 1) − 1) with ESS = min(ESS(x), ESS(x²)) of the
    /// split chains; the two agree for normal draws and differ most for heavy tails.
    /// </summary>
    /// <param name="draws">(chains, draws), at least 4 draws per chain.</param>
    public static double McseSd(double[,] draws)
    {
        Check(draws);
        double mean = ChainStatistics.Mean(draws);
        var squares = ChainStatistics.Map(draws, x => (x - mean) * (x - mean));
        double ess = ChainStatistics.Ess(ChainStatistics.Split(squares));
        double variance = ChainStatistics.Mean(squares);
        double fourth = ChainStatistics.Mean(ChainStatistics.Map(squares, s => s * s));
        double varianceOfVariance = (fourth - variance * variance) / ess;
        return Math.Sqrt(varianceOfVariance / variance / 4);
    }

    /// <summary>
    /// Monte Carlo standard error of the <paramref name="p"/> quantile (posterior's <c>mcse_quantile</c>):
    /// half the distance between the order statistics at the 15.87% and 84.13% quantiles of
    /// Beta(ESS·p + 1, ESS·(1 − p) + 1), ESS being <see cref="EssQuantile"/> — a ±1 sd interval
    /// of the quantile's position among the sorted draws.
    /// </summary>
    /// <param name="draws">(chains, draws), at least 4 draws per chain.</param>
    /// <param name="p">Probability in [0, 1].</param>
    public static double McseQuantile(double[,] draws, double p)
    {
        double ess = EssQuantile(draws, p);
        if (double.IsNaN(ess)) return double.NaN;
        double a = ess * p + 1, b = ess * (1 - p) + 1;
        double lower = BetaQuantile.Of(0.1586553, a, b), upper = BetaQuantile.Of(0.8413447, a, b);
        double[] sorted = ChainStatistics.Sorted(draws);
        int s = sorted.Length;
        // posterior's 1-based ssims[max(floor(a₁S), 1)] and ssims[min(ceiling(a₂S), S)].
        double th1 = sorted[Math.Max((int)Math.Floor(lower * s), 1) - 1];
        double th2 = sorted[Math.Min((int)Math.Ceiling(upper * s), s) - 1];
        return (th2 - th1) / 2;
    }
}
