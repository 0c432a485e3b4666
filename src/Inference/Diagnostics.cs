namespace Axle;

/// <summary>One parameter's posterior summary.</summary>
/// <param name="Mean">Posterior mean.</param>
/// <param name="Sd">Posterior standard deviation (ddof 1).</param>
/// <param name="Q5">5% quantile.</param>
/// <param name="Median">50% quantile.</param>
/// <param name="Q95">95% quantile.</param>
/// <param name="McseMean">Monte Carlo standard error of the mean: Sd / √(ESS of the mean).</param>
/// <param name="EssBulk">Bulk effective sample size.</param>
/// <param name="EssTail">Tail effective sample size.</param>
/// <param name="Rhat">Rank-normalized split R-hat (max of bulk and folded).</param>
public readonly record struct ParameterSummary(double Mean, double Sd, double Q5, double Median, double Q95,
    double McseMean, double EssBulk, double EssTail, double Rhat);

/// <summary>
/// Convergence diagnostics of Vehtari, Gelman, Simpson, Carpenter and Bürkner (2021), computed exactly as
/// the Stan team's R package <c>posterior</c> 1.4.0 computes them (ArviZ 0.x implements the same
/// paper; where the two differ, the member says so). Every function takes one parameter's draws as
/// (chains, draws), at least one chain of 4 draws; chains are split in halves (an odd middle draw is
/// dropped). A NaN draw makes every diagnostic NaN; so do constant draws (a range below 2⁻⁵²) for the
/// diagnostics posterior returns <c>NA</c> for.
/// </summary>
/// <remarks>
/// Where ArviZ 0.x gives other numbers on the same draws: Geyer's sequence may stop one pair earlier
/// when a split chain has an odd length, and when it stops at once (a negative first pair, or split
/// chains under 6 draws) posterior's τ̂ is 2 where ArviZ's is clamped to 1/log10(S); constant draws
/// give NaN ESS here and S in ArviZ; the tail R-hat folds around the median of all draws here and of
/// the split draws (without an odd middle draw) in ArviZ; R-hat of one chain is NaN in ArviZ; and
/// <see cref="McseSd"/> uses posterior 1.4.0's formula. These matter for short chains, constant or
/// anticorrelated draws and (MCSE of the sd) heavy tails; the tests compare with posterior only.
/// </remarks>
public static partial class Diagnostics
{
    /// <summary>
    /// Rank-normalized split R-hat (posterior's <c>rhat</c>): the larger of the bulk R-hat (of the
    /// rank-normalized split chains) and the tail R-hat (of the draws folded around their median,
    /// then split and rank-normalized). Computed for a single chain too (its halves are two chains),
    /// where ArviZ reports NaN.
    /// </summary>
    /// <param name="draws">(chains, draws), at least 4 draws per chain.</param>
    public static double Rhat(double[,] draws)
    {
        Check(draws);
        if (ChainStatistics.AnyNaN(draws)) return double.NaN;
        double bulk = ChainStatistics.Rhat(RankNormalize(ChainStatistics.Split(draws)));
        double tail = ChainStatistics.Rhat(RankNormalize(ChainStatistics.Split(Fold(draws))));
        return Math.Max(bulk, tail);
    }

    /// <summary>Classic split R-hat (Gelman et al., BDA3; posterior's <c>rhat_basic</c>): √(var⁺ / W) on the split chains, no rank normalization.</summary>
    /// <param name="draws">(chains, draws).</param>
    public static double RhatBasic(double[,] draws)
    {
        Check(draws);
        return ChainStatistics.Rhat(ChainStatistics.Split(draws));
    }

    /// <summary>Bulk effective sample size (posterior's <c>ess_bulk</c>): <see cref="EssBasic"/> of the rank-normalized split chains.</summary>
    /// <param name="draws">(chains, draws).</param>
    public static double EssBulk(double[,] draws)
    {
        Check(draws);
        return ChainStatistics.AnyNaN(draws) ? double.NaN : ChainStatistics.Ess(RankNormalize(ChainStatistics.Split(draws)));
    }

    /// <summary>Tail effective sample size (posterior's <c>ess_tail</c>): the smaller <see cref="EssQuantile"/> of the 5% and 95% quantiles.</summary>
    /// <param name="draws">(chains, draws).</param>
    public static double EssTail(double[,] draws) => Math.Min(EssQuantile(draws, 0.05), EssQuantile(draws, 0.95));

    /// <summary>
    /// Effective sample size of the <paramref name="p"/> quantile (posterior's <c>ess_quantile</c>): the
    /// ESS of the split indicators draw ≤ quantile. NaN when the indicators are all equal.
    /// </summary>
    /// <param name="draws">(chains, draws).</param>
    /// <param name="p">Probability in [0, 1].</param>
    public static double EssQuantile(double[,] draws, double p)
    {
        Check(draws);
        CheckProbability(p, nameof(p));
        if (ChainStatistics.ShouldReturnNaN(draws)) return double.NaN;
        // posterior moves p = 1 inside the draws so that the indicator is not constant by construction.
        if (p == 1) p = (draws.Length - 0.5) / draws.Length;
        double q = ChainStatistics.SortedQuantile(ChainStatistics.Sorted(draws), p);
        return ChainStatistics.Ess(ChainStatistics.Split(ChainStatistics.Map(draws, x => x <= q ? 1.0 : 0.0)));
    }

