namespace Axle.Tests.RandomNumbers;

/// <summary>
/// Moments and Kolmogorov–Smirnov distance against the exact CDF at 10^5 seeded draws, each
/// sampler jitted into one program. The KS bound 0.006 is about 1.9/sqrt(n) (p ≈ 0.001).
/// </summary>
public class DistributionTests
{
    private const int N = 100_000;
    private const double KsBound = 0.006;

    private static double[] Draw(Func<Tensor, Tensor> sampler, long seed = 0)
    {
        var jitted = Ax.Jit(sampler);
        var t = jitted(Rng.Key(seed));
        return t.DType == DType.F64 ? t.ToArray<double>() : t.DType == DType.F32 ? t.ToArray<float>().Select(v => (double)v).ToArray()
            : Ops.Astype(t, DType.F64).ToArray<double>();
    }

    private static double Ks(double[] xs, Func<double, double> cdf)
    {
        var s = xs.OrderBy(v => v).ToArray();
        double d = 0;
        for (int i = 0; i < s.Length; i++)
        {
            double f = cdf(s[i]);
            d = Math.Max(d, Math.Max(Math.Abs(f - (double)i / s.Length), Math.Abs((double)(i + 1) / s.Length - f)));
        }
        return d;
    }

    private static double Erf(double x)
    {
        // Abramowitz–Stegun 7.1.26 is too coarse for KS at 1e5; use a series/continued fraction via erfc.
        double t = 1 / (1 + 0.5 * Math.Abs(x));
        double y = 1 - t * Math.Exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
            t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? y : -y;
    }

    private static double NormalCdf(double x) => 0.5 * (1 + Erf(x / Math.Sqrt(2)));

    private static void Moments(double[] xs, double mean, double variance, double tol)
    {
        double m = xs.Average();
        double v = xs.Select(x => (x - m) * (x - m)).Sum() / (xs.Length - 1);
        Assert.InRange(m, mean - tol, mean + tol);
        Assert.InRange(v, variance * (1 - 10 * tol), variance * (1 + 10 * tol));
    }

    [Fact]
    public void Uniform()
    {
        var xs = Draw(k => Rng.Uniform(k, [N]));
        Assert.All(xs, x => Assert.InRange(x, 0, 1 - 1e-9));
        Assert.True(Ks(xs, x => x) < KsBound);
        Moments(xs, 0.5, 1.0 / 12, 0.005);
    }

    [Fact]
    public void Normal()
    {
        var xs = Draw(k => Rng.Normal(k, [N]));
        Assert.True(Ks(xs, NormalCdf) < KsBound);
        Moments(xs, 0, 1, 0.01);
        var d = Draw(k => Rng.Normal(k, [N], DType.F64), 1);
        Assert.True(Ks(d, NormalCdf) < KsBound);
    }

    [Fact]
    public void NormalIsSqrt2ErfInvOfUniform()
    {
        var u = Rng.Uniform(Rng.Key(9), [5], min: -1.0 + Math.ScaleB(1, -24), max: 1.0);
        var want = Ops.Multiply((float)Math.Sqrt(2), Ops.ErfInv(u)).ToArray<float>();
        Assert.Equal(want, Rng.Normal(Rng.Key(9), [5]).ToArray<float>());
    }

    [Fact]
    public void CauchyAndHalfCauchy()
    {
        var xs = Draw(k => Rng.Cauchy(k, [N]));
        Assert.True(Ks(xs, x => 0.5 + Math.Atan(x) / Math.PI) < KsBound);
        var h = Draw(k => Rng.HalfCauchy(k, 1.0, 2.0, [N]));
        Assert.All(h, x => Assert.True(x >= 1));
        Assert.True(Ks(h, x => 2 / Math.PI * Math.Atan((x - 1) / 2)) < KsBound);
    }

    [Fact]
    public void HalfNormalExponentialLaplaceLogisticGumbel()
    {
        Assert.True(Ks(Draw(k => Rng.HalfNormal(k, [N])), x => Erf(x / Math.Sqrt(2))) < KsBound);
        var e = Draw(k => Rng.Exponential(k, [N]));
        Assert.True(Ks(e, x => 1 - Math.Exp(-x)) < KsBound);
        Moments(e, 1, 1, 0.02);
        Assert.True(Ks(Draw(k => Rng.Laplace(k, [N])), x => x < 0 ? 0.5 * Math.Exp(x) : 1 - 0.5 * Math.Exp(-x)) < KsBound);
        Assert.True(Ks(Draw(k => Rng.Logistic(k, [N])), x => 1 / (1 + Math.Exp(-x))) < KsBound);
        Assert.True(Ks(Draw(k => Rng.Gumbel(k, [N])), x => Math.Exp(-Math.Exp(-x))) < KsBound);
    }

    [Fact]
    public void TruncatedNormalStaysInsideAndMatchesCdf()
    {
        var xs = Draw(k => Rng.TruncatedNormal(k, -1.0, 2.0, [N]));
        Assert.All(xs, x => Assert.InRange(x, -1 + 1e-7, 2 - 1e-7));
        double a = NormalCdf(-1), b = NormalCdf(2);
        Assert.True(Ks(xs, x => (NormalCdf(x) - a) / (b - a)) < KsBound);
    }

