namespace Axle.Inference;

/// <summary>
/// Biased autocovariances (divided by n, as the FFT estimate is) of each chain, averaged over
/// chains and computed lazily lag by lag: Geyer's sequence usually stops after a few lags, so a
/// direct sum up to the lags actually read costs less than an FFT of every chain.
/// </summary>
internal sealed class Autocovariance
{
    private readonly double[,] _centered;
    private readonly Dictionary<int, double> _byLag = new();

    public Autocovariance(double[,] chains)
    {
        int m = chains.GetLength(0), n = chains.GetLength(1);
        _centered = new double[m, n];
        for (int c = 0; c < m; c++)
        {
            // posterior's autocovariance() centers each chain on R's (accurate) mean.
            double mean = ChainStatistics.Mean(ChainStatistics.Row(chains, c));
            for (int i = 0; i < n; i++) _centered[c, i] = chains[c, i] - mean;
        }
    }

    /// <summary>The chains' mean autocovariance at <paramref name="lag"/> (0 beyond the last lag).</summary>
    public double MeanAt(int lag)
    {
        if (_byLag.TryGetValue(lag, out double cached)) return cached;
        int m = _centered.GetLength(0), n = _centered.GetLength(1);
        double total = 0;
        for (int c = 0; c < m; c++)
        {
            double s = 0;
            for (int i = 0; i + lag < n; i++) s += _centered[c, i] * _centered[c, i + lag];
            total += s / n;
        }
        return _byLag[lag] = total / m;
    }
}
