using Axle.Inference;

namespace Axle.Tests.Inference;

/// <summary>
/// The warm-up schedule against Stan's own bookkeeping (stan::mcmc::windowed_adaptation: a counter, the next window
/// end, a window size that doubles, and the rule that stretches a window that leaves no room for the next), replayed
/// iteration by iteration: the same iterations feed the metric estimate and the same iterations end a window.
/// </summary>
public class WarmupScheduleStanTests
{
    /// <summary>Stan's windowed_adaptation, transliterated; returns the [start, end) runs of iterations that feed the estimator, split at window ends.</summary>
    private static List<(int Start, int End)> StanWindows(int warmup, int initBuffer, int termBuffer, int baseWindow)
    {
        var windows = new List<(int, int)>();
        if (warmup < 20) return windows;
        if (initBuffer + baseWindow + termBuffer > warmup)
        {
            initBuffer = (int)(0.15 * warmup);
            termBuffer = (int)(0.1 * warmup);
            baseWindow = warmup - (initBuffer + termBuffer);
        }
        int windowSize = baseWindow, nextWindow = initBuffer + windowSize - 1;
        int start = -1;
        for (int counter = 0; counter < warmup; counter++)
        {
            bool adaptationWindow = counter >= initBuffer && counter < warmup - termBuffer && counter != warmup;
            bool endWindow = counter == nextWindow && counter != warmup;
            if (adaptationWindow && start < 0) start = counter;
            if (endWindow)
            {
                windows.Add((start, counter + 1));
                start = -1;
                // compute_next_window
                if (nextWindow != warmup - termBuffer - 1)
                {
                    windowSize *= 2;
                    nextWindow = counter + windowSize;
                    if (nextWindow != warmup - termBuffer - 1 && nextWindow + 2 * windowSize >= warmup - termBuffer)
                        nextWindow = warmup - termBuffer - 1;
                }
            }
        }
        return windows;
    }

    [Theory]
    [InlineData(0, 75, 50, 25)]
    [InlineData(19, 75, 50, 25)]
    [InlineData(20, 75, 50, 25)]
    [InlineData(100, 75, 50, 25)]
    [InlineData(149, 75, 50, 25)]
    [InlineData(150, 75, 50, 25)]
    [InlineData(151, 75, 50, 25)]
    [InlineData(200, 75, 50, 25)]
    [InlineData(300, 75, 50, 25)]
    [InlineData(500, 75, 50, 25)]
    [InlineData(1000, 75, 50, 25)]
    [InlineData(1234, 75, 50, 25)]
    [InlineData(2000, 75, 50, 25)]
    [InlineData(5000, 75, 50, 25)]
    [InlineData(1000, 100, 100, 50)]
    [InlineData(700, 30, 20, 10)]
    public void MatchesStanWindowedAdaptation(int warmup, int init, int term, int window)
    {
        var expected = StanWindows(warmup, init, term, window);
        var schedule = new WarmupSchedule(warmup, init, window, term);
        Assert.Equal(expected, schedule.SlowWindows);
        for (int i = 0; i < warmup; i++)
        {
            Assert.Equal(expected.Any(w => i >= w.Start && i < w.End), schedule.InSlowWindow(i));
            Assert.Equal(expected.Any(w => w.End == i + 1), schedule.EndsWindow(i));
        }
    }
}
