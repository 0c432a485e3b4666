using static Axle.Tests.Ppl.Reference;

namespace Axle.Tests.Ppl;

/// <summary>Hierarchical substitution (aeppl semantics), unconstrained transforms and the refusals.</summary>
public class HierarchyAndTransformTests
{
    private static Tensor F(double x) => Tensor.From(x);

    [Fact]
    public void ParametersThatAreListedVariablesReadTheirValueVariablesInAnyOrder()
    {
        var s = new RandomStream(DType.F64);
        var mu = s.Normal(F(0), F(1));
        var sigma = s.HalfNormal(F(0), F(2));
        var x = s.Normal(mu, sigma, size: [3]);
        // x first: the order of the list does not matter.
        var (lp, vvs) = Axle.Ppl.JointLogprob(x, mu, sigma);
        var f = Ax.Function(vvs, lp);
        double[] xs = [0.5, -0.2, 1.7];
        double m = 0.3, sg = 1.4;
        double want = xs.Sum(v => Reference.Normal(v, m, sg)) + Reference.Normal(m, 0, 1) + Math.Log(2) + Reference.Normal(sg, 0, 2);
        Assert.Equal(want, f(Tensor.From(xs, 3), F(m), F(sg)).Item<double>(), 9);
        // A negative sigma value is outside HalfNormal's support: -inf, not NaN.
        Assert.Equal(double.NegativeInfinity, f(Tensor.From(xs, 3), F(m), F(-1)).Item<double>());
    }

    [Fact]
    public void TransformGivesTheLogDensityOfLogAndLogitValuesWithTheJacobian()
    {
        var s = new RandomStream(DType.F64);
        var tau = s.HalfCauchy(F(0), F(1));
        var p = s.Beta(F(2), F(3));
        var w = s.Uniform(F(-1), F(3));
        var (lp, vvs) = Axle.Ppl.JointLogprob([tau, p, w], transform: true);
        var f = Ax.Function(vvs, lp);
        double u = -0.7, v = 0.4, r = 1.3;
        double t = Math.Exp(u), q = 1 / (1 + Math.Exp(-v)), sr = 1 / (1 + Math.Exp(-r));
        double want = Math.Log(2) + Cauchy(t, 0, 1) + u
                      + Math.Log(q) + 2 * Math.Log(1 - q) + LogGamma(5) - LogGamma(2) - LogGamma(3) + Math.Log(q * (1 - q))
                      - Math.Log(4) + Math.Log(4 * sr * (1 - sr));
        Assert.Equal(want, f(F(u), F(v), F(r)).Item<double>(), 9);
        // Unconstrained: any real value has a finite density, and the gradient exists there.
        var g = Ax.Grad(f)(F(-30), F(25), F(-20));
        Assert.True(double.IsFinite(g.Item<double>()));
    }

    [Fact]
    public void TransformedChildSeesTheConstrainedParent()
    {
        var s = new RandomStream(DType.F64);
        var sigma = s.Exponential(F(1));
        var x = s.Normal(F(0), sigma);
        var (lp, vvs) = Axle.Ppl.JointLogprob([sigma, x], transform: true);
        var f = Ax.Function(vvs, lp);
        double u = 0.2, xv = 0.9, sg = Math.Exp(u);
        Assert.Equal(-sg + u + Reference.Normal(xv, 0, sg), f(F(u), F(xv)).Item<double>(), 9);
    }

