namespace Axle.Inference;

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
/// Convergence diagnostics of Vehtari, Gelman, Simpson, Carpenter and Bürkner (2021), as in the
/// R package <c>posterior</c> and ArviZ. Every function takes one parameter's draws as
/// (chains, draws); chains are split in halves (an odd middle draw is dropped).
/// </summary>
public static class Diagnostics
{
    /// <summary>Rank-normalized split R-hat: the larger of the bulk R-hat and the R-hat of the draws folded around the median.</summary>
    /// <param name="draws">(chains, draws), at least 4 draws per chain.</param>
    public static double Rhat(double[,] draws)
    {
        var split = Split(draws);
        if (!AllFinite(split)) return double.NaN;
        double bulk = RhatOfSplit(RankNormalize(split));
        double tail = RhatOfSplit(RankNormalize(Fold(split)));
        return Math.Max(bulk, tail);
    }

    /// <summary>Classic split R-hat (Gelman et al., BDA3): √(var⁺ / W) on the split chains, no rank normalization.</summary>
    /// <param name="draws">(chains, draws).</param>
    public static double RhatBasic(double[,] draws) => RhatOfSplit(Split(draws));

    /// <summary>Bulk effective sample size: <see cref="EssBasic"/> of the rank-normalized split chains.</summary>
    /// <param name="draws">(chains, draws).</param>
    public static double EssBulk(double[,] draws)
    {
        var split = Split(draws);
        return AllFinite(split) ? EssOfSplit(RankNormalize(split)) : double.NaN;
    }

    /// <summary>Tail effective sample size: the smaller ESS of the indicators of the 5% and 95% quantiles.</summary>
    /// <param name="draws">(chains, draws).</param>
    public static double EssTail(double[,] draws)
    {
        var split = Split(draws);
        if (!AllFinite(split)) return double.NaN;
        double[] sorted = Flatten(draws);
        Array.Sort(sorted);
        double Indicator(double p)
        {
            double q = SortedQuantile(sorted, p);
            return EssOfSplit(Map(split, x => x <= q ? 1.0 : 0.0));
        }
        return Math.Min(Indicator(0.05), Indicator(0.95));
    }

    /// <summary>
    /// Effective sample size of the mean of the split chains, no rank normalization (Geyer's
    /// initial monotone sequence on the multi-chain autocorrelation). NaN for constant draws.
    /// </summary>
    /// <param name="draws">(chains, draws), at least 4 draws per chain.</param>
    public static double EssBasic(double[,] draws) => EssOfSplit(Split(draws));

