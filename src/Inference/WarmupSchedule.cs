namespace Axle;

/// <summary>
/// Stan's windowed warm-up: a fast initial interval (step size only), slow windows that double
/// in length (the mass matrix is estimated from each and the step size restarts), and a fast
/// terminal interval; the last slow window stretches to the terminal interval.
/// </summary>
public sealed class WarmupSchedule
{
    /// <summary>Builds the schedule for <paramref name="warmup"/> iterations.</summary>
    /// <param name="warmup">Number of warm-up iterations.</param>
    /// <param name="initialBuffer">Stan's init_buffer (75).</param>
    /// <param name="baseWindow">Stan's window (25), the first slow window's length.</param>
    /// <param name="terminalBuffer">Stan's term_buffer (50).</param>
    /// <remarks>
    /// As in Stan: fewer than 20 iterations adapt the step size only; when the three intervals do
    /// not fit, they become 15% / 75% / 10% of <paramref name="warmup"/>.
    /// </remarks>
    public WarmupSchedule(int warmup, int initialBuffer = 75, int baseWindow = 25, int terminalBuffer = 50)
    {
        if (warmup < 0) throw new ArgumentOutOfRangeException(nameof(warmup), $"WarmupSchedule: warmup must be non-negative; got {warmup}");
        Warmup = warmup;
        var ends = new List<(int Start, int End)>();
        if (warmup >= 20)
        {
            if (initialBuffer + baseWindow + terminalBuffer > warmup)
            {
                initialBuffer = (int)(0.15 * warmup);
                terminalBuffer = (int)(0.1 * warmup);
                baseWindow = warmup - (initialBuffer + terminalBuffer);
            }
            int slowEnd = warmup - terminalBuffer;
            int start = initialBuffer, size = baseWindow;
            while (start < slowEnd)
            {
                int end = start + size;
                // Stan: if the following (doubled) window would not fit, this one takes the rest
                // (the first window is never stretched).
                if (ends.Count > 0 && end + 2 * size > slowEnd) end = slowEnd;
                ends.Add((start, end));
                start = end;
                size *= 2;
            }
        }
        SlowWindows = ends;
    }

    /// <summary>Total warm-up iterations.</summary>
    public int Warmup { get; }

    /// <summary>The slow windows as [Start, End) iteration ranges, in order.</summary>
    public IReadOnlyList<(int Start, int End)> SlowWindows { get; }

    /// <summary>Whether iteration <paramref name="i"/> (0-based) contributes to a mass-matrix estimate.</summary>
    public bool InSlowWindow(int i) => SlowWindows.Any(w => i >= w.Start && i < w.End);

    /// <summary>Whether a slow window ends right after iteration <paramref name="i"/>.</summary>
    public bool EndsWindow(int i) => SlowWindows.Any(w => w.End == i + 1);
}
