namespace Axle.Bench.Peers.Tests;

/// <summary>Shared inputs, agreement checks, targets and options of the peers harness.</summary>
public class HarnessTests
{
    [Fact]
    public void UnitMatchesTheValuesTorchBenchComputesInNumpy()
    {
        // Printed by torch_bench.py's unit(5, 1) and unit(3, 0) (float64).
        double[] seed1 = [0.14679516, 0.17678755, 0.40826747, 0.85552583, -0.30762204];
        for (int i = 0; i < seed1.Length; i++) Assert.Equal(seed1[i], Data.Unit(i, 1), 7);
        Assert.Equal(-1.0, Data.Unit(0, 0));
        Assert.Equal(-0.36480228, Data.Unit(1, 0), 7);
    }

    [Fact]
    public void ProbeIndicesAreSixteenEvenlySpacedOrAll()
    {
        Assert.Equal([0L, 1, 2], Data.ProbeIndices(3));
        var idx = Data.ProbeIndices(1000);
        Assert.Equal(16, idx.Length);
        Assert.Equal(0, idx[0]);
        Assert.Equal(15 * (1000 / 16), idx[^1]);
    }

    [Fact]
    public void AgreementRecordsDifferencesAndFailsBeyondTolerance()
    {
        var agreement = new Agreement();
        var row = new Row("w");
        agreement.Check(row, "peer", "y", [1.0, 2.0], [1.0, 2.0 + 1e-9], 1e-6, 0);
        Assert.Empty(agreement.Failures);
        Assert.True(row.Diff!.Value.Abs > 0);
        agreement.Check(row, "peer", "y", [1.0, 2.0], [1.0, 2.1], 1e-6, 1e-6);
        Assert.Single(agreement.Failures);
        Assert.Contains("at 1", agreement.Failures[0]);
        agreement.Check(row, "peer", "z", [double.NaN], [0.0], 1, 1);
        Assert.Equal(2, agreement.Failures.Count);
        agreement.CheckStatistic(row, "peer", "median", 1.0, 1.5, 0.1);
        Assert.Equal(3, agreement.Failures.Count);
    }

    [Fact]
    public void TargetsSayByHowMuchTheyAreMissed()
    {
        var row = new Row("w") { Axle = new Timing(400, 10, 5) };
        row.Peers["PyTorch"] = 20;
        Assert.Null(Target.FasterThan("PyTorch", 1.5).Miss(row));
        Assert.Contains("needs 2.5× faster", Target.FasterThan("PyTorch", 5).Miss(row));
        Assert.Contains("90 ms over", Target.CompileUnder(300).Miss(row));
        row.LimitMs = 5;
        Assert.Null(Target.OfLimit(0.5).Miss(row));
        Assert.NotNull(Target.All(Target.OfLimit(0.5), Target.CompileUnder(300)).Miss(row));
    }

    [Fact]
    public void MedianOfEvenAndOddCounts()
    {
        Assert.Equal(2, Measure.Median([3, 1, 2]));
        Assert.Equal(2.5, Measure.Median([4, 1, 3, 2]));
    }

    [Fact]
    public void OptionsSelectGroupsAndRejectUnknownOnes()
    {
        var o = Options.Parse(["--quick", "--only", "gemm,seed", "--results", "r.md"]);
        Assert.True(o.Quick);
        Assert.True(o.Runs("gemm") && o.Runs("seed") && !o.Runs("mlp"));
        Assert.Equal("r.md", o.ResultsPath);
        Assert.Equal(Options.Groups.Length, Options.Parse([]).Only.Count);
        var e = Assert.Throws<ArgumentException>(() => Options.Parse(["--only", "gemm,nope"]));
        Assert.Contains("nope", e.Message);
        Assert.Throws<ArgumentException>(() => Options.Parse(["--results"]));
        Assert.Throws<ArgumentException>(() => Options.Parse(["--fast"]));
    }
}