    /// <summary>Quantile with linear interpolation between order statistics (numpy's default, R's type 7).</summary>
    /// <param name="draws">(chains, draws); all are pooled.</param>
    /// <param name="p">Probability in [0, 1].</param>
    public static double Quantile(double[,] draws, double p)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), $"Diagnostics.Quantile: p must be in [0, 1]; got {p}");
        double[] sorted = Flatten(draws);
        Array.Sort(sorted);
        return SortedQuantile(sorted, p);
    }

    /// <summary>Mean, sd, 5/50/95% quantiles, MCSE of the mean, bulk and tail ESS, and R-hat of one parameter.</summary>
    /// <param name="draws">(chains, draws).</param>
    public static ParameterSummary Summarize(double[,] draws)
    {
        double[] all = Flatten(draws);
        double mean = all.Average();
        double sd = Math.Sqrt(all.Sum(x => (x - mean) * (x - mean)) / (all.Length - 1));
        Array.Sort(all);
        double essMean = EssBasic(draws);
        return new ParameterSummary(mean, sd, SortedQuantile(all, 0.05), SortedQuantile(all, 0.5), SortedQuantile(all, 0.95),
            sd / Math.Sqrt(essMean), EssBulk(draws), EssTail(draws), Rhat(draws));
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
        double[] values = Flatten(draws);
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

    private static double RhatOfSplit(double[,] split)
    {
        int m = split.GetLength(0), n = split.GetLength(1);
        var means = new double[m];
        double w = 0;
        for (int c = 0; c < m; c++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += split[c, i];
            means[c] = s / n;
            double v = 0;
            for (int i = 0; i < n; i++) v += (split[c, i] - means[c]) * (split[c, i] - means[c]);
            w += v / (n - 1);
        }
        w /= m;
        double b = n * SampleVariance(means);
        double varPlus = (n - 1.0) / n * w + b / n;
        return Math.Sqrt(varPlus / w);
    }

    private static double EssOfSplit(double[,] split)
    {
        int m = split.GetLength(0), n = split.GetLength(1);
        var acov = new Autocovariance(split);
        if (!(acov.MeanAt(0) > 0)) return double.NaN;
        double meanVar = acov.MeanAt(0) * n / (n - 1.0);
        double varPlus = meanVar * (n - 1.0) / n;
        if (m > 1) varPlus += SampleVariance(acov.ChainMeans);

        var rho = new double[n];
        rho[0] = 1;
        double even = 1, odd = 1 - (meanVar - acov.MeanAt(1)) / varPlus;
        rho[1] = odd;
        int t = 1;
        // Sum autocorrelation pairs while they stay positive (Geyer's initial positive sequence).
        while (t < n - 3 && even + odd > 0)
        {
            even = 1 - (meanVar - acov.MeanAt(t + 1)) / varPlus;
            odd = 1 - (meanVar - acov.MeanAt(t + 2)) / varPlus;
            if (even + odd >= 0)
            {
                rho[t + 1] = even;
                rho[t + 2] = odd;
            }
            t += 2;
        }
        int maxT = t - 2;
        if (even > 0) rho[maxT + 1] = even;
        // Initial monotone sequence: pair sums must not increase.
        for (t = 1; t <= maxT - 2; t += 2)
        {
            if (rho[t + 1] + rho[t + 2] > rho[t - 1] + rho[t])
            {
                rho[t + 1] = (rho[t - 1] + rho[t]) / 2;
                rho[t + 2] = rho[t + 1];
            }
        }
        double ess = (double)m * n;
        double tau = -1 + rho[maxT + 1];
        for (int k = 0; k <= maxT; k++) tau += 2 * rho[k];
        tau = Math.Max(tau, 1 / Math.Log10(ess));
        return ess / tau;
    }

    private static double[,] Split(double[,] draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        int chains = draws.GetLength(0), n = draws.GetLength(1), half = n / 2;
        if (chains < 1 || half < 2)
            throw new ArgumentException($"Diagnostics: need at least 1 chain of 4 draws; got ({chains}, {n})", nameof(draws));
        var split = new double[2 * chains, half];
        for (int c = 0; c < chains; c++)
            for (int i = 0; i < half; i++)
            {
                split[2 * c, i] = draws[c, i];
                split[2 * c + 1, i] = draws[c, n - half + i];
            }
        return split;
    }

    private static double[,] Fold(double[,] x)
    {
        double[] sorted = Flatten(x);
        Array.Sort(sorted);
        double median = SortedQuantile(sorted, 0.5);
        return Map(x, v => Math.Abs(v - median));
    }

    private static double[,] Map(double[,] x, Func<double, double> f)
    {
        var y = new double[x.GetLength(0), x.GetLength(1)];
        for (int c = 0; c < x.GetLength(0); c++)
            for (int i = 0; i < x.GetLength(1); i++) y[c, i] = f(x[c, i]);
        return y;
    }

    private static bool AllFinite(double[,] x)
    {
        foreach (double v in x) if (!double.IsFinite(v)) return false;
        return true;
    }

    private static double[] Flatten(double[,] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var flat = new double[x.Length];
        Buffer.BlockCopy(x, 0, flat, 0, x.Length * sizeof(double));
        return flat;
    }

    private static double SortedQuantile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double SampleVariance(double[] x)
    {
        double mean = x.Average();
        return x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1);
    }
}
