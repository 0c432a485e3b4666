using Axle.Inference;

namespace Axle.Tests.Inference;

public class DiagnosticsHdiTests
{
    /// <summary>
    /// The narrowest interval [a, b] between two draws that holds at least ⌊prob·n⌋ + 1 draws, found by
    /// trying every pair of draws without sorting; on equal widths the lowest a wins.
    /// </summary>
    private static (double Lower, double Upper) BruteForce(double[] draws, double prob)
    {
        int need = (int)Math.Floor(prob * draws.Length) + 1;
        (double Lower, double Upper)? best = null;
        foreach (double a in draws)
            foreach (double b in draws)
            {
                if (b < a) continue;
                int inside = 0;
                foreach (double x in draws) if (x >= a && x <= b) inside++;
                if (inside < need) continue;
                if (best is not { } c || b - a < c.Upper - c.Lower || (b - a == c.Upper - c.Lower && a < c.Lower)) best = (a, b);
            }
        return best!.Value;
    }

    [Fact]
    public void MatchesBruteForceWindowSearch()
    {
        var rng = new Random(11);
        double[] probs = [0.94, 0.5, 0.9, 0.1, 0.99, 0.6827];
        for (int trial = 0; trial < 200; trial++)
        {
            int n = rng.Next(2, 40);
            double prob = probs[trial % probs.Length];
            if ((int)Math.Floor(prob * n) >= n) continue;
            // Skewed draws, and every third trial rounded so that ties and equal widths occur.
            double[] draws = Enumerable.Range(0, n).Select(_ => Math.Exp(DiagnosticsTests.Gaussian(rng))).ToArray();
            if (trial % 3 == 0) draws = draws.Select(x => Math.Round(x * 2) / 2).ToArray();
            Assert.Equal(BruteForce(draws, prob), Diagnostics.Hdi(draws, prob));
        }
    }

    [Fact]
    public void WindowHoldsFloorOfProbTimesNPlusOneDraws()
    {
        // n = 10, prob 0.5: windows of 6 sorted draws; the tightest is 10..15.
        double[] draws = [15, 0, 10, 13, 30, 12, 11, 14, 20, 25];
        Assert.Equal((10.0, 15.0), Diagnostics.Hdi(draws, 0.5));
        // Equal widths: the lowest window wins, as numpy's argmin picks the first.
        Assert.Equal((0.0, 1.0), Diagnostics.Hdi(new double[] { 0, 1, 2, 3 }, 0.25));
        // The (chains, draws) overload pools the chains.
        Assert.Equal((10.0, 15.0), Diagnostics.Hdi(new double[,] { { 15, 0, 10, 13, 30 }, { 12, 11, 14, 20, 25 } }, 0.5));
    }

    [Fact]
    public void NormalDrawsGiveTheCentralInterval()
    {
        var rng = new Random(5);
        double[] draws = Enumerable.Range(0, 20000).Select(_ => DiagnosticsTests.Gaussian(rng)).ToArray();
        var (lower, upper) = Diagnostics.Hdi(draws);
        // Φ⁻¹(0.97) = 1.8808; the sampling error of a 3% quantile of 20000 draws is about 0.02.
        Assert.InRange(lower, -1.95, -1.81);
        Assert.InRange(upper, 1.81, 1.95);
    }

    [Fact]
    public void BadInputsFailEarly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Diagnostics.Hdi(new double[] { 1, 2, 3 }, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Diagnostics.Hdi(new double[] { 1, 2, 3 }, 1.5));
        // ArviZ: "Too few elements for interval calculation" when ⌊prob·n⌋ = n.
        Assert.Throws<ArgumentException>(() => Diagnostics.Hdi(new double[] { 1, 2, 3 }, 1));
        var (lower, upper) = Diagnostics.Hdi(new double[] { 1, double.NaN, 3 }, 0.5);
        Assert.True(double.IsNaN(lower) && double.IsNaN(upper));
    }
}
