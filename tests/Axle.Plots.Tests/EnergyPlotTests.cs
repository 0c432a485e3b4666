using System.Globalization;
using Axle.Inference;

namespace Axle.Plots.Tests;

public class EnergyPlotTests
{
    [Fact]
    public void BfmiMatchesArviz()
    {
        // numpy: np.square(np.diff(E, axis=1)).mean(axis=1) / np.var(E, axis=1)
        var energy = new double[,] { { 5.0, 6.5, 4.2, 5.8, 7.1, 6.0 }, { 3.0, 3.2, 2.9, 3.5, 3.1, 3.3 } };
        var bfmi = EnergyPlot.Bfmi(energy);
        Assert.Equal(2.8817734, bfmi[0], 6);
        Assert.Equal(3.54857143, bfmi[1], 6);
    }

    [Fact]
    public void SvgHasBothDistributionsAndEveryChainsBfmiInTheLegend()
    {
        var idata = Draws.Gaussian2d();
        string path = Images.PathFor("energy.svg");
        Plot.Energy(idata, path);
        var svg = Images.LoadSvg(path);
        Assert.Equal(1, Images.Count(svg, "path", Theme.Chain(0), fill: true));
        Assert.Equal(1, Images.Count(svg, "path", Theme.Chain(1), fill: true));
        var texts = Images.Texts(svg);
        Assert.Contains("marginal energy", texts);
        Assert.Contains("energy transition", texts);
        var bfmi = EnergyPlot.Bfmi(idata.SampleStats!.Variable("energy").Component(0));
        for (int c = 0; c < Draws.Chains; c++)
            Assert.Contains($"chain {c}: E-BFMI = {bfmi[c].ToString("0.00", CultureInfo.InvariantCulture)}", texts);
    }

    [Fact]
    public void PngHasTheRequestedSizeAndBothDensities()
    {
        string path = Images.PathFor("energy.png");
        var figure = Plot.EnergyFigure(Draws.Gaussian2d(), path, 640, 480);
        var image = Images.DecodePng(path);
        Assert.Equal((640, 480), (image.Width, image.Height));
        var data = figure.LastAreas.Single().Data;
        Assert.True(Images.Near(image, data, Theme.Chain(0), 10) > 50);
        Assert.True(Images.Near(image, data, Theme.Chain(1), 10) > 50);
    }

    [Fact]
    public void WithoutEnergyTheErrorNamesIt()
    {
        var e = Assert.Throws<ArgumentException>(() => Plot.Energy(Draws.Gaussian2d(withEnergy: false), Images.PathFor("no_energy.png")));
        Assert.Contains("'energy'", e.Message);
        Assert.Contains("diverging", e.Message);
        Assert.False(File.Exists(Images.PathFor("no_energy.png")));
        Assert.Throws<ArgumentException>(() => Plot.Energy(new InferenceData(), Images.PathFor("no_stats.png")));
    }
}
