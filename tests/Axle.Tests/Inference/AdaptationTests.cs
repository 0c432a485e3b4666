using Axle.Inference;

namespace Axle.Tests.Inference;

public class AdaptationTests
{
    [Fact]
    public void StanWindowsForOneThousandIterations()
    {
        // Stan with num_warmup 1000: slow windows end at 100, 150, 250, 450 and 950 (the last
        // one stretched because a 800-long window would not fit before the terminal 50).
        var s = new WarmupSchedule(1000);
        Assert.Equal([(75, 100), (100, 150), (150, 250), (250, 450), (450, 950)], s.SlowWindows);
        Assert.False(s.InSlowWindow(74));
        Assert.True(s.InSlowWindow(75));
        Assert.True(s.InSlowWindow(949));
        Assert.False(s.InSlowWindow(950));
        Assert.True(s.EndsWindow(99));
        Assert.True(s.EndsWindow(949));
        Assert.False(s.EndsWindow(100));
    }

    [Fact]
    public void ShortWarmupsShrinkTheBuffersOrSkipTheMassMatrix()
    {
        // 100 < 75 + 25 + 50: buffers become 15 / 75 / 10 (Stan's fallback).
        Assert.Equal([(15, 90)], new WarmupSchedule(100).SlowWindows);
        Assert.Empty(new WarmupSchedule(19).SlowWindows);
        // 300: the second window's doubled successor (100 long, ending at 250) just fits, so it is not stretched.
        Assert.Equal([(75, 100), (100, 150), (150, 250)], new WarmupSchedule(300).SlowWindows);
    }

    [Fact]
    public void DualAveragingFindsTheTargetAcceptance()
    {
        // A synthetic sampler whose acceptance falls with the step size: a(ε) = exp(-ε²),
        // so a = 0.8 at ε = √(-ln 0.8).
        var da = new DualAveraging(1.0);
        for (int i = 0; i < 2000; i++) da.Update(Math.Exp(-da.StepSize * da.StepSize));
        Assert.Equal(Math.Sqrt(-Math.Log(0.8)), da.FinalStepSize, 2);
        da.Restart(0.5);
        Assert.Equal(0.5, da.StepSize);
        Assert.Equal(0.5, da.FinalStepSize);
        // Rejections and NaN push the step size down.
        da.Update(double.NaN);
        Assert.True(da.StepSize < 5, $"{da.StepSize}");
    }

    [Fact]
    public void RegularizedVarianceIsStans()
    {
        var w = new WelfordVariance(2);
        foreach (var x in new[] { new[] { 1.0, 10 }, [2.0, 10], [3.0, 10], [4.0, 10], [5.0, 10] }) w.Add(x);
        var v = w.RegularizedVariance();
        // n = 5: sample variances 2.5 and 0 → (5/10)·s² + 1e-3·(5/10).
        Assert.Equal(0.5 * 2.5 + 0.0005, v[0], 12);
        Assert.Equal(0.0005, v[1], 12);
    }

    [Fact]
    public void ConsoleProgressWritesPlainLinesWhenRedirected()
    {
        var sw = new StringWriter();
        var report = ConsoleProgress.Create(sw, interactive: false);
        report(new HmcProgress(50, 200, true, 0.81, 2, TimeSpan.FromSeconds(1.5), 0.25));
        Assert.Equal("   50/200 warmup   accept 0.81 step 0.25 divergences 2 1.5s" + Environment.NewLine, sw.ToString());
        var bar = new StringWriter();
        ConsoleProgress.Create(bar, interactive: true)(new HmcProgress(200, 200, false, 0.9, 0, TimeSpan.Zero, 0.3));
        Assert.StartsWith("\r[##############################]", bar.ToString());
    }
}
