using Axle.Tests.Core;
using static Axle.Ops;

namespace Axle.Tests.Transforms;

/// <summary>Grad, ValueAndGrad, Vjp, Jvp, Jacobians, Hessian, custom derivatives and their composition.</summary>
public class AdTests
{
    private static Tensor Vec(params double[] v) => Tensor.From(v);

    [Fact]
    public void GradOfSumSinTimesX()
    {
        double[] x0 = [0.3, -1.2, 2.5];
        var g = Ax.Grad(x => Sum(Sin(x) * x))(Vec(x0)).ToArray<double>();
        AdHarness.AssertClose(x0.Select(v => Math.Sin(v) + v * Math.Cos(v)).ToArray(), g, "grad");
    }

    [Fact]
    public void GradWithArgnumsReturnsEachGradientInOrder()
    {
        Func<Tensor, Tensor, Tensor> loss = (w, x) => Mean(Square(MatMul(x, w)));
        var w = Vec(0.5, -1);
        var x = Tensor.From(new double[,] { { 1, 2 }, { 3, 4 }, { -1, 0.5 } });
        var (gw, gx) = Ax.Grad(loss, argnums: [0, 1])(w, x);
        Assert.Equal(w.Shape, gw.Shape);
        Assert.Equal(x.Shape, gx.Shape);
        var gw0 = Ax.Grad(loss)(w, x).ToArray<double>();
        AdHarness.AssertClose(gw0, gw.ToArray<double>(), "argnums 0");
        var gxOnly = Ax.Grad(loss, argnums: 1)(w, x).ToArray<double>();
        AdHarness.AssertClose(gxOnly, gx.ToArray<double>(), "argnums 1");
        var (gx2, gw2) = Ax.Grad(loss, argnums: [1, 0])(w, x);
        AdHarness.AssertClose(gw0, gw2.ToArray<double>(), "reordered");
        AdHarness.AssertClose(gxOnly, gx2.ToArray<double>(), "reordered x");
    }

