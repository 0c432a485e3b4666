namespace Axle.Tests.RandomNumbers;

/// <summary>
/// Poisson at 10^5 jitted draws per rate, covering both algorithms (Knuth below 10, rejection
/// above): moments, a chi-square test over bins with at least 20 expected counts, and the largest
/// gap between the empirical and exact CDF (a KS-type distance, bound about 1.9/sqrt(n)).
/// </summary>
public class PoissonTests
{
    private const int N = 100_000;

    private static int[] Draw(double lam, long seed = 0) => Ax.Jit((Tensor k) => Rng.Poisson(k, lam, [N]))(Rng.Key(seed)).ToArray<int>();

    /// <summary>The Poisson pmf at 0..max, by the recurrence p(k) = p(k-1) · lam / k in log space.</summary>
    private static double[] Pmf(double lam, int max)
    {
        var p = new double[max + 1];
        double log = -lam;
        for (int k = 0; k <= max; k++)
        {
            if (k > 0) log += Math.Log(lam) - Math.Log(k);
            p[k] = Math.Exp(log);
        }
        return p;
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(3.0)]
    [InlineData(25.0)]
    [InlineData(1000.0)]
    public void MomentsAndGoodnessOfFit(double lam)
    {
        var xs = Draw(lam);
        Assert.All(xs, x => Assert.True(x >= 0));
        double mean = xs.Average(), variance = xs.Select(x => (x - mean) * (x - mean)).Sum() / (N - 1);
        // Five standard errors of the mean; the sample variance's relative error is about sqrt(2/n) ≈ 0.0045.
        Assert.InRange(mean, lam - 5 * Math.Sqrt(lam / N), lam + 5 * Math.Sqrt(lam / N));
        Assert.InRange(variance, lam * 0.97, lam * 1.03);

        int max = xs.Max();
        var pmf = Pmf(lam, max);
        var counts = new int[max + 1];
        foreach (var x in xs) counts[x]++;

        // KS-type distance between the empirical and exact CDF at every integer.
        double cdf = 0, empirical = 0, d = 0;
        for (int k = 0; k <= max; k++)
        {
            cdf += pmf[k];
            empirical += counts[k] / (double)N;
            d = Math.Max(d, Math.Abs(cdf - empirical));
        }
        Assert.True(d < 0.006, $"lam={lam}: CDF distance {d}");

        // Chi-square over bins of at least 20 expected draws, tails merged into the end bins.
        var bins = new List<(double Expected, int Observed)>();
        double e = 0;
        int o = 0;
        for (int k = 0; k <= max; k++)
        {
            e += pmf[k] * N;
            o += counts[k];
            if (e >= 20)
            {
                bins.Add((e, o));
                e = 0;
                o = 0;
            }
        }
        double tailExpected = e + (1 - pmf.Sum()) * N;
        bins[^1] = (bins[^1].Expected + tailExpected, bins[^1].Observed + o);
        double chi2 = bins.Sum(b => (b.Observed - b.Expected) * (b.Observed - b.Expected) / b.Expected);
        int df = bins.Count - 1;
        Assert.True(df >= 2, $"lam={lam}: only {bins.Count} bins");
        // Far beyond the 99.99th percentile for these df (mean df, sd sqrt(2 df)).
        Assert.True(chi2 < df + 6 * Math.Sqrt(2.0 * df) + 10, $"lam={lam}: chi2 {chi2} with {df} degrees of freedom");
    }

    [Fact]
    public void ZeroRateGivesZeros()
    {
        Assert.All(Draw(0.0), x => Assert.Equal(0, x));
    }

    [Fact]
    public void RateIsChosenPerElement()
    {
        // Columns straddle the Knuth/rejection switch at 10; each column must have its own mean.
        var lam = Tensor.From(new float[] { 0, 2, 9.5f, 10, 40 });
        int rows = 20_000;
        var xs = Ax.Jit((Tensor k) => Rng.Poisson(k, lam, [rows, 5]))(Rng.Key(5)).ToArray<int>();
        float[] rates = lam.ToArray<float>();
        for (int c = 0; c < 5; c++)
        {
            double m = Enumerable.Range(0, rows).Average(r => xs[5 * r + c]);
            double tol = 5 * Math.Sqrt(Math.Max(rates[c], 1e-9) / rows);
            Assert.InRange(m, rates[c] - tol, rates[c] + tol);
        }
    }

    [Fact]
    public void EagerEqualsJittedAndKeysMatter()
    {
        var key = Rng.Key(11);
        var lam = Tensor.From(new float[] { 0.5f, 3, 25, 1000 });
        var eager = Rng.Poisson(key, lam).ToArray<int>();
        Assert.Equal(eager, Ax.Jit((Tensor k) => Rng.Poisson(k, lam))(key).ToArray<int>());
        Assert.NotEqual(eager, Rng.Poisson(Rng.Key(12), lam).ToArray<int>());
        Assert.Equal(DType.I64, Rng.Poisson(key, 3.0, [2], DType.I64).DType);
    }

    [Fact]
    public void VmapOverKeysEqualsLoop()
    {
        var keys = Rng.Split(Rng.Key(2), 6);
        var lam = Tensor.From(new float[] { 0.5f, 4, 12, 300 });
        var batched = Ax.Vmap((Tensor k) => Rng.Poisson(k, lam))(keys).ToArray<int>();
        for (int i = 0; i < 6; i++)
            Assert.Equal(batched[(4 * i)..(4 * i + 4)], Rng.Poisson(keys[i], lam).ToArray<int>());
    }

    [Fact]
    public void VmapOverRatesEqualsLoop()
    {
        // One key, a batch of rates on both sides of 10: the batched loops mask finished examples.
        var key = Rng.Key(8);
        var lams = Tensor.From(new float[] { 0.5f, 9, 11, 500 });
        var batched = Ax.Vmap((Tensor l) => Rng.Poisson(key, l, [3]))(lams).ToArray<int>();
        float[] ls = lams.ToArray<float>();
        for (int i = 0; i < 4; i++)
            Assert.Equal(batched[(3 * i)..(3 * i + 3)], Rng.Poisson(key, ls[i], [3]).ToArray<int>());
    }

    [Fact]
    public void NoGradientFlowsThroughTheCounts()
    {
        // d/dlam sum(lam · Poisson(key, lam)) = the counts themselves: the draws are constants.
        var key = Rng.Key(4);
        var lam = Tensor.From(new float[] { 2, 30 });
        var g = Ax.Grad((Tensor l) => Ops.Sum(Ops.Multiply(l, Ops.Astype(Rng.Poisson(key, l), DType.F32))))(lam).ToArray<float>();
        Assert.Equal(Rng.Poisson(key, lam).ToArray<int>().Select(v => (float)v).ToArray(), g);
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => Rng.Poisson(Rng.Key(0), 1.0, [3], DType.F32));
        Assert.Throws<ArgumentException>(() => Rng.Poisson(Rng.Split(Rng.Key(0), 2), 1.0, [3]));
        Assert.Throws<ArgumentException>(() => Rng.Poisson(Rng.Key(0), Tensor.From(new float[] { 1, 2 }), [3]));
    }
}