    [Fact]
    public void Bernoulli()
    {
        var xs = Draw(k => Rng.Bernoulli(k, 0.3, [N]));
        Assert.InRange(xs.Average(), 0.295, 0.305);
        // Bit-exact: Uniform < p.
        var u = Rng.Uniform(Rng.Key(4), [50]).ToArray<float>();
        Assert.Equal(u.Select(v => v < 0.3f).ToArray(), Rng.Bernoulli(Rng.Key(4), 0.3, [50]).ToArray<bool>());
        Assert.All(Rng.Bernoulli(Rng.Key(4), 0.0, [100]).ToArray<bool>(), Assert.False);
        Assert.All(Rng.Bernoulli(Rng.Key(4), 1.0, [100]).ToArray<bool>(), Assert.True);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(4.5)]
    public void GammaMoments(double alpha)
    {
        var xs = Draw(k => Rng.Gamma(k, alpha, [N]));
        Assert.All(xs, x => Assert.True(x >= 0));
        Moments(xs, alpha, alpha, 0.02 * Math.Max(1, alpha));
        if (alpha == 1.0) Assert.True(Ks(xs, x => 1 - Math.Exp(-x)) < KsBound);
    }

    [Fact]
    public void GammaVmapEqualsPerKey()
    {
        var keys = Rng.Split(Rng.Key(2), 4);
        var batched = Ax.Vmap((Tensor k) => Rng.Gamma(k, 0.7, [3]))(keys).ToArray<float>();
        for (int i = 0; i < 4; i++)
            Assert.Equal(batched[(3 * i)..(3 * i + 3)], Rng.Gamma(keys[i], 0.7, [3]).ToArray<float>());
    }

    [Fact]
    public void BetaAndDirichlet()
    {
        var b = Draw(k => Rng.Beta(k, 2.0, 3.0, [N]));
        Moments(b, 0.4, 0.04, 0.005);
        // Beta(1, 1) is uniform.
        Assert.True(Ks(Draw(k => Rng.Beta(k, 1.0, 1.0, [N])), x => x) < KsBound);
        var d = Rng.Dirichlet(Rng.Key(0), Tensor.From(new float[] { 1, 2, 3 }), [20000]);
        Assert.Equal(new Shape(20000, 3), d.Shape);
        var sums = Ops.Sum(d, -1).ToArray<float>();
        Assert.All(sums, s => Assert.InRange(s, 0.9999f, 1.0001f));
        var means = Ops.Mean(d, 0).ToArray<float>();
        Assert.InRange(means[0], 1 / 6.0 - 0.01, 1 / 6.0 + 0.01);
        Assert.InRange(means[2], 0.5 - 0.01, 0.5 + 0.01);
    }

    [Fact]
    public void Categorical()
    {
        var logits = Ops.Log(Tensor.From(new float[] { 0.2f, 0.5f, 0.3f }));
        var xs = Draw(k => Rng.Categorical(k, logits, shape: [N]));
        for (int c = 0; c < 3; c++)
            Assert.InRange(xs.Count(v => v == c) / (double)N, new[] { 0.2, 0.5, 0.3 }[c] - 0.006, new[] { 0.2, 0.5, 0.3 }[c] + 0.006);
    }

    [Fact]
    public void RandintPermutationChoice()
    {
        var r = Draw(k => Rng.Randint(k, [N], 3, 10));
        Assert.All(r, v => Assert.InRange(v, 3, 9));
        for (int v = 3; v < 10; v++) Assert.InRange(r.Count(x => x == v) / (double)N, 1 / 7.0 - 0.006, 1 / 7.0 + 0.006);
        Assert.All(Rng.Randint(Rng.Key(0), [10], 5, 5).ToArray<int>(), v => Assert.Equal(5, v));
        var p = Rng.Permutation(Rng.Key(0), 50).ToArray<int>();
        Assert.Equal(Enumerable.Range(0, 50), p.Order());
        Assert.NotEqual(Enumerable.Range(0, 50), p);
        var c = Rng.Choice(Rng.Key(1), 10, [10], replace: false).ToArray<int>();
        Assert.Equal(Enumerable.Range(0, 10), c.Order());
        var w = Draw(k => Rng.Choice(k, 3, [N], p: Tensor.From(new float[] { 0.1f, 0.0f, 0.9f })));
        Assert.DoesNotContain(1.0, w);
        Assert.InRange(w.Count(x => x == 0) / (double)N, 0.094, 0.106);
    }

    [Fact]
    public void MultivariateNormalCovariance()
    {
        var cov = Tensor.From(new float[,] { { 2, 0.5f }, { 0.5f, 1 } });
        var mean = Tensor.From(new float[] { 1, -1 });
        var xs = Rng.MultivariateNormal(Rng.Key(0), mean, cov, [N]).ToArray<float>();
        double m0 = 0, m1 = 0, c01 = 0;
        for (int i = 0; i < N; i++) { m0 += xs[2 * i]; m1 += xs[2 * i + 1]; }
        m0 /= N; m1 /= N;
        for (int i = 0; i < N; i++) c01 += (xs[2 * i] - m0) * (xs[2 * i + 1] - m1);
        Assert.InRange(m0, 0.98, 1.02);
        Assert.InRange(m1, -1.02, -0.98);
        Assert.InRange(c01 / N, 0.47, 0.53);
    }
}
