namespace Axle.Bench.Ppl.Tests;

/// <summary>Options, the shared measures and the targets' arithmetic.</summary>
public class HarnessTests
{
    [Fact]
    public void OptionsSelectWorkloadsAndRejectUnknownOnes()
    {
        var o = Options.Parse(["--only", "seed,normal10", "--quick", "--results", "r.md"]);
        Assert.True(o.Runs("seed") && o.Runs("normal10") && !o.Runs("gauss100") && !o.Runs("gradient"));
        Assert.True(o.Quick);
        Assert.Equal("r.md", o.ResultsPath);
        Assert.Equal(Options.Workloads.Length, Options.Parse([]).Only.Count);
        Assert.Throws<ArgumentException>(() => Options.Parse(["--only", "seed,nope"]));
        Assert.Throws<ArgumentException>(() => Options.Parse(["--results"]));
        Assert.Throws<ArgumentException>(() => Options.Parse(["--fast"]));
        Assert.Equal(1, Options.Parse([]).Seed);
        Assert.Equal(3, Options.Parse(["--seed", "3"]).Seed);
        Assert.Throws<ArgumentException>(() => Options.Parse(["--seed", "0"]));
        Assert.Throws<ArgumentException>(() => Options.Parse(["--seed", "x"]));
    }

    [Fact]
    public void MedianTakesTheMiddleOrTheMeanOfTheMiddleTwo()
    {
        Assert.Equal(2, Measures.Median([3, 1, 2]));
        Assert.Equal(2.5, Measures.Median([4, 1, 3, 2]));
        Assert.Throws<ArgumentException>(() => Measures.Median([]));
    }

    [Fact]
    public void EssTargetComparesWallClocksAndReportsStansCpuClockBeside()
    {
        // Stan: 400 ESS over 4 s of wall (100/s), 2 s of CPU per core (200/s).
        var stan = Fake(400, wall: 4, cpu: 2, divergences: 0, rhat: 1.001);
        Assert.Null(new EssTarget(2, Clean: true).Miss(Fake(400, 2, 2, 0, 1.001), stan)); // exactly 2×
        string? slow = new EssTarget(2, Clean: true).Miss(Fake(400, 2.5, 2.5, 0, 1.001), stan);
        Assert.NotNull(slow);
        Assert.Contains("1.6×", slow); // 160/s ÷ 100/s
        Assert.Contains("20% short of 2×", slow);
        Assert.Contains("on CPU time: 0.8×", slow);
        string? dirty = new EssTarget(2, Clean: true).Miss(Fake(400, 1, 1, 3, 1.02), stan);
        Assert.Contains("3 divergences", dirty);
        Assert.Contains("R-hat 1.020", dirty);
        Assert.DoesNotContain("short", dirty);
        Assert.Null(new EssTarget(2, Clean: false).Miss(Fake(400, 1, 1, 3, 1.02), stan));
        Assert.Null(new LeapfrogTarget().Miss(Fake(400, 4, 4, 0, 1), stan)); // same gradients in the same wall time
        Assert.Contains("0.5×", new LeapfrogTarget().Miss(Fake(400, 8, 8, 0, 1), stan));
    }

    private static Measures Fake(double minBulk, double wall, double cpu, int divergences, double rhat)
    {
        var fit = new Fit("s", new Dictionary<string, double[,]>(), 1000, 500, divergences, wall / 2, wall / 2, cpu, 0, "", "");
        return new Measures(fit, minBulk, "tau", minBulk, minBulk, "tau", minBulk, rhat, "tau");
    }
}
