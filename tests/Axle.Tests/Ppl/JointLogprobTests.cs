using static Axle.Tests.Ppl.Reference;

namespace Axle.Tests.Ppl;

/// <summary>Each family's log-density against its closed form (f64, random parameters), including values outside the support.</summary>
public class JointLogprobTests
{
    private readonly Random _random = new(20260511);
    private readonly RandomStream _s = new(DType.F64);

    private double U(double lo, double hi) => lo + (hi - lo) * _random.NextDouble();

    private static Tensor F(double x) => Tensor.From(x);

    /// <summary>The log-density of one variable as a function of its value variable.</summary>
    private static Func<Tensor, double> Density(Tensor rv, bool transform = false)
    {
        var (lp, vvs) = Axle.Ppl.JointLogprob([rv], transform);
        Assert.Single(vvs);
        var f = Ax.Function(vvs, lp);
        return v => f(v).Item<double>();
    }

    private static void Check(Func<Tensor, double> density, Func<double, double> reference, params double[] values)
    {
        foreach (double x in values) Assert.Equal(reference(x), density(F(x)), 9);
    }

    private static void OutOfSupport(Func<Tensor, double> density, params double[] values)
    {
        foreach (double x in values) Assert.Equal(double.NegativeInfinity, density(F(x)));
    }

    [Fact]
    public void Normal()
    {
        double loc = U(-2, 2), scale = U(0.5, 3);
        Check(Density(_s.Normal(F(loc), F(scale))), x => Reference.Normal(x, loc, scale), -1.3, 0, 2.7, loc);
    }

    [Fact]
    public void HalfNormalAndHalfCauchyAreTwiceTheirFullDensityAboveLoc()
    {
        double loc = U(-1, 1), scale = U(0.5, 3);
        var hn = Density(_s.HalfNormal(F(loc), F(scale)));
        Check(hn, x => Math.Log(2) + Reference.Normal(x, loc, scale), loc, loc + 0.3, loc + 4);
        OutOfSupport(hn, loc - 1e-3, loc - 5);
        var hc = Density(_s.HalfCauchy(F(loc), F(scale)));
        Check(hc, x => Math.Log(2) + Reference.Cauchy(x, loc, scale), loc, loc + 0.3, loc + 40);
        OutOfSupport(hc, loc - 1e-3, -100);
    }

    [Fact]
    public void Cauchy()
    {
        double loc = U(-2, 2), scale = U(0.5, 3);
        Check(Density(_s.Cauchy(F(loc), F(scale))), x => Reference.Cauchy(x, loc, scale), -30, 0, 1.5);
    }

    [Fact]
    public void LaplaceLogisticGumbel()
    {
        double loc = U(-2, 2), scale = U(0.5, 3);
        Check(Density(_s.Laplace(F(loc), F(scale))), x => -Math.Log(2 * scale) - Math.Abs(x - loc) / scale, -3, loc, 2.2);
        Check(Density(_s.Logistic(F(loc), F(scale))), x =>
        {
            double z = (x - loc) / scale;
            return -z - Math.Log(scale) - 2 * Math.Log(1 + Math.Exp(-z));
        }, -3, loc, 2.2, 40);
        Check(Density(_s.Gumbel(F(loc), F(scale))), x =>
        {
            double z = (x - loc) / scale;
            return -Math.Log(scale) - z - Math.Exp(-z);
        }, -1, loc, 2.2, 10);
    }

    [Fact]
    public void Uniform()
    {
        double low = U(-2, 0), high = U(0.5, 3);
        var d = Density(_s.Uniform(F(low), F(high)));
        Check(d, _ => -Math.Log(high - low), low, 0, high);
        OutOfSupport(d, low - 0.01, high + 0.01);
    }

    [Fact]
    public void Exponential()
    {
        double scale = U(0.5, 3);
        var d = Density(_s.Exponential(F(scale)));
        Check(d, x => -Math.Log(scale) - x / scale, 0, 0.7, 3);
        OutOfSupport(d, -0.1);
    }

    [Fact]
    public void Gamma()
    {
        double alpha = U(0.5, 4), scale = U(0.5, 3);
        var d = Density(_s.Gamma(F(alpha), F(scale)));
        Check(d, x => (alpha - 1) * Math.Log(x) - x / scale - alpha * Math.Log(scale) - LogGamma(alpha), 0.1, 1.3, 7);
        OutOfSupport(d, -0.5);
        // At 0 the density is 1/scale for alpha = 1 (an exponential).
        Assert.Equal(-Math.Log(2.0), Density(_s.Gamma(F(1.0), F(2.0)))(F(0.0)), 12);
    }

    [Fact]
    public void Beta()
    {
        double a = U(0.5, 4), b = U(0.5, 4);
        var d = Density(_s.Beta(F(a), F(b)));
        Check(d, x => (a - 1) * Math.Log(x) + (b - 1) * Math.Log(1 - x) + LogGamma(a + b) - LogGamma(a) - LogGamma(b), 0.05, 0.5, 0.93);
        OutOfSupport(d, -0.1, 1.2, 0, 1);
    }