    /// <summary>
    /// Effective sample size of the mean of the split chains, no rank normalization (posterior's
    /// <c>ess_basic</c> and <c>ess_mean</c>): Geyer's initial monotone sequence on the multi-chain
    /// autocorrelation. NaN for constant draws and for fewer than 3 draws per split chain.
    /// </summary>
    /// <param name="draws">(chains, draws), at least 4 draws per chain.</param>
    public static double EssBasic(double[,] draws)
    {
        Check(draws);
        return ChainStatistics.Ess(ChainStatistics.Split(draws));
    }

    /// <summary>Effective sample size of the standard deviation (posterior's <c>ess_sd</c>): <see cref="EssBasic"/> of |draw − mean|.</summary>
    /// <param name="draws">(chains, draws).</param>
    public static double EssSd(double[,] draws)
    {
        Check(draws);
        double mean = ChainStatistics.Mean(draws);
        return ChainStatistics.Ess(ChainStatistics.Split(ChainStatistics.Map(draws, x => Math.Abs(x - mean))));
    }

    /// <summary>Quantile with linear interpolation between order statistics (R's type 7, numpy's default).</summary>
    /// <param name="draws">(chains, draws); all are pooled.</param>
    /// <param name="p">Probability in [0, 1].</param>
    public static double Quantile(double[,] draws, double p)
    {
        ArgumentNullException.ThrowIfNull(draws);
        CheckProbability(p, nameof(p));
        return ChainStatistics.SortedQuantile(ChainStatistics.Sorted(draws), p);
    }

    /// <summary>Mean, sd, 5/50/95% quantiles, MCSE of the mean, bulk and tail ESS, and R-hat of one parameter.</summary>
    /// <param name="draws">(chains, draws).</param>
    public static ParameterSummary Summarize(double[,] draws)
    {
        Check(draws);
        double[] sorted = ChainStatistics.Sorted(draws);
        return new ParameterSummary(ChainStatistics.Mean(draws), ChainStatistics.Sd(draws),
            ChainStatistics.SortedQuantile(sorted, 0.05), ChainStatistics.SortedQuantile(sorted, 0.5), ChainStatistics.SortedQuantile(sorted, 0.95),
            McseMean(draws), EssBulk(draws), EssTail(draws), Rhat(draws));
    }

    /// <summary>Summaries of every coordinate of (chains, draws, dim) draws.</summary>
    /// <param name="draws">(chains, draws, dim), e.g. <see cref="HmcResult.Draws"/>.</param>
    public static ParameterSummary[] Summarize(double[,,] draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        int chains = draws.GetLength(0), n = draws.GetLength(1), dim = draws.GetLength(2);
        var result = new ParameterSummary[dim];
        for (int j = 0; j < dim; j++)
        {
            var x = new double[chains, n];
            for (int c = 0; c < chains; c++)
                for (int i = 0; i < n; i++) x[c, i] = draws[c, i, j];
            result[j] = Summarize(x);
        }
        return result;
    }

    /// <summary>
    /// Rank normalization: each value's average rank r among all S values (ties share their mean
    /// rank) mapped to Φ⁻¹((r − 3/8) / (S + 1/4)) (Blom's offsets).
    /// </summary>
    /// <param name="draws">(chains, draws).</param>
    public static double[,] RankNormalize(double[,] draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        int chains = draws.GetLength(0), n = draws.GetLength(1), total = chains * n;
        double[] values = ChainStatistics.Flatten(draws);
        int[] order = Enumerable.Range(0, total).ToArray();
        Array.Sort((double[])values.Clone(), order);
        var z = new double[chains, n];
        for (int i = 0; i < total;)
        {
            int j = i;
            while (j + 1 < total && values[order[j + 1]] == values[order[i]]) j++;
            double rank = (i + j) / 2.0 + 1;
            double score = NormalQuantile.Of((rank - 0.375) / (total + 0.25));
            for (int k = i; k <= j; k++) z[order[k] / n, order[k] % n] = score;
            i = j + 1;
        }
        return z;
    }

    /// <summary>posterior's <c>fold_draws</c>: |draw − median| over all draws (before splitting).</summary>
    private static double[,] Fold(double[,] x)
    {
        double median = ChainStatistics.SortedMedian(ChainStatistics.Sorted(x));
        return ChainStatistics.Map(x, v => Math.Abs(v - median));
    }

    private static void Check(double[,] draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        int chains = draws.GetLength(0), n = draws.GetLength(1);
        if (chains < 1 || n < 4)
            throw new ArgumentException($"Diagnostics: need at least 1 chain of 4 draws; got ({chains}, {n})", nameof(draws));
    }

    private static void CheckProbability(double p, string name)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(name, $"Diagnostics: {name} must be in [0, 1]; got {p}");
    }
}
