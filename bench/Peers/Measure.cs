using System.Diagnostics;

namespace Axle.Bench.Peers;

/// <summary>One timed function: its first call (compilation, uploads, caches) and the median of the steady state.</summary>
/// <param name="FirstMs">The first call.</param>
/// <param name="MedianMs">The median of the timed repetitions.</param>
/// <param name="Reps">How many repetitions were timed.</param>
/// <param name="MinMs">The fastest repetition (what a limit is measured by); the median where unknown.</param>
internal sealed record Timing(double FirstMs, double MedianMs, int Reps, double MinMs)
{
    public Timing(double firstMs, double medianMs, int reps)
        : this(firstMs, medianMs, reps, medianMs)
    {
    }

    /// <summary>First call minus steady state: what compilation (and first uploads) cost.</summary>
    public double CompileMs => Math.Max(0, FirstMs - MedianMs);
}

/// <summary>
/// Warm-up, then the median of as many repetitions as fit the budget (within [min, max]).
/// torch_bench.py does the same, so both sides are timed alike.
/// </summary>
internal static class Measure
{
    public static Timing Time(Options o, Action call)
    {
        double first = Ms(call);
        double second = Ms(call);
        // A fast call gets extra untimed warm-up (tiered JIT, caches, allocator); a slow one has had enough.
        double warmUntil = Stopwatch.GetTimestamp() + o.BudgetSeconds * 0.1 * Stopwatch.Frequency;
        if (second < o.BudgetSeconds * 1000 / o.MaxReps)
            while (Stopwatch.GetTimestamp() < warmUntil) call();
        int reps = (int)Math.Clamp(o.BudgetSeconds * 1000 / Math.Max(second, 1e-6), o.MinReps, o.MaxReps);
        var samples = new double[reps];
        samples[0] = second;
        for (int i = 1; i < reps; i++) samples[i] = Ms(call);
        return new Timing(first, Median(samples), reps, samples.Min());
    }

    public static double Median(double[] samples)
    {
        var s = (double[])samples.Clone();
        Array.Sort(s);
        int n = s.Length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static double Ms(Action call)
    {
        long t0 = Stopwatch.GetTimestamp();
        call();
        return Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
    }
}
