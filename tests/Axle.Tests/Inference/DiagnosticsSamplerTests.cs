using Axle.Inference;

namespace Axle.Tests.Inference;

/// <summary>E-BFMI and the sampler-health line from <c>sample_stats</c>.</summary>
public class DiagnosticsSamplerTests
{
    [Fact]
    public void BfmiByHand()
    {
        // Steps 2, −1, 3: mean square 14/3. Variance (n − 1) of 1, 3, 2, 5: 8.75/3. Ratio 1.6.
        double[] bfmi = Diagnostics.Bfmi(new double[,] { { 1, 3, 2, 5 }, { 0, 1, 0, 1 } });
        Assert.Equal(1.6, bfmi[0], 12);
        // 0, 1, 0, 1: mean square step 1, variance 1/3.
        Assert.Equal(3.0, bfmi[1], 12);
    }

    [Fact]
    public void BfmiOfIidAndOfSlowEnergies()
    {
        // Independent energies: E[(ΔE)²] = 2 var(E), so E-BFMI ≈ 2; an AR(1) with ρ = 0.95: 2(1 − ρ) = 0.1.
        var rng = new Random(3);
        var energy = new double[2, 20000];
        double v = 0;
        for (int i = 0; i < 20000; i++)
        {
            energy[0, i] = DiagnosticsTests.Gaussian(rng);
            v = 0.95 * v + Math.Sqrt(1 - 0.95 * 0.95) * DiagnosticsTests.Gaussian(rng);
            energy[1, i] = v;
        }
        double[] bfmi = Diagnostics.Bfmi(energy);
        Assert.InRange(bfmi[0], 1.9, 2.1);
        Assert.InRange(bfmi[1], 0.08, 0.12);
        Assert.Throws<ArgumentException>(() => Diagnostics.Bfmi(new double[2, 1]));
    }

    private static InferenceGroup Stats(bool withTreeDepth = true)
    {
        // 2 chains × 5 draws: chain 0 diverges twice and hits depth 10 once; chain 1 has slow energy.
        bool[] diverging = [true, false, true, false, false, false, false, false, false, false];
        int[] depth = [3, 10, 4, 3, 2, 5, 5, 6, 5, 5];
        double[] energy = [1, 3, 2, 5, 4, 10, 10.1, 10.2, 10.1, 10.3];
        var variables = new List<InferenceVariable>
        {
            new("diverging", Tensor.From(diverging, 2, 5), ["chain", "draw"]),
            new("energy", Tensor.From(energy, 2, 5), ["chain", "draw"]),
        };
        if (withTreeDepth) variables.Add(new("tree_depth", Tensor.From(depth, 2, 5), ["chain", "draw"]));
        return new InferenceGroup(variables);
    }

    [Fact]
    public void HealthLineCountsAndFlags()
    {
        var health = SamplerHealth.From(new InferenceData { SampleStats = Stats() });
        Assert.Equal([2, 0], health.DivergencesPerChain!);
        Assert.Equal(2, health.Divergences);
        Assert.Equal([1, 0], health.MaxTreeDepthHitsPerChain!);
        var energy = new double[,] { { 1, 3, 2, 5, 4 }, { 10, 10.1, 10.2, 10.1, 10.3 } };
        Assert.Equal(Diagnostics.Bfmi(energy), health.BfmiPerChain!);
        string bfmi0 = health.BfmiPerChain![0].ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
        string bfmi1 = health.BfmiPerChain![1].ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(health.BfmiPerChain![0] >= 0.3 && health.BfmiPerChain![1] >= 0.3, "the fixture's chains are healthy");
        Assert.Equal($"2 chains × 5 draws: 2 divergences (20%), 1 draw at max tree depth 10, E-BFMI per chain {bfmi0}, {bfmi1}", health.ToString());
        // A lower limit counts more hits.
        Assert.Equal(6, SamplerHealth.From(Stats(), maxTreeDepth: 5).MaxTreeDepthHits);
    }

    [Fact]
    public void LowBfmiAndMissingStatisticsAreSaid()
    {
        var energy = new double[2, 400];
        var rng = new Random(9);
        double v = 0;
        for (int i = 0; i < 400; i++)
        {
            energy[0, i] = DiagnosticsTests.Gaussian(rng);
            v = 0.99 * v + 0.1 * DiagnosticsTests.Gaussian(rng);
            energy[1, i] = v;
        }
        var group = new InferenceGroup([new InferenceVariable("energy", Tensor.From(energy), ["chain", "draw"])]);
        string line = SamplerHealth.From(group).ToString();
        Assert.StartsWith("2 chains × 400 draws: divergences not recorded, tree depth not recorded, E-BFMI per chain ", line);
        Assert.EndsWith(" (below 0.3 in chain 1)", line);
        Assert.Null(SamplerHealth.From(group).Divergences);
        Assert.Throws<ArgumentException>(() => SamplerHealth.From(new InferenceData()));
        Assert.Throws<ArgumentOutOfRangeException>(() => SamplerHealth.From(group, maxTreeDepth: 0));
    }
}
