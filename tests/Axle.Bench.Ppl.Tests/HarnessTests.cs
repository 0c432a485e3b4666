namespace Axle.Bench.Ppl.Tests;

/// <summary>Options, the shared measures and the targets' arithmetic.</summary>
public class HarnessTests
{
    [Fact]
    public void OptionsSelectWorkloadsAndRejectUnknownOnes()
    {
        var o = Options.Parse(["--only", "seed,normal10", "--quick", "--results", "r.md"]);
        Assert.True(o.Runs("seed") && o.Runs("normal10") && !o.Runs("gauss100"));
        Assert.True(o.Quick);
        Assert.Equal("r.md", o.ResultsPath);
        Assert.Equal(Options.Workloads.Length, Options.Parse([]).Only.Count);
        Assert.Throws<ArgumentException>(() => Options.Parse(["--only", "seed,nope"]));
        Assert.Throws<ArgumentException>(() => Options.Parse(["--results"]));
        Assert.Throws<ArgumentException>(() => Options.Parse(["--fast"]));
    }

    [Fact]
    public void MedianTakesTheMiddleOrTheMeanOfTheMiddleTwo()
    {
        Assert.Equal(2, Measures.Median([3, 1, 2]));
        Assert.Equal(2.5, Measures.Median([4, 1, 3, 2]));
        Assert.Throws<ArgumentException>(() => Measures.Median([]));
    }

    [Fact]
    public void EssTargetComparesAxlesWallWithStansChainClocks()
    {
        // Stan: 400 ESS over 2 s of chain time (4 s wall): 200/s on its chains' clocks. Axle: 400 ESS in 1 s.
        var stan = Fake(400, wall: 4, chain: 2, divergences: 0, rhat: 1.001);
        Assert.Null(new EssTarget(2, Clean: true).Miss(Fake(400, 1, 1, 0, 1.001), stan));
        string? slow = new EssTarget(2, Clean: true).Miss(Fake(400, 1.6, 1.6, 0, 1.001), stan);
        Assert.NotNull(slow);
        Assert.Contains("1.25×", slow); // 250/s ÷ 200/s
        Assert.Contains("38% short of 2×", slow);
        Assert.Contains("against Stan's wall clock: 2.5×", slow);
        string? dirty = new EssTarget(2, Clean: true).Miss(Fake(400, 1, 1, 3, 1.02), stan);
        Assert.Contains("3 divergences", dirty);
        Assert.Contains("R-hat 1.020", dirty);
        Assert.Null(new EssTarget(2, Clean: false).Miss(Fake(400, 1, 1, 3, 1.02), stan));
    }

    private static Measures Fake(double minBulk, double wall, double chain, int divergences, double rhat)
    {
        var fit = new Fit("s", new Dictionary<string, double[,]>(), 1000, 500, divergences, chain / 2, chain / 2, wall, 0, "", "");
        return new Measures(fit, minBulk, "tau", minBulk, minBulk, "tau", minBulk, rhat, "tau");
    }
}
