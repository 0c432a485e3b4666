namespace Axle.Inference;

/// <summary>
/// Biased autocovariances (divided by n, as the FFT estimate is) of each chain, averaged over
/// chains and computed lazily lag by lag: Geyer's sequence usually stops after a few lags, so a
/// direct sum up to the lags actually read costs less than an FFT of every chain.
/// </summary>
internal sealed class Autocovariance
{
    // One array per chain (not a double[,]): the lag sums are the hot loop, and the JIT drops the
    // bounds checks of plain arrays.
    private readonly double[][] _centered;
    private readonly Dictionary<int, double> _byLag = new();

    public Autocovariance(double[,] chains)
    {
        int m = chains.GetLength(0), n = chains.GetLength(1);
        _centered = new double[m][];
        for (int c = 0; c < m; c++)
        {
            // posterior's autocovariance() centers each chain on R's (accurate) mean.
            double[] row = ChainStatistics.Row(chains, c);
            double mean = ChainStatistics.Mean(row);
            for (int i = 0; i < n; i++) row[i] -= mean;
            _centered[c] = row;
        }
    }

    /// <summary>The chains' mean autocovariance at <paramref name="lag"/> (0 beyond the last lag).</summary>
    public double MeanAt(int lag)
    {
        if (_byLag.TryGetValue(lag, out double cached)) return cached;
        double total = 0;
        foreach (double[] x in _centered)
        {
            int n = x.Length;
            double s = 0;
            for (int i = 0; i + lag < n; i++) s += x[i] * x[i + lag];
            total += s / n;
        }
        return _byLag[lag] = total / _centered.Length;
    }
}
