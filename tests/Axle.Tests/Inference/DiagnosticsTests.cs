using Axle.Inference;

namespace Axle.Tests.Inference;

public class DiagnosticsTests
{
    /// <summary>Standard normal draws from a seeded host generator (Box–Muller).</summary>
    internal static double[,] Iid(int chains, int n, int seed, Func<int, double>? mean = null, Func<int, double>? scale = null)
    {
        var rng = new Random(seed);
        var x = new double[chains, n];
        for (int c = 0; c < chains; c++)
            for (int i = 0; i < n; i++) x[c, i] = (mean?.Invoke(c) ?? 0) + (scale?.Invoke(c) ?? 1) * Gaussian(rng);
        return x;
    }

    internal static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>Stationary AR(1) chains x_t = ρ x_{t-1} + √(1-ρ²) ε_t, whose ESS of the mean is n(1-ρ)/(1+ρ).</summary>
    private static double[,] Ar1(int chains, int n, double rho, int seed)
    {
        var rng = new Random(seed);
        var x = new double[chains, n];
        for (int c = 0; c < chains; c++)
        {
            double v = Gaussian(rng);
            for (int i = 0; i < n; i++)
            {
                x[c, i] = v;
                v = rho * v + Math.Sqrt(1 - rho * rho) * Gaussian(rng);
            }
        }
        return x;
    }

    [Fact]
    public void IidNormalDrawsHaveRhatNearOneAndEssNearN()
    {
        var x = Iid(8, 2000, seed: 1);
        Assert.InRange(Diagnostics.Rhat(x), 0.995, 1.005);
        Assert.InRange(Diagnostics.RhatBasic(x), 0.995, 1.005);
        Assert.InRange(Diagnostics.EssBulk(x), 0.9 * 16000, 1.1 * 16000);
        Assert.InRange(Diagnostics.EssBasic(x), 0.9 * 16000, 1.1 * 16000);
        Assert.InRange(Diagnostics.EssTail(x), 0.85 * 16000, 1.15 * 16000);
    }

    [Fact]
    public void ShiftedChainMeansGiveLargeRhat()
    {
        var x = Iid(4, 500, seed: 2, mean: c => c);
        Assert.True(Diagnostics.Rhat(x) > 1.5, $"R-hat {Diagnostics.Rhat(x)}");
        Assert.True(Diagnostics.RhatBasic(x) > 1.5);
        // Pooled chains that disagree are worth far fewer than their draw count.
        Assert.True(Diagnostics.EssBulk(x) < 100, $"ESS {Diagnostics.EssBulk(x)}");
    }

    [Fact]
    public void FoldedRhatCatchesAChainWithTheWrongScale()
    {
        // Same location, one chain three times wider: bulk R-hat misses it, the folded one does not.
        var x = Iid(4, 1000, seed: 3, scale: c => c == 0 ? 3 : 1);
        Assert.InRange(Diagnostics.RhatBasic(x), 0.99, 1.02);
        Assert.True(Diagnostics.Rhat(x) > 1.1, $"R-hat {Diagnostics.Rhat(x)}");
    }

    [Theory]
    [InlineData(0.5, 0.1)]
    [InlineData(0.9, 0.15)]
    [InlineData(-0.5, 0.1)]
    public void Ar1ChainsHaveTheirKnownEss(double rho, double tolerance)
    {
        var x = Ar1(4, 10000, rho, seed: 4);
        double expected = 40000 * (1 - rho) / (1 + rho);
        Assert.InRange(Diagnostics.EssBasic(x), (1 - tolerance) * expected, (1 + tolerance) * expected);
        Assert.InRange(Diagnostics.EssBulk(x), (1 - tolerance) * expected, (1 + tolerance) * expected);
        Assert.InRange(Diagnostics.Rhat(x), 0.99, 1.01);
    }

    [Fact]
    public void SplitRhatByHand()
    {
        // Split chains [1,2] [3,4] [5,6] [7,8]: W = 1/2, B = 2 · var(1.5, 3.5, 5.5, 7.5) = 40/3,
        // var⁺ = (1/2) W + B/2 = 83/12, R-hat = √(var⁺ / W) = √(83/6).
        var x = new double[,] { { 1, 2, 3, 4 }, { 5, 6, 7, 8 } };
        Assert.Equal(Math.Sqrt(83.0 / 6), Diagnostics.RhatBasic(x), 12);
        // An odd middle draw is dropped: same split chains.
        var odd = new double[,] { { 1, 2, 100, 3, 4 }, { 5, 6, -100, 7, 8 } };
        Assert.Equal(Math.Sqrt(83.0 / 6), Diagnostics.RhatBasic(odd), 12);
    }

