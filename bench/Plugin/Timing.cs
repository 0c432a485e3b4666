using System.Diagnostics;

namespace Axle.Bench.Plugin;

internal static class Timing
{
    /// <summary>Median wall time in seconds over <paramref name="reps"/> runs after two warm-up runs.</summary>
    public static double MedianSeconds(int reps, Action action)
    {
        action();
        action();
        var samples = new double[reps];
        for (int i = 0; i < reps; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            action();
            samples[i] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }
        Array.Sort(samples);
        return samples[reps / 2];
    }
}
