namespace Axle.Plots.Tests;

public class TracePlotTests
{
    private const int Components = 3; // theta[0], theta[1], sigma

    [Fact]
    public void PngHasTheRequestedSizeAndDataInEveryPanel()
    {
        string path = Images.PathFor("trace.png");
        var figure = Plot.TraceFigure(Draws.Gaussian2d(), path, null, 8, 900, 640);
        var image = Images.DecodePng(path);
        Assert.Equal((900, 640), (image.Width, image.Height));
        Assert.Equal(2 * Components, figure.LastAreas.Count);
        foreach (var area in figure.LastAreas)
            Assert.True(Images.Colourful(image, area.Data) > 300, $"panel ({area.Row}, {area.Column}) has almost no coloured pixels");
    }

    [Fact]
    public void SvgHasOneDensityAndOneTraceLinePerChainAndComponent()
    {
        string path = Images.PathFor("trace.svg");
        Plot.Trace(Draws.Gaussian2d(), path);
        var svg = Images.LoadSvg(path);
        Assert.Equal("1200", (string?)svg.Attribute("width"));
        for (int c = 0; c < Draws.Chains; c++)
            Assert.Equal(1 + 2 * Components, Images.Count(svg, "path", Theme.Chain(c))); // the legend swatch, then the lines
        Assert.Contains("theta[0]", Images.Texts(svg));
        Assert.Contains("sigma", Images.Texts(svg));
    }

    [Fact]
    public void DivergentDrawsAreRedTicksInEveryPanelAndOnlyWhenThereAreAny()
    {
        var idata = Draws.Gaussian2d();
        int divergent = Draws.DivergentCount(idata);
        Assert.InRange(divergent, 5, 100);

        string svgPath = Images.PathFor("trace_divergent.svg");
        Plot.Trace(idata, svgPath);
        Assert.Equal(divergent * Components * 2, Images.Count(Images.LoadSvg(svgPath), "path", Theme.Divergent));

        string png = Images.PathFor("trace_divergent.png");
        var figure = Plot.TraceFigure(idata, png, null, 8, null, null);
        var image = Images.DecodePng(png);
        foreach (var area in figure.LastAreas)
            Assert.True(Images.Near(image, area.Data, Theme.Divergent) > 20, $"panel ({area.Row}, {area.Column}) shows no divergence ticks");

        var clean = Draws.Gaussian2d(withDivergences: false);
        string cleanSvg = Images.PathFor("trace_clean.svg"), cleanPng = Images.PathFor("trace_clean.png");
        Plot.Trace(clean, cleanSvg);
        Plot.Trace(clean, cleanPng);
        var svg = Images.LoadSvg(cleanSvg);
        Assert.Equal(0, Images.Count(svg, "path", Theme.Divergent) + Images.Count(svg, "ellipse", Theme.Divergent, fill: true));
        Assert.DoesNotContain(Images.Texts(svg), t => t.StartsWith("divergent", StringComparison.Ordinal));
        var cleanImage = Images.DecodePng(cleanPng);
        Assert.True(Images.Near(cleanImage, Images.Whole(cleanImage), Theme.Divergent) < 10, "red pixels in a plot without divergences");
    }

    [Fact]
    public void TheCapOnComponentsIsSaidInTheTitle()
    {
        string path = Images.PathFor("trace_capped.svg");
        Plot.Trace(Draws.Gaussian2d(), path, maxComponents: 2);
        var svg = Images.LoadSvg(path);
        Assert.Contains("Trace (first 2 of 3 components)", Images.Texts(svg));
        Assert.Equal(1 + 2 * 2, Images.Count(svg, "path", Theme.Chain(0)));
    }

    [Fact]
    public void VariablesAreChosenByName()
    {
        string path = Images.PathFor("trace_sigma.svg");
        Plot.Trace(Draws.Gaussian2d(), path, variables: ["sigma"]);
        var svg = Images.LoadSvg(path);
        Assert.Equal(1 + 2, Images.Count(svg, "path", Theme.Chain(0)));
        Assert.Equal("Trace", Images.Texts(svg)[0]);
        Assert.DoesNotContain("theta[0]", Images.Texts(svg));
    }
}
