namespace Axle.Plots.Tests;

public class RankPlotTests
{
    [Theory]
    [InlineData(200, 17)]   // ArviZ: ceil(2·log2(200)) + 1
    [InlineData(1000, 21)]
    [InlineData(4, 5)]
    public void BinsAreTwiceSturges(int draws, int bins) => Assert.Equal(bins, RankPlot.Bins(draws));

    [Fact]
    public void RanksAverageTiesLikeScipy()
    {
        // scipy.stats.rankdata([3, 1, 4, 1, 5, 9, 2, 6, 5, 3])
        var x = new double[,] { { 3, 1, 4, 1, 5 }, { 9, 2, 6, 5, 3 } };
        Assert.Equal([4.5, 1.5, 6, 1.5, 7.5, 10, 3, 9, 7.5, 4.5], RankPlot.Ranks(x));
    }

    [Fact]
    public void CountsMatchNumpyHistogramOfRanks()
    {
        // rankdata over both chains, np.histogram(row, bins=histogram_bin_edges(ranks, 5, range=(0, 20)))
        var x = new double[,]
        {
            { 0.5, 2.0, -1.0, 3.0, 0.5, 1.5, -0.2, 2.2, 0.9, 4.0 },
            { 1.0, -2.0, 0.0, 0.5, -0.5, 2.5, 1.2, -1.5, 0.3, 0.8 },
        };
        var counts = RankPlot.Counts(x, 5);
        Assert.Equal([1, 1, 2, 2, 4], Enumerable.Range(0, 5).Select(b => counts[0, b]));
        Assert.Equal([2, 3, 2, 2, 1], Enumerable.Range(0, 5).Select(b => counts[1, b]));
    }

    [Fact]
    public void SvgHasOneBarPerBinChainAndComponentAndAUniformLinePerChain()
    {
        string path = Images.PathFor("rank.svg");
        Plot.Rank(Draws.Gaussian2d(), path);
        var svg = Images.LoadSvg(path);
        int bins = RankPlot.Bins(Draws.PerChain);
        for (int c = 0; c < Draws.Chains; c++)
            Assert.Equal(1 + 3 * bins, Images.Count(svg, "rect", Theme.Chain(c), fill: true)); // legend box + bars
        Assert.Equal(3 * Draws.Chains, Images.Count(svg, "path", Theme.Reference, fill: true)); // dashed lines
    }

    [Fact]
    public void PngHasTheRequestedSizeAndBarsInEveryPanel()
    {
        string path = Images.PathFor("rank.png");
        var figure = Plot.RankFigure(Draws.Gaussian2d(), path, null, 12, 1000, 400);
        var image = Images.DecodePng(path);
        Assert.Equal((1000, 400), (image.Width, image.Height));
        Assert.Equal(3, figure.LastAreas.Count);
        foreach (var area in figure.LastAreas)
            for (int c = 0; c < Draws.Chains; c++)
                Assert.True(Images.Near(image, area.Data, Theme.Chain(c), 10) > 500, $"panel {area.Column} has no bars of chain {c}");
    }
}
