using Axle.Inference;
using SkiaSharp;

namespace Axle.Plots.Tests;

public class ArgumentTests
{
    [Fact]
    public void TheExtensionPicksTheFormatAndOthersAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Plot.Trace(Draws.Gaussian2d(), Images.PathFor("trace.jpg")));
        Assert.Equal("path", e.ParamName);
        Assert.Contains(".png or .svg", e.Message);
        string upper = Images.PathFor("TRACE_UPPER.SVG");
        Plot.Trace(Draws.Gaussian2d(), upper, variables: ["sigma"]);
        Images.LoadSvg(upper);
    }

    [Fact]
    public void UnknownVariablesAreNamedWithTheOnesThatExist()
    {
        var e = Assert.Throws<ArgumentException>(() => Plot.Rank(Draws.Gaussian2d(), Images.PathFor("x.png"), ["tau"]));
        Assert.Equal("variables", e.ParamName);
        Assert.Contains("'tau'", e.Message);
        Assert.Contains("theta, sigma", e.Message);
    }

    [Fact]
    public void BadCapsSizesAndMissingPosteriorsAreRefused()
    {
        var idata = Draws.Gaussian2d();
        Assert.Equal("maxComponents", Assert.Throws<ArgumentOutOfRangeException>(() => Plot.Forest(idata, Images.PathFor("x.png"), maxComponents: 0)).ParamName);
        Assert.Equal("width", Assert.Throws<ArgumentOutOfRangeException>(() => Plot.Trace(idata, Images.PathFor("x.png"), width: 50)).ParamName);
        Assert.Equal("height", Assert.Throws<ArgumentOutOfRangeException>(() => Plot.Trace(idata, Images.PathFor("x.png"), height: 20000)).ParamName);
        var e = Assert.Throws<ArgumentException>(() => Plot.Trace(new InferenceData(), Images.PathFor("x.png")));
        Assert.Contains("no posterior", e.Message);
        Assert.Throws<ArgumentNullException>(() => Plot.Trace(null!, Images.PathFor("x.png")));
    }

    [Fact]
    public void DivergingOfAnotherShapeIsRefused()
    {
        var idata = Draws.Gaussian2d();
        idata.SampleStats = new InferenceGroup([new InferenceVariable("diverging", Tensor.From(new bool[3 * 5], 3, 5), ["chain", "draw"])]);
        var e = Assert.Throws<ArgumentException>(() => Plot.Trace(idata, Images.PathFor("x.png")));
        Assert.Contains("'diverging'", e.Message);
    }

    [Fact]
    public void LabelsUseAnInstalledSansFontAndCoordinateNames()
    {
        Assert.Contains(Theme.FontName, SKFontManager.Default.FontFamilies);
        Assert.DoesNotContain("Serif", Theme.FontName);
        var posterior = new InferenceGroup(
            [new InferenceVariable("beta", Tensor.From(new double[2 * 10 * 2], 2, 10, 2), ["chain", "draw", "predictor"])],
            new Dictionary<string, IReadOnlyList<object>> { ["predictor"] = ["age", "dose"] });
        string path = Images.PathFor("labels.svg");
        Plot.Forest(new InferenceData { Posterior = posterior }, path, combined: true);
        var svg = Images.LoadSvg(path);
        Assert.Contains("beta[dose]", Images.Texts(svg));
        Assert.All(svg.Descendants().Where(x => x.Name.LocalName == "text"), t => Assert.Equal(Theme.FontName, (string?)t.Attribute("font-family")));
    }
}

public class EdgeCaseTests
{
    [Fact]
    public void OneShortChainConstantAndNonFiniteDrawsStillPlot()
    {
        var posterior = new InferenceGroup(
        [
            new InferenceVariable("a", Tensor.From(new[] { 1.0, 2.0, double.NaN, 0.5 }, 1, 4), ["chain", "draw"]),
            new InferenceVariable("b", Tensor.From(new[] { 3.0, 3.0, 3.0, 3.0 }, 1, 4), ["chain", "draw"]),
        ]);
        var stats = new InferenceGroup(
        [
            new InferenceVariable("diverging", Tensor.From(new[] { false, true, false, false }, 1, 4), ["chain", "draw"]),
            new InferenceVariable("energy", Tensor.From(new[] { 1.0, 2.5, 0.5, 1.5 }, 1, 4), ["chain", "draw"]),
        ]);
        var idata = new InferenceData { Posterior = posterior, SampleStats = stats };
        var written = new List<string>();
        void Write(string name, Action<string> plot)
        {
            string path = Images.PathFor(name);
            plot(path);
            written.Add(path);
        }
        Write("edge_trace.png", p => Plot.Trace(idata, p));
        Write("edge_rank.png", p => Plot.Rank(idata, p));
        Write("edge_forest.png", p => Plot.Forest(idata, p));
        Write("edge_energy.png", p => Plot.Energy(idata, p));
        Write("edge_pair.png", p => Plot.Pair(idata, p));
        foreach (string path in written) Assert.True(Images.DecodePng(path).Width >= PlotFile.MinSide);
    }
}
