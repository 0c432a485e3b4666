namespace Axle.Plots.Tests;

public class KdeTests
{
    private static readonly double[] Sample = [0.3, -1.2, 2.5, 0.7, 0.1, -0.4, 1.9, 0.0, -2.2, 1.1];

    [Fact]
    public void BandwidthAndDensityMatchScipyGaussianKde()
    {
        // scipy.stats.gaussian_kde(Sample): factor n^(-1/5), bandwidth factor·std(ddof=1).
        double h = Kde.Bandwidth(Sample);
        Assert.Equal(0.8751903770865679, h, 12);
        double[] at = [-3.0, -1.0, 0.0, 0.5, 2.0, 4.0];
        double[] expected = [0.03632665, 0.16747417, 0.25354244, 0.25483158, 0.14169236, 0.01329112];
        var density = Kde.Evaluate(Sample, h, at);
        for (int i = 0; i < at.Length; i++) Assert.Equal(expected[i], density[i], 7);
    }

    [Fact]
    public void CurveIgnoresNonFiniteDrawsAndHoldsNearlyAllTheMass()
    {
        var (xs, ys) = Kde.Curve([.. Sample, double.NaN, double.PositiveInfinity], 400);
        Assert.Equal(400, xs.Length);
        double mass = 0;
        for (int i = 1; i < xs.Length; i++) mass += (xs[i] - xs[i - 1]) * (ys[i] + ys[i - 1]) / 2;
        Assert.InRange(mass, 0.9, 1.0); // one bandwidth past the extreme draws leaves a few percent in the tails
        Assert.Equal(Sample.Min() - Kde.Bandwidth(Sample), xs[0], 12);
    }

    [Fact]
    public void ConstantDrawsGiveASpikeNotNaN()
    {
        var (xs, ys) = Kde.Curve([2.0, 2.0, 2.0]);
        Assert.All(ys, y => Assert.True(double.IsFinite(y)));
        Assert.True(ys.Max() > 100);
        Assert.InRange(xs[0], 1.99, 2.0);
    }
}
