namespace Axle.Bench.Peers;

/// <summary>
/// Checks that Axle and a peer computed the same thing; a disagreement beyond tolerance is
/// recorded and makes the harness exit non-zero (a fast wrong answer is not a result).
/// </summary>
internal sealed class Agreement
{
    private readonly List<string> _failures = [];

    public IReadOnlyList<string> Failures => _failures;

    /// <summary>
    /// Compares element by element: |a - b| ≤ atol + rtol·|b| must hold everywhere; the row keeps
    /// the largest absolute difference and that difference relative to the largest |b|.
    /// </summary>
    public void Check(Row row, string peer, string what, ReadOnlySpan<double> axle, ReadOnlySpan<double> other, double rtol, double atol)
    {
        if (axle.Length != other.Length)
        {
            Fail(row, peer, what, $"lengths differ: Axle {axle.Length}, {peer} {other.Length}");
            return;
        }
        double maxAbs = 0, scale = 0;
        int worst = -1;
        double worstExcess = 1;
        for (int i = 0; i < axle.Length; i++)
        {
            double a = axle[i], b = other[i];
            if (double.IsNaN(a) || double.IsNaN(b) || double.IsInfinity(a) || double.IsInfinity(b))
            {
                if (!a.Equals(b)) Fail(row, peer, what, $"at {i}: Axle {a}, {peer} {b}");
                continue;
            }
            double d = Math.Abs(a - b);
            maxAbs = Math.Max(maxAbs, d);
            scale = Math.Max(scale, Math.Abs(b));
            double excess = d / (atol + rtol * Math.Abs(b));
            if (excess > worstExcess) (worst, worstExcess) = (i, excess);
        }
        // Relative to the output's largest value: element-wise ratios explode where values cross zero.
        row.MergeDiff(maxAbs, scale > 0 ? maxAbs / scale : maxAbs);
        if (worst >= 0)
            Fail(row, peer, what, $"at {worst}: Axle {axle[worst]:R}, {peer} {other[worst]:R} (tolerance rtol {rtol:g2}, atol {atol:g2})");
    }

    public void Check(Row row, string peer, string what, ReadOnlySpan<float> axle, ReadOnlySpan<float> other, double rtol, double atol) =>
        Check(row, peer, what, ToDouble(axle), ToDouble(other), rtol, atol);

    /// <summary>A statistic of random draws (different generators): |a - b| ≤ tol.</summary>
    public void CheckStatistic(Row row, string peer, string what, double axle, double other, double tol)
    {
        row.DiffNote = (row.DiffNote is null ? "" : row.DiffNote + ", ") + $"{what} {axle:0.000} vs {other:0.000}";
        if (!(Math.Abs(axle - other) <= tol)) Fail(row, peer, what, $"Axle {axle}, {peer} {other} (tolerance {tol})");
    }

    private void Fail(Row row, string peer, string what, string detail)
    {
        string message = $"MISMATCH {row.Workload}: Axle vs {peer}, {what}: {detail}";
        _failures.Add(message);
        Console.Error.WriteLine(message);
    }

    private static double[] ToDouble(ReadOnlySpan<float> s)
    {
        var r = new double[s.Length];
        for (int i = 0; i < s.Length; i++) r[i] = s[i];
        return r;
    }
}
