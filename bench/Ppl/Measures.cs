using Axle.Inference;

namespace Axle.Bench.Ppl;

/// <summary>
/// A fit's figures, computed the same way for every sampler with Axle's <see cref="Diagnostics"/> (posterior 1.4.0's
/// rank-normalized split R-hat, bulk and tail ESS) over the workload's parameters on Stan's scale.
/// </summary>
internal sealed record Measures(Fit Fit, double MinBulk, string MinBulkName, double MedianBulk, double MinTail, string MinTailName,
    double MedianTail, double MaxRhat, string MaxRhatName)
{
    /// <summary>Min bulk ESS per second of wall time (warm-up + sampling).</summary>
    public double BulkPerWallSecond => MinBulk / Fit.WallSeconds;

    /// <summary>Min bulk ESS per second of CPU time per core (<see cref="Fit.CpuSeconds"/>); NaN when not measured.</summary>
    public double BulkPerCpuSecond => Fit.CpuSeconds is { } cpu ? MinBulk / cpu : double.NaN;

    /// <summary>Leapfrog steps (gradient evaluations), warm-up and sampling, per wall second.</summary>
    public double LeapfrogPerWallSecond => Fit.GradientEvaluations / Fit.WallSeconds;

    /// <summary>Leapfrog steps per second of CPU time per core; NaN when not measured.</summary>
    public double LeapfrogPerCpuSecond => Fit.CpuSeconds is { } cpu ? Fit.GradientEvaluations / cpu : double.NaN;

    public static Measures Of(Fit fit, Workload w)
    {
        var rows = w.Parameters.Select(p =>
        {
            double[,] x = fit.Of(p);
            return (Name: p, Bulk: Diagnostics.EssBulk(x), Tail: Diagnostics.EssTail(x), Rhat: Diagnostics.Rhat(x));
        }).ToArray();
        var minBulk = rows.MinBy(r => r.Bulk);
        var minTail = rows.MinBy(r => r.Tail);
        // NaN R-hat (a constant parameter) must surface as the worst, not vanish in Max.
        var maxRhat = rows.MaxBy(r => double.IsNaN(r.Rhat) ? double.PositiveInfinity : r.Rhat);
        return new Measures(fit, minBulk.Bulk, minBulk.Name, Median(rows.Select(r => r.Bulk)), minTail.Tail, minTail.Name,
            Median(rows.Select(r => r.Tail)), maxRhat.Rhat, maxRhat.Name);
    }

    /// <summary>The posterior mean of <paramref name="name"/> over all chains and draws.</summary>
    public double Mean(string name) => Fit.Of(name).Cast<double>().Average();

    /// <summary>The posterior standard deviation of <paramref name="name"/> over all chains and draws.</summary>
    public double Sd(string name)
    {
        double[] x = Fit.Of(name).Cast<double>().ToArray();
        double m = x.Average();
        return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / (x.Length - 1));
    }

    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        double[] v = values.Order().ToArray();
        if (v.Length == 0) throw new ArgumentException("Median of no values", nameof(values));
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}