    [Fact]
    public void GradNeedsAScalarOutput()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ax.Grad(x => Sin(x))(Vec(1, 2, 3)));
        Assert.Contains("Grad needs a scalar output; got shape (3,)", ex.Message);
    }

    [Fact]
    public void GradOfAnIntegerArgumentNamesIt()
    {
        Func<Tensor, Tensor, Tensor> f = (weights, counts) => Sum(weights * counts);
        var ex = Assert.Throws<ArgumentException>(() => Ax.Grad(f, argnums: 1)(Vec(1, 2), Tensor.From(new[] { 1, 2 })));
        Assert.Equal("counts", ex.ParamName);
        Assert.Contains("float0", ex.Message);
        // Integer arguments not differentiated are fine.
        Assert.Equal(new double[] { 1, 2 }, Ax.Grad(f)(Vec(5, 6), Tensor.From(new[] { 1, 2 })).ToArray<double>());
    }

    [Fact]
    public void ValueAndGradAndHasAux()
    {
        var (v, g) = Ax.ValueAndGrad((Tensor x) => Sum(x * x))(Vec(1, 2));
        Assert.Equal(5.0, v.Item<double>());
        Assert.Equal(new double[] { 2, 4 }, g.ToArray<double>());

        var withAux = Ax.ValueAndGrad((Tensor[] a) => [Sum(a[0] * a[1]), a[0] + 1], argnums: [1], hasAux: true);
        var (value, grads, aux) = withAux([Vec(1, 2), Vec(3, 4)]);
        Assert.Equal(11.0, value.Item<double>());
        Assert.Equal(new double[] { 1, 2 }, grads[0].ToArray<double>());
        Assert.Equal(new double[] { 2, 3 }, aux[0].ToArray<double>());
    }

    [Fact]
    public void VjpAndJvpAgreeOnAVectorFunction()
    {
        Func<Tensor, Tensor> f = x => Sin(x) * Sum(x);
        var x = Vec(0.1, 0.7, -0.4);
        var (y, pullback) = Ax.Vjp(f, x);
        AdHarness.AssertClose(Sin(x).ToArray<double>().Select(s => s * 0.4).ToArray(), y.ToArray<double>(), "vjp output");
        var jac = Ax.JacFwd(f)(x).ToArray<double>();
        var ct = Vec(1, -2, 0.5);
        var vjp = pullback(ct).ToArray<double>();
        var expected = Enumerable.Range(0, 3).Select(j => Enumerable.Range(0, 3).Sum(i => ct.ToArray<double>()[i] * jac[i * 3 + j])).ToArray();
        AdHarness.AssertClose(expected, vjp, "vjp");
        var (y2, t) = Ax.Jvp(f, x, Vec(1, 0, 0));
        AdHarness.AssertClose(y.ToArray<double>(), y2.ToArray<double>(), "jvp output");
        AdHarness.AssertClose(Enumerable.Range(0, 3).Select(i => jac[i * 3]).ToArray(), t.ToArray<double>(), "jvp");
    }

    [Fact]
    public void JacFwdAndJacRevAgree()
    {
        Func<Tensor, Tensor> f = x => MatMul(Reshape(Tanh(x), 2, 3), Transpose(Reshape(x * x, 2, 3))) + Exp(Sum(x) * 0.1);
        var x = Tensor.From(new double[] { 0.2, -0.5, 1.1, 0.9, -1.4, 0.3 });
        var fwd = Ax.JacFwd(f)(x);
        var rev = Ax.JacRev(f)(x);
        Assert.Equal(new Shape(2, 2, 6), fwd.Shape);
        Assert.Equal(fwd.Shape, rev.Shape);
        AdHarness.AssertClose(fwd.ToArray<double>(), rev.ToArray<double>(), "jacobians", 1e-12);
    }

    [Fact]
    public void HessianOfAQuadraticIsExact()
    {
        const int n = 10;
        var rng = new Random(3);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                a[i * n + j] = a[j * n + i] = Math.Round(rng.NextDouble() * 8 - 4, 3);
        var A = Tensor.From(a, n, n);
        var b = Tensor.From(AdHarness.Draw(rng, n, -1, 1));
        var h = Ax.Hessian(x => 0.5 * Sum(x * MatMul(A, x)) + Sum(b * x))(Tensor.From(AdHarness.Draw(rng, n, -1, 1)));
        Assert.Equal(new Shape(n, n), h.Shape);
        Assert.Equal(a, h.ToArray<double>());
    }

    [Fact]
    public void SecondDerivativesByGradOfGrad()
    {
        var d2 = Ax.Grad(Ax.Grad((Tensor x) => Sin(x) * x));
        foreach (double v in new[] { -1.3, 0.4, 2.0 })
            AdHarness.AssertClose(2 * Math.Cos(v) - v * Math.Sin(v), d2(Tensor.From(v)).Item<double>(), "d2");
        var d3 = Ax.Grad(Ax.Grad(Ax.Grad((Tensor x) => Exp(x * 2))));
        AdHarness.AssertClose(8 * Math.Exp(1), d3(Tensor.From(0.5)).Item<double>(), "d3");
    }

    [Fact]
    public void JvpOfGradIsAHessianVectorProduct()
    {
        Func<Tensor, Tensor> f = x => Sum(Sin(x) * Roll(x));
        var x = Vec(0.3, 1.1, -0.6);
        var v = Vec(1, 0.5, -2);
        var hv = Ax.Jvp(Ax.Grad(f), x, v).Tangent.ToArray<double>();
        var h = Ax.Hessian(f)(x).ToArray<double>();
        var vv = v.ToArray<double>();
        AdHarness.AssertClose(Enumerable.Range(0, 3).Select(i => Enumerable.Range(0, 3).Sum(j => h[i * 3 + j] * vv[j])).ToArray(), hv, "hvp");
    }

    private static Tensor Roll(Tensor x) => Concatenate([x[1..], x[..1]]);

    [Fact]
    public void JittedFunctionInsideGradIsInlined()
    {
        var inner = Ax.Jit((Tensor x) => Exp(x) * x);
        var g = Ax.Grad((Tensor x) => Sum(inner(x)))(Vec(0.5, -0.2)).ToArray<double>();
        AdHarness.AssertClose(new[] { 0.5, -0.2 }.Select(v => Math.Exp(v) * (1 + v)).ToArray(), g, "inlined");
    }

    [Fact]
    public void StopGradientBlocksTheDerivative()
    {
        var g = Ax.Grad((Tensor x) => Sum(x * Ax.StopGradient(x)))(Vec(3, -1)).ToArray<double>();
        Assert.Equal(new double[] { 3, -1 }, g);
    }

    [Fact]
    public void CustomJvpGivesAStableGradient()
    {
        // log(1 + e^x) differentiated naively overflows at x = 1000; the custom rule does not.
        var softplus = Ax.CustomJvp(x => Log(1.0 + Exp(x)), (x, t) => (Softplus(x), t * Sigmoid(x)));
        var g = Ax.Grad((Tensor x) => Sum(softplus(x)))(Vec(1000, 0, -3)).ToArray<double>();
        AdHarness.AssertClose(new[] { 1, 0.5, 1 / (1 + Math.Exp(3)) }, g, "custom jvp");
        var (_, t) = Ax.Jvp(softplus, Vec(0.0), Vec(2.0));
        Assert.Equal(1.0, t.Item<double>(), 12);
    }

    [Fact]
    public void CustomVjpUsesTheBackwardFunction()
    {
        // Gradient clipping: identity forward, cotangent clipped to [-1, 1] backward.
        var clip = Ax.CustomVjp(x => x, x => (x, []), (_, ct) => Clip(ct, -1.0, 1.0));
        var g = Ax.Grad((Tensor x) => Sum(clip(x) * Vec(5, 0.5, -3)))(Vec(1, 2, 3)).ToArray<double>();
        Assert.Equal(new double[] { 1, 0.5, -1 }, g);
        // Residuals carry forward values into the backward function; composes with Jit.
        var sq = Ax.CustomVjp(x => x * x, x => (x * x, [x]), (res, ct) => 2.0 * res[0] * ct);
        var jg = Ax.Jit(Ax.Grad((Tensor x) => Sum(sq(x))));
        Assert.Equal(new double[] { 2, -4 }, jg(Vec(1, -2)).ToArray<double>());
    }

    private sealed record Linear(Tensor W, Tensor B);

    [Fact]
    public void GradWithRespectToAPytreeOfParameters()
    {
        var g = Ax.Grad((Linear p, Tensor x) => Sum(Tanh(MatMul(x, p.W) + p.B)));
        var p = new Linear(Tensor.From(new double[,] { { 0.1, -0.2 }, { 0.3, 0.4 } }), Vec(0.05, -0.1));
        var x = Tensor.From(new double[,] { { 1, 2 }, { -1, 0.5 } });
        var gp = g(p, x);
        Assert.Equal(p.W.Shape, gp.W.Shape);
        var gw = Ax.Grad((Tensor w) => Sum(Tanh(MatMul(x, w) + p.B)))(p.W).ToArray<double>();
        var gb = Ax.Grad((Tensor b) => Sum(Tanh(MatMul(x, p.W) + b)))(p.B).ToArray<double>();
        AdHarness.AssertClose(gw, gp.W.ToArray<double>(), "W");
        AdHarness.AssertClose(gb, gp.B.ToArray<double>(), "B");
        var (gt, _) = Ax.Grad<(Tensor, Tensor)>(t => Sum(t.Item1 * t.Item2))((Vec(1, 2), Vec(3, 4)));
        Assert.Equal(new double[] { 3, 4 }, gt.ToArray<double>());
    }

    [Fact]
    public void GradOfASymbolicFunction()
    {
        var x = Sym.Vector("x", DType.F64);
        var f = Ax.Function([x], Sum(Sin(x)));
        var g = Ax.Grad(f)(Vec(0.2, 1.4)).ToArray<double>();
        AdHarness.AssertClose(new[] { Math.Cos(0.2), Math.Cos(1.4) }, g, "symbolic");
    }

    [Fact]
    public void GradIsMemoized()
    {
        Func<Tensor, Tensor> f = x => Sum(x);
        Assert.Same(Ax.Grad(f), Ax.Grad(f));
        Assert.Same(Ax.Jit(Ax.Grad(f)), Ax.Jit(Ax.Grad(f)));
    }
}