    [Fact]
    public void GradientOfTheTransformedDensityMatchesFiniteDifferences()
    {
        // The example's non-centered horseshoe on (log tau, log lambda, z), y observed.
        var X = Sym.Matrix("X", DType.F64);
        var s = new RandomStream(DType.F64);
        var tau = s.HalfCauchy(F(0), F(1));
        var lambda = s.HalfCauchy(F(0), F(1), size: X.Shape[^1]);
        var z = s.Normal(F(0), F(1), size: X.Shape[^1]);
        var y = s.Bernoulli(Ops.Sigmoid(-Ops.MatMul(X, tau * lambda * z)));
        var (lp, vvs) = Axle.Ppl.JointLogprob([tau, lambda, z, y], transform: true);
        var f = Ax.Function([X, .. vvs], lp);
        var x = Tensor.From(new[,] { { 0.3, -1.2 }, { 0.8, 0.1 }, { -0.5, 2.0 } });
        var yv = Tensor.From(new[] { 1.0, 0.0, 1.0 }, 3);
        double[] theta = [-0.4, 0.2, -0.7, 1.1, -0.6];
        double Lp(double[] t) => f(x, F(t[0]), Tensor.From(t[1..3], 2), Tensor.From(t[3..5], 2), yv).Item<double>();
        var (value, grads) = Ax.ValueAndGrad(f, [1, 2, 3])([x, F(theta[0]), Tensor.From(theta[1..3], 2), Tensor.From(theta[3..5], 2), yv]);
        Assert.Equal(Lp(theta), value.Item<double>(), 12);
        double[] got = [grads[0].Item<double>(), .. grads[1].ToArray<double>(), .. grads[2].ToArray<double>()];
        for (int i = 0; i < theta.Length; i++)
        {
            double[] up = [.. theta], down = [.. theta];
            up[i] += 1e-6;
            down[i] -= 1e-6;
            Assert.Equal((Lp(up) - Lp(down)) / 2e-6, got[i], 5);
        }
    }

    [Fact]
    public void MultivariateNormalWithABatchOfValues()
    {
        var s = new RandomStream(DType.F64);
        var v = s.MultivariateNormal(Tensor.From(new[] { 0.5, -0.5 }, 2), Tensor.From(new[,] { { 2.0, 0.0 }, { 0.0, 0.5 } }), size: [3]);
        var (lp, vvs) = Axle.Ppl.JointLogprob(v);
        Assert.Equal(new Shape(3, 2), vvs[0].Shape);
        var f = Ax.Function(vvs, lp);
        double[,] x = { { 0, 0 }, { 1, 1 }, { -2, 0.3 } };
        double want = 0;
        for (int i = 0; i < 3; i++) want += Reference.Normal(x[i, 0], 0.5, Math.Sqrt(2)) + Reference.Normal(x[i, 1], -0.5, Math.Sqrt(0.5));
        Assert.Equal(want, f(Tensor.From(x)).Item<double>(), 9);
    }

    [Fact]
    public void RefusesNonRandomVariablesAndDuplicates()
    {
        var s = new RandomStream(DType.F64);
        var x = s.Normal();
        var y = Sym.Scalar("y", DType.F64);
        Assert.Throws<ArgumentException>(() => Axle.Ppl.JointLogprob(y));
        Assert.Throws<ArgumentException>(() => Axle.Ppl.JointLogprob(x * 2.0));
        var e = Assert.Throws<ArgumentException>(() => Axle.Ppl.JointLogprob(x, x));
        Assert.Contains("twice", e.Message);
    }

    [Fact]
    public void ValueVariablesShareTheVariablesSymbolicDimensions()
    {
        var X = Sym.Matrix("X", DType.F64);
        var s = new RandomStream(DType.F64);
        var lambda = s.HalfCauchy(F(0), F(1), size: X.Shape[^1]);
        var (lp, vvs) = Axle.Ppl.JointLogprob(lambda);
        Assert.Equal(X.Shape[^1], vvs[0].Shape[0]);
        var f = Ax.Function([X, .. vvs], lp);
        var xdata = Ops.Zeros([5, 4], DType.F64);
        double want = 4 * (Math.Log(2) + Cauchy(1, 0, 1));
        Assert.Equal(want, f(xdata, Ops.Ones([4], DType.F64)).Item<double>(), 9);
        Assert.Throws<ArgumentException>(() => f(xdata, Ops.Ones([3], DType.F64)));
    }
}
