namespace Axle.Plots.Tests;

public class PairPlotTests
{
    [Fact]
    public void SvgDrawsEveryDrawInEveryLowerPanelWithDivergencesInRed()
    {
        var idata = Draws.Gaussian2d();
        int divergent = Draws.DivergentCount(idata), all = Draws.Chains * Draws.PerChain, lower = 3;
        string path = Images.PathFor("pair.svg");
        Plot.Pair(idata, path);
        var svg = Images.LoadSvg(path);
        Assert.Equal(1 + lower * (all - divergent), Images.Count(svg, "ellipse", Theme.Pooled, fill: true));
        Assert.Equal(1 + lower * divergent, Images.Count(svg, "ellipse", Theme.Divergent, fill: true));
        Assert.Equal(3, Images.Count(svg, "path", Theme.Pooled)); // a density on each diagonal panel
    }

    [Fact]
    public void PngHasTheRequestedSizeDataInEveryPanelAndRedDivergences()
    {
        string path = Images.PathFor("pair.png");
        var figure = Plot.PairFigure(Draws.Gaussian2d(), path, ["theta"], 6, 500, 560);
        var image = Images.DecodePng(path);
        Assert.Equal((500, 560), (image.Width, image.Height));
        Assert.Equal(3, figure.LastAreas.Count); // theta[0] and theta[1]: two diagonals, one pair
        foreach (var area in figure.LastAreas)
            Assert.True(Images.Colourful(image, area.Data) > 200, $"panel ({area.Row}, {area.Column}) is empty");
        var scatter = figure.LastAreas.Single(a => a.Row == 1 && a.Column == 0);
        Assert.True(Images.Near(image, scatter.Data, Theme.Divergent) > 50, "no red divergent draws");
    }

    [Fact]
    public void OneComponentIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Plot.Pair(Draws.Gaussian2d(), Images.PathFor("pair_one.png"), ["sigma"]));
        Assert.Contains("two", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Plot.Pair(Draws.Gaussian2d(), Images.PathFor("pair_one.png"), maxComponents: 1));
    }
}