    [Fact]
    public void EssByHandForAnAlternatingChain()
    {
        // One chain 1,-1,1,-1,... (8 draws) split into two of 4: every split chain is +1,-1,+1,-1
        // with mean 0. Biased autocovariances: lag 0: 1, lag 1: -3/4, lag 2: 2/4, lag 3: -1/4.
        // meanVar = 4/3, var⁺ = 1 (equal chain means), ρ̂₁ = 1 - (4/3 + 3/4) = -13/12.
        // Geyer's loop does not run (a split chain has fewer than 6 draws), so posterior's max_t = 0,
        // and its sum over rho_hat_t[1:0] reads ρ̂₀ once: τ̂ = -1 + 2ρ̂₀ + ρ̂₀ = 2, ESS = 8 / 2
        // (posterior 1.4.0's ess_basic gives 4; ArviZ clamps τ̂ = 0 to 1/log10(8) instead).
        var x = new double[,] { { 1, -1, 1, -1, 1, -1, 1, -1 } };
        Assert.Equal(4, Diagnostics.EssBasic(x), 10);
    }

    [Fact]
    public void QuantilesAndSummaryByHand()
    {
        var x = new double[,] { { 1, 2, 3, 4, 5 }, { 6, 7, 8, 9, 10 } };
        Assert.Equal(1.45, Diagnostics.Quantile(x, 0.05), 12);
        Assert.Equal(9.55, Diagnostics.Quantile(x, 0.95), 12);
        var s = Diagnostics.Summarize(x);
        Assert.Equal(5.5, s.Mean, 12);
        Assert.Equal(Math.Sqrt(55.0 / 6), s.Sd, 12);
        Assert.Equal(5.5, s.Median, 12);
        Assert.Equal(1.45, s.Q5, 12);
    }

    [Fact]
    public void RankNormalizationByHand()
    {
        // Values 3,1,2,2: ranks 4, 1, 2.5, 2.5 of S = 4; z = Φ⁻¹((r - 3/8) / (S + 1/4)).
        var z = Diagnostics.RankNormalize(new double[,] { { 3, 1 }, { 2, 2 } });
        Assert.Equal(1.0491313979639711, z[0, 0], 9);
        Assert.Equal(-1.0491313979639711, z[0, 1], 9);
        Assert.Equal(0.0, z[1, 0], 12);
        Assert.Equal(0.0, z[1, 1], 12);
    }

    [Theory]
    [InlineData(1e-10, -6.361340902404056)]
    [InlineData(0.001, -3.090232306167813)]
    [InlineData(0.02, -2.0537489106318225)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.975, 1.9599639845400536)]
    [InlineData(0.999999, 4.753424308817089)]
    public void NormalQuantileMatchesReference(double p, double expected) =>
        // References: Python's statistics.NormalDist().inv_cdf.
        Assert.Equal(expected, NormalQuantile.Of(p), 12);

    [Fact]
    public void NonFiniteOrTooShortInputs()
    {
        Assert.True(double.IsNaN(Diagnostics.Rhat(new double[,] { { 1, double.NaN, 2, 3 } })));
        Assert.True(double.IsNaN(Diagnostics.EssBulk(new double[,] { { 1, 2, double.NaN, 3, 5, 6 } })));
        // posterior: the plain ESS of infinite draws is NA, the rank-based ones rank the infinity
        // (ess_basic gives NA and ess_bulk 3 for these draws).
        Assert.True(double.IsNaN(Diagnostics.EssBasic(new double[,] { { 1, 2, double.PositiveInfinity, 3, 5, 6 } })));
        Assert.Equal(3, Diagnostics.EssBulk(new double[,] { { 1, 2, double.PositiveInfinity, 3, 5, 6 } }), 10);
        Assert.True(double.IsNaN(Diagnostics.EssBasic(new double[,] { { 2, 2, 2, 2 } })));
        // Split chains of 2 draws are too short for an ESS (posterior needs 3), not for an R-hat.
        Assert.True(double.IsNaN(Diagnostics.EssBulk(new double[,] { { 1, 2, 4, 3 } })));
        Assert.False(double.IsNaN(Diagnostics.Rhat(new double[,] { { 1, 2, 4, 3 } })));
        Assert.Throws<ArgumentException>(() => Diagnostics.Rhat(new double[,] { { 1, 2, 3 } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Diagnostics.EssQuantile(new double[,] { { 1, 2, 3, 4 } }, 1.5));
    }
}
