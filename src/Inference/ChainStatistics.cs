namespace Axle.Inference;

/// <summary>
/// The building blocks of the R package <c>posterior</c> (1.4.0) that every diagnostic shares, ported line
/// by line so that the results agree with it to rounding: <c>.split_chains</c>, <c>.ess</c>, <c>.rhat</c>,
/// <c>should_return_NA</c>, R's <c>median</c> and its type-7 <c>quantile</c>. Draws are (chains, draws).
/// </summary>
internal static class ChainStatistics
{
    /// <summary>2⁻⁵², R's <c>.Machine$double.eps</c> (not <see cref="double.Epsilon"/>, the smallest subnormal).</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>posterior's <c>.split_chains</c>: each chain's first and last ⌊n/2⌋ draws become two chains (an odd middle draw is dropped).</summary>
    public static double[,] Split(double[,] draws)
    {
        int chains = draws.GetLength(0), n = draws.GetLength(1), half = n / 2;
        var split = new double[2 * chains, half];
        for (int c = 0; c < chains; c++)
            for (int i = 0; i < half; i++)
            {
                split[2 * c, i] = draws[c, i];
                split[2 * c + 1, i] = draws[c, n - half + i];
            }
        return split;
    }

    /// <summary>
    /// posterior's <c>should_return_NA</c>: a NaN or infinite value, or a range below machine epsilon
    /// (an absolute tolerance, as posterior's <c>is_constant</c> has it).
    /// </summary>
    public static bool ShouldReturnNaN(double[,] x)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in x)
        {
            if (!double.IsFinite(v)) return true;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return max - min < MachineEpsilon;
    }

    /// <summary>
    /// posterior's <c>.ess</c>: the multi-chain ESS with Geyer's initial positive and monotone sequences,
    /// on chains already split (and transformed) by the caller. NaN below 3 draws per chain or when
    /// <see cref="ShouldReturnNaN"/>.
    /// </summary>
    public static double Ess(double[,] x)
    {
        int m = x.GetLength(0), n = x.GetLength(1);
        if (n < 3 || ShouldReturnNaN(x)) return double.NaN;
        var acov = new Autocovariance(x);
        double meanVar = acov.MeanAt(0) * n / (n - 1.0);
        double varPlus = meanVar * (n - 1.0) / n;
        if (m > 1) varPlus += SampleVariance(Enumerable.Range(0, m).Select(c => PlainMean(x, c)).ToArray());

        // rho[k] is the autocorrelation at lag k; t counts lags as posterior's R index t + 1 does.
        var rho = new double[n];
        double even = 1, odd = 1 - (meanVar - acov.MeanAt(1)) / varPlus;
        rho[0] = even;
        rho[1] = odd;
        int t = 0;
        while (t < n - 5 && !double.IsNaN(even + odd) && even + odd > 0)
        {
            t += 2;
            even = 1 - (meanVar - acov.MeanAt(t)) / varPlus;
            odd = 1 - (meanVar - acov.MeanAt(t + 1)) / varPlus;
            if (even + odd >= 0)
            {
                rho[t] = even;
                rho[t + 1] = odd;
            }
        }
        int maxT = t;
        if (even > 0) rho[maxT] = even;
        // Initial monotone sequence: pair sums must not increase.
        t = 0;
        while (t <= maxT - 4)
        {
            t += 2;
            if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1])
            {
                rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
                rho[t + 1] = rho[t];
            }
        }
        // posterior sums rho_hat_t[1:max_t]; with max_t = 0, R's 1:0 is c(1, 0) and reads ρ̂₀ once, so
        // τ̂ = 2 when the first pair already sums below zero or a split chain has fewer than 6 draws
        // (ArviZ sums nothing there and clamps τ̂ to 1/log10(S) instead).
        double sum = 0;
        if (maxT == 0) sum = rho[0];
        else for (int k = 0; k < maxT; k++) sum += rho[k];
        double ess = (double)m * n;
        double tau = -1 + 2 * sum + rho[maxT];
        tau = Math.Max(tau, 1 / Math.Log10(ess));
        return ess / tau;
    }

    /// <summary>posterior's <c>.rhat</c>: √((B/W + n − 1)/n) of the given chains; NaN when <see cref="ShouldReturnNaN"/>.</summary>
    public static double Rhat(double[,] x)
    {
        if (ShouldReturnNaN(x)) return double.NaN;
        int m = x.GetLength(0), n = x.GetLength(1);
        var means = new double[m];
        double w = 0;
        for (int c = 0; c < m; c++)
        {
            means[c] = PlainMean(x, c);
            double v = 0;
            for (int i = 0; i < n; i++) v += (x[c, i] - means[c]) * (x[c, i] - means[c]);
            w += v / (n - 1);
        }
        w /= m;
        double b = n * SampleVariance(means);
        return Math.Sqrt((b / w + n - 1) / n);
    }

    /// <summary>The values row-major (chain by chain).</summary>
    public static double[] Flatten(double[,] x)
    {
        var flat = new double[x.Length];
        Buffer.BlockCopy(x, 0, flat, 0, x.Length * sizeof(double));
        return flat;
    }

    /// <summary>A sorted copy of all values.</summary>
    public static double[] Sorted(double[,] x)
    {
        double[] s = Flatten(x);
        Array.Sort(s);
        return s;
    }

    /// <summary>Chain <paramref name="c"/>'s draws.</summary>
    public static double[] Row(double[,] x, int c)
    {
        int n = x.GetLength(1);
        var row = new double[n];
        Buffer.BlockCopy(x, c * n * sizeof(double), row, 0, n * sizeof(double));
        return row;
    }

    public static double[,] Map(double[,] x, Func<double, double> f)
    {
        var y = new double[x.GetLength(0), x.GetLength(1)];
        for (int c = 0; c < x.GetLength(0); c++)
            for (int i = 0; i < x.GetLength(1); i++) y[c, i] = f(x[c, i]);
        return y;
    }

    public static bool AnyNaN(double[,] x)
    {
        foreach (double v in x) if (double.IsNaN(v)) return true;
        return false;
    }

    public static double Mean(double[,] x) => Mean(Flatten(x));

    /// <summary>
    /// The mean to the last bit or so, as R's <c>mean</c> and <c>var</c> compute it with a long-double
    /// sum (and a correction pass): here a compensated (Neumaier) sum, divided. A correction pass in
    /// doubles would lose more than it gains where the mean is small against the draws.
    /// </summary>
    public static double Mean(ReadOnlySpan<double> x)
    {
        double sum = 0, c = 0;
        foreach (double v in x)
        {
            double t = sum + v;
            c += Math.Abs(sum) >= Math.Abs(v) ? sum - t + v : v - t + sum;
            sum = t;
        }
        return (sum + c) / x.Length;
    }

    /// <summary>
    /// Chain <paramref name="c"/>'s mean as matrixStats' <c>colMeans2</c> computes it (posterior's
    /// <c>.ess</c> and <c>.rhat</c> use it): a plain sum of doubles, divided. Its last bits matter
    /// where draws barely vary around a large value, so they are reproduced rather than improved.
    /// </summary>
    public static double PlainMean(double[,] x, int c)
    {
        int n = x.GetLength(1);
        double s = 0;
        for (int i = 0; i < n; i++) s += x[c, i];
        return s / n;
    }

    /// <summary>Standard deviation with n − 1 in the denominator (R's <c>sd</c>, numpy's <c>ddof=1</c>).</summary>
    public static double Sd(double[,] x)
    {
        double mean = Mean(x), s = 0;
        foreach (double v in x) s += (v - mean) * (v - mean);
        return Math.Sqrt(s / (x.Length - 1));
    }

    /// <summary>R's <c>median</c> of sorted values: the middle one, or the two middle ones' mean (halved first: exact, no overflow).</summary>
    public static double SortedMedian(double[] sorted)
    {
        int n = sorted.Length, half = n / 2;
        return n % 2 == 1 ? sorted[half] : sorted[half - 1] * 0.5 + sorted[half] * 0.5;
    }

    /// <summary>R's <c>quantile(type = 7)</c> (numpy's default) of sorted values, with R's arithmetic: (1 − h)·x₍ₗₒ₎ + h·x₍ₕᵢ₎.</summary>
    public static double SortedQuantile(double[] sorted, double p)
    {
        int n = sorted.Length;
        if (n == 0) return double.NaN;
        double index = 1 + (n - 1) * p;
        int lo = (int)Math.Floor(index), hi = (int)Math.Ceiling(index);
        double q = sorted[lo - 1];
        double h = index - lo;
        if (index > lo && sorted[hi - 1] != q) q = (1 - h) * q + h * sorted[hi - 1];
        return q;
    }

    public static double SampleVariance(double[] x)
    {
        double mean = Mean(x);
        return x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1);
    }
}