    [Fact]
    public void BernoulliTakesZeroOrOneInAFloatDType()
    {
        double p = U(0.1, 0.9);
        var rv = _s.Bernoulli(F(p));
        var (_, vvs) = Axle.Ppl.JointLogprob(rv);
        Assert.Equal(DType.F64, vvs[0].DType);
        var d = Density(rv);
        Assert.Equal(Math.Log(p), d(F(1)), 12);
        Assert.Equal(Math.Log(1 - p), d(F(0)), 12);
        OutOfSupport(d, 0.5, 2, -1);
        // Any real dtype: bool and integer values too.
        var (lp2, vv2) = Axle.Ppl.JointLogprob(rv);
        var h = Ax.Function(vv2, lp2);
        Assert.Equal(Math.Log(p), h(Tensor.From(true)).Item<double>(), 12);
        Assert.Equal(Math.Log(1 - p), h(Tensor.From(0)).Item<double>(), 12);
        Assert.Equal(Math.Log(1 - p), h(Tensor.From(0f)).Item<double>(), 12);
    }

    [Fact]
    public void BernoulliOfASigmoidStaysFiniteForLargeLogits()
    {
        var logit = Sym.Scalar("logit", DType.F64);
        var y = _s.Bernoulli(Ops.Sigmoid(logit));
        var (lp, vvs) = Axle.Ppl.JointLogprob(y);
        var f = Ax.Function([logit, .. vvs], lp);
        Assert.Equal(-800, f(F(-800), F(1)).Item<double>(), 9);
        Assert.Equal(0, f(F(-800), F(0)).Item<double>(), 9);
    }

    [Fact]
    public void Poisson()
    {
        double lam = U(0.5, 6);
        var rv = _s.Poisson(F(lam));
        var (lp, vvs) = Axle.Ppl.JointLogprob(rv);
        // Counts may come as integers or floats; a non-integer value is outside the support.
        Assert.Equal(DType.F64, vvs[0].DType);
        var f = Ax.Function(vvs, lp);
        foreach (int k in new[] { 0, 1, 3, 12 })
        {
            Assert.Equal(k * Math.Log(lam) - lam - LogGamma(k + 1), f(Tensor.From(k)).Item<double>(), 9);
            Assert.Equal(k * Math.Log(lam) - lam - LogGamma(k + 1), f(F(k)).Item<double>(), 9);
        }
        Assert.Equal(double.NegativeInfinity, f(Tensor.From(-1)).Item<double>());
        Assert.Equal(double.NegativeInfinity, f(F(2.5)).Item<double>());
    }

    [Fact]
    public void CategoricalOverValidIndicesOnly()
    {
        double[] logits = [U(-1, 1), U(-1, 1), U(-1, 1), U(-1, 1)];
        double norm = Math.Log(logits.Sum(Math.Exp));
        var rv = _s.Categorical(Tensor.From(logits, 4));
        var (lp, vvs) = Axle.Ppl.JointLogprob(rv);
        var f = Ax.Function(vvs, lp);
        for (int k = 0; k < 4; k++) Assert.Equal(logits[k] - norm, f(Tensor.From(k)).Item<double>(), 9);
        Assert.Equal(double.NegativeInfinity, f(Tensor.From(4)).Item<double>());
        Assert.Equal(double.NegativeInfinity, f(Tensor.From(-1)).Item<double>());
    }

    [Fact]
    public void Dirichlet()
    {
        double[] alpha = [U(0.5, 3), U(0.5, 3), U(0.5, 3)];
        var f = Density(_s.Dirichlet(Tensor.From(alpha, 3)));
        double[] x = [0.2, 0.5, 0.3];
        double want = LogGamma(alpha.Sum()) - alpha.Sum(LogGamma) + Enumerable.Range(0, 3).Sum(i => (alpha[i] - 1) * Math.Log(x[i]));
        Assert.Equal(want, f(Tensor.From(x, 3)), 9);
        Assert.Equal(double.NegativeInfinity, f(Tensor.From(new[] { 0.2, 0.5, 0.4 }, 3)));
        Assert.Equal(double.NegativeInfinity, f(Tensor.From(new[] { -0.2, 0.9, 0.3 }, 3)));
    }

    [Fact]
    public void MultivariateNormal()
    {
        double[] mean = [U(-1, 1), U(-1, 1)];
        double a = U(1, 2), b = U(-0.5, 0.5), c = U(1, 2);
        var f = Density(_s.MultivariateNormal(Tensor.From(mean, 2), Tensor.From(new[,] { { a, b }, { b, c } })));
        double[] x = [0.3, -1.1];
        double d0 = x[0] - mean[0], d1 = x[1] - mean[1], det = a * c - b * b;
        double quad = (c * d0 * d0 - 2 * b * d0 * d1 + a * d1 * d1) / det;
        Assert.Equal(-0.5 * quad - 0.5 * Math.Log(det) - LogTwoPi, f(Tensor.From(x, 2)), 9);
    }

    [Fact]
    public void TruncatedNormal()
    {
        double loc = U(-1, 1), scale = U(0.5, 2), lower = loc - U(0.2, 1), upper = loc + U(0.5, 3);
        var d = Density(_s.TruncatedNormal(F(loc), F(scale), F(lower), F(upper)));
        double mass = Phi((upper - loc) / scale) - Phi((lower - loc) / scale);
        Check(d, x => Reference.Normal(x, loc, scale) - Math.Log(mass), lower, loc, upper);
        OutOfSupport(d, lower - 0.01, upper + 0.01);
    }

    [Fact]
    public void ParametersBroadcastAgainstTheValue()
    {
        double[] loc = [U(-1, 1), U(-1, 1), U(-1, 1)];
        double scale = U(0.5, 2);
        var f = Density(_s.Normal(Tensor.From(loc, 3), F(scale)));
        double[] x = [0.1, -0.4, 2];
        Assert.Equal(Enumerable.Range(0, 3).Sum(i => Reference.Normal(x[i], loc[i], scale)), f(Tensor.From(x, 3)), 9);
    }
}
