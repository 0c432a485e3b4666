using Axle.Sbc;
using Xunit.Abstractions;

namespace Axle.Tests.Inference;

/// <summary>
/// Simulation-based calibration, reduced (the full run is <c>./build.sh sbc</c>, results in bench/RESULTS.md): 200
/// replications of a hierarchical normal model as one batch of posteriors; each parameter's rank histogram must pass a
/// χ² uniformity test at 1%.
/// </summary>
public class NutsSbcTests(ITestOutputHelper output)
{
    [Fact]
    public void RanksOfTheTruthAreUniform()
    {
        var result = SbcRun.Run(replications: 200, warmup: 200);
        foreach (var (name, p) in result.PValues) output.WriteLine($"{name}: p = {p:F4}");
        output.WriteLine($"{result.Seconds:F1} s, {result.Divergences} divergences");
        Assert.All(result.PValues, kv => Assert.True(kv.Value > 0.01, $"{kv.Key}: ranks not uniform (p = {kv.Value:F4})"));
    }

    [Fact]
    public void UniformityTestRejectsASkewedHistogram()
    {
        int[] uniform = Enumerable.Range(0, 1000).Select(i => i % 100).ToArray();
        int[] skewed = Enumerable.Range(0, 1000).Select(i => (i % 100) * (i % 100) / 100).ToArray();
        Assert.True(SbcRun.UniformityPValue(uniform, 100, 10) > 0.5);
        Assert.True(SbcRun.UniformityPValue(skewed, 100, 10) < 1e-6);
    }
}
