namespace Axle;

/// <summary>Running per-coordinate mean and variance (Welford), and Stan's regularized estimate for the inverse mass matrix.</summary>
public sealed class WelfordVariance
{
    private readonly double[] _mean;
    private readonly double[] _m2;

    /// <summary>An empty accumulator for vectors of length <paramref name="dim"/>.</summary>
    public WelfordVariance(int dim)
    {
        _mean = new double[dim];
        _m2 = new double[dim];
    }

    /// <summary>Number of vectors added since the last reset.</summary>
    public int Count { get; private set; }

    /// <summary>Adds one vector (the span's first <c>dim</c> values).</summary>
    public void Add(ReadOnlySpan<double> x)
    {
        Count++;
        for (int i = 0; i < _mean.Length; i++)
        {
            double delta = x[i] - _mean[i];
            _mean[i] += delta / Count;
            _m2[i] += delta * (x[i] - _mean[i]);
        }
    }

    /// <summary>
    /// Stan's regularized variance: <c>n/(n+5) · s² + 1e-3 · 5/(n+5)</c> with s² the sample
    /// variance (shrinks towards a small constant when few draws were seen).
    /// </summary>
    /// <exception cref="InvalidOperationException">Fewer than two vectors were added.</exception>
    public double[] RegularizedVariance()
    {
        if (Count < 2) throw new InvalidOperationException($"WelfordVariance: need at least 2 draws; got {Count}");
        double n = Count;
        return _m2.Select(m2 => n / (n + 5) * (m2 / (n - 1)) + 1e-3 * (5 / (n + 5))).ToArray();
    }

    /// <summary>Forgets everything added.</summary>
    public void Reset()
    {
        Count = 0;
        Array.Clear(_mean);
        Array.Clear(_m2);
    }
}
