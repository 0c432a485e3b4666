using System.Globalization;
using Axle.Inference;

namespace Axle.Plots.Tests;

public class ForestPlotTests
{
    [Fact]
    public void HdiOfEvenlySpacedDrawsIsTheFirstNarrowestWindow()
    {
        double[] x = Enumerable.Range(0, 100).Select(i => (double)i).Reverse().ToArray();
        Assert.Equal((0.0, 94.0), Intervals.Hdi(x, 0.94));
        Assert.Equal((0.0, 50.0), Intervals.Hdi(x, 0.50));
    }

    [Fact]
    public void HdiIsTheNarrowestIntervalHoldingItsShareOfDrawsByBruteForce()
    {
        var rng = new Random(3);
        double[] x = Enumerable.Range(0, 300).Select(_ => -Math.Log(1 - rng.NextDouble())).ToArray(); // skewed: exponential
        foreach (double prob in new[] { 0.5, 0.94 })
        {
            var (lo, hi) = Intervals.Hdi(x, prob);
            int need = (int)Math.Floor(prob * x.Length) + 1;
            Assert.True(x.Count(v => v >= lo && v <= hi) >= need);
            double best = double.PositiveInfinity;
            foreach (double a in x)
                foreach (double b in x)
                    if (b >= a && b - a < best && x.Count(v => v >= a && v <= b) >= need) best = b - a;
            Assert.Equal(best, hi - lo, 12);
            // For a skewed sample the HDI is narrower than the equal-tailed interval of the same mass.
            double[] sorted = x.Order().ToArray();
            double tail = (1 - prob) / 2;
            Assert.True(hi - lo < sorted[(int)((1 - tail) * (x.Length - 1))] - sorted[(int)(tail * (x.Length - 1))]);
        }
    }

    [Fact]
    public void SvgHasTwoIntervalsAndAMeanPerChainAndComponentAndEveryRhat()
    {
        var idata = Draws.Gaussian2d();
        string path = Images.PathFor("forest.svg");
        Plot.Forest(idata, path);
        var svg = Images.LoadSvg(path);
        for (int c = 0; c < Draws.Chains; c++)
        {
            Assert.Equal(1 + 2 * 3, Images.Count(svg, "path", Theme.Chain(c)));
            Assert.Equal(3, Images.Count(svg, "ellipse", Theme.Chain(c), fill: true));
        }
        var texts = Images.Texts(svg);
        var theta = idata.Posterior!.Variable("theta");
        foreach (var draws in new[] { theta.Component(0), theta.Component(1), idata.Posterior.Variable("sigma").Component(0) })
            Assert.Contains(Diagnostics.Rhat(draws).ToString("0.000", CultureInfo.InvariantCulture), texts);
        Assert.Contains("R-hat", texts);
        Assert.Contains("theta[1]", texts);
    }

    [Fact]
    public void CombinedDrawsOneIntervalPerComponent()
    {
        string path = Images.PathFor("forest_combined.svg");
        Plot.Forest(Draws.Gaussian2d(), path, combined: true);
        var svg = Images.LoadSvg(path);
        Assert.Equal(1 + 2 * 3, Images.Count(svg, "path", Theme.Pooled));
        Assert.Equal(3, Images.Count(svg, "ellipse", Theme.Pooled, fill: true));
        Assert.Equal(0, Images.Count(svg, "path", Theme.Chain(1)));
    }

    [Fact]
    public void PngHasTheRequestedSizeAndIntervalsInTheMainPanel()
    {
        string path = Images.PathFor("forest.png");
        var figure = Plot.ForestFigure(Draws.Gaussian2d(), path, null, false, 40, 700, 420);
        var image = Images.DecodePng(path);
        Assert.Equal((700, 420), (image.Width, image.Height));
        var main = figure.LastAreas.Single(a => a.Column == 0);
        for (int c = 0; c < Draws.Chains; c++)
            Assert.True(Images.Near(image, main.Data, Theme.Chain(c), 10) > 50, $"no interval of chain {c}");
    }
}
