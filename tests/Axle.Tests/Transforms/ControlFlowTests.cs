using static Axle.Ops;
using static Axle.Tests.Transforms.AdHarness;

namespace Axle.Tests.Transforms;

/// <summary>Ax.Cond/Switch/WhileLoop/ForiLoop/Scan: values vs plain loops, Jit, Grad, Jvp, Vmap and nesting.</summary>
public class ControlFlowTests
{
    private static Tensor V(params double[] xs) => Tensor.From(xs);

    // A scan with a non-linear body: carry c ← sin(c * x) + c, y = c * c.
    private static (Tensor Carry, Tensor Ys) SinScan(Tensor c0, Tensor xs) =>
        Ax.Scan((c, x) =>
        {
            var c1 = Sin(c * x) + c;
            return (c1, c1 * c1);
        }, c0, xs);

    private static (double Carry, double[] Ys) SinScanRef(double c, double[] xs)
    {
        var ys = new double[xs.Length];
        for (int t = 0; t < xs.Length; t++)
        {
            c = Math.Sin(c * xs[t]) + c;
            ys[t] = c * c;
        }
        return (c, ys);
    }

    [Fact]
    public void ScanMatchesAPlainLoop()
    {
        double[] xs = [0.3, -1.2, 0.7, 2.0];
        var (c, ys) = SinScan(Tensor.From(0.5), V(xs));
        var (rc, rys) = SinScanRef(0.5, xs);
        AssertClose(rc, c.Item<double>(), "carry");
        AssertClose(rys, ys.ToArray<double>(), "ys");
    }

    [Fact]
    public void ReverseScanRunsFromTheEnd()
    {
        var (c, ys) = Ax.Scan((c, x) => (c * 10 + x, c), Tensor.From(0.0), V(1, 2, 3), reverse: true);
        Assert.Equal(321.0, c.Item<double>());
        Assert.Equal(new double[] { 32, 3, 0 }, ys.ToArray<double>());
    }

    [Fact]
    public void ScanCapturesOuterValuesAndJitsToOneWhile()
    {
        var w = V(2.0, 3.0);
        Func<Tensor, Tensor> f = xs => Ax.Scan((c, x) => (c * w + x, Sum(c)), Tensor.From(new double[2]), xs).Carry;
        var xsv = Tensor.From(new double[] { 1, 1, 2, 2, 3, 3 }, [3, 2]);
        var expected = new double[] { ((1 * 2) + 2) * 2 + 3, ((1 * 3) + 2) * 3 + 3 };
        Assert.Equal(expected, f(xsv).ToArray<double>());
        Assert.Equal(expected, Ax.Jit(f)(xsv).ToArray<double>());
        var text = Ax.Lower(f, xsv).AsText();
        Assert.Contains("stablehlo.while", text);
    }

    [Fact]
    public void GradOfScanMatchesFiniteDifferences()
    {
        double[] x0 = [0.3, -1.2, 0.7, 2.0];
        Func<Tensor, Tensor> f = xs =>
        {
            var (c, ys) = SinScan(Tensor.From(0.5), xs);
            return c + Sum(ys);
        };
        var g = Ax.Grad(f)(V(x0)).ToArray<double>();
        AssertClose(FdGradient(f, x0, [4]), g, "grad scan");
        var gj = Ax.Jit(Ax.Grad(f))(V(x0)).ToArray<double>();
        AssertClose(FdGradient(f, x0, [4]), gj, "jit grad scan");
    }

    [Fact]
    public void GradOfScanWithRespectToInitAndCapturedWeights()
    {
        double[] xs = [0.3, -1.2, 0.7];
        Func<Tensor, Tensor> f = p =>
        {
            var w = p[0];
            var (c, ys) = Ax.Scan((c, x) => (Tanh(c * w + x), c * x), p[1], V(xs), reverse: true);
            return c * c + Sum(ys);
        };
        double[] p0 = [0.8, 0.4];
        AssertClose(FdGradient(f, p0, [2]), Ax.Grad(f)(V(p0)).ToArray<double>(), "grad wrt w, init");
    }

    [Fact]
    public void GradOfStaticForiLoopMatchesFiniteDifferences()
    {
        Func<Tensor, Tensor> f = x => Sum(Ax.ForiLoop(0, 5, (i, c) => c * Cos(c) + ConvertElementType(i, DType.F64, weak: false) * x, x));
        double[] x0 = [0.3, 0.9];
        double[] Ref(double[] x)
        {
            var c = (double[])x.Clone();
            for (int i = 0; i < 5; i++)
                for (int k = 0; k < c.Length; k++) c[k] = c[k] * Math.Cos(c[k]) + i * x[k];
            return c;
        }
        AssertClose(Ref(x0).Sum(), f(V(x0)).Item<double>(), "fori value");
        AssertClose(FdGradient(f, x0, [2]), Ax.Grad(f)(V(x0)).ToArray<double>(), "grad fori");
    }

    [Fact]
    public void WhileLoopMatchesAPlainLoopAndIsForwardDifferentiable()
    {
        // Doubles x until its sum exceeds 10, squaring a second carry along the way.
        Func<Tensor, Tensor> f = x =>
        {
            var r = Ax.WhileLoop(c => Less(Sum(c[0]), 10.0), c => [c[0] * 2, Sin(c[1]) + c[0]], [x, x]);
            return Sum(r[1]);
        };
        double[] x0 = [0.4, 0.7];
        double RefF(double[] x)
        {
            var a = (double[])x.Clone();
            var b = (double[])x.Clone();
            while (a.Sum() < 10)
                for (int k = 0; k < 2; k++)
                {
                    b[k] = Math.Sin(b[k]) + a[k];
                    a[k] *= 2;
                }
            return b.Sum();
        }
        AssertClose(RefF(x0), f(V(x0)).Item<double>(), "while value");
        AssertClose(RefF(x0), Ax.Jit(f)(V(x0)).Item<double>(), "jit while value");
        Assert.Contains("stablehlo.while", Ax.Lower(f, V(x0)).AsText());
        double[] v = [0.3, -0.5];
        var (_, tangents) = Ax.Jvp(a => [f(a[0])], [V(x0)], [V(v)]);
        AssertClose(DirectionalFd(f, x0, v, [2]), tangents[0].Item<double>(), "jvp while");
    }

    [Fact]
    public void GradOfWhileLoopGivesTheClearError()
    {
        Func<Tensor, Tensor> f = x => Ax.WhileLoop(c => Less(c, 10.0), c => c * 2, x);
        var ex = Assert.Throws<InvalidOperationException>(() => Ax.Grad(f)(Tensor.From(1.5)));
        Assert.Contains("Reverse-mode differentiation does not work for WhileLoop with a dynamic trip count", ex.Message);
    }

    [Fact]
    public void TracedForiLoopRunsAsAWhile()
    {
        var f = Ax.Jit((Tensor n, Tensor x) => Ax.ForiLoop(Tensor.From(0), n, (i, c) => [c[0] + x], [Tensor.From(0.0)])[0]);
        Assert.Equal(7.5, f(Tensor.From(3), Tensor.From(2.5)).Item<double>());
        Assert.Equal(0.0, f(Tensor.From(-1), Tensor.From(2.5)).Item<double>());
    }

    [Fact]
    public void CondTakesOneBranchAndDifferentiates()
    {
        Func<Tensor, Tensor> f = x => Ax.Cond(Greater(Sum(x), 0.0), a => Sum(Sin(a) * a), a => Sum(Exp(a)), x);
        double[] pos = [0.5, 0.3], neg = [-0.5, 0.2];
        AssertClose(Math.Sin(0.5) * 0.5 + Math.Sin(0.3) * 0.3, f(V(pos)).Item<double>(), "true branch");
        AssertClose(Math.Exp(-0.5) + Math.Exp(0.2), f(V(neg)).Item<double>(), "false branch");
        foreach (var x0 in new[] { pos, neg })
        {
            AssertClose(FdGradient(f, x0, [2]), Ax.Grad(f)(V(x0)).ToArray<double>(), "grad cond");
            AssertClose(FdGradient(f, x0, [2]), Ax.Jit(Ax.Grad(f))(V(x0)).ToArray<double>(), "jit grad cond");
            double[] v = [1.0, -2.0];
            var (_, t) = Ax.Jvp(a => [f(a[0])], [V(x0)], [V(v)]);
            AssertClose(DirectionalFd(f, x0, v, [2]), t[0].Item<double>(), "jvp cond");
        }
        Assert.Contains("stablehlo.case", Ax.Lower(f, V(pos)).AsText());
    }

    [Fact]
    public void CondBranchesMustAgreeInType()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            Ax.Cond(Tensor.From(true), a => Sum(a), a => a, V(1, 2)));
        Assert.Contains("trueFn", ex.Message);
        Assert.Contains("falseFn", ex.Message);
    }

    [Fact]
    public void SwitchClampsTheIndex()
    {
        Func<Tensor[], Tensor[]>[] branches = [a => [a[0] + 1], a => [a[0] * 10], a => [-a[0]]];
        double Run(int i) => Ax.Switch(Tensor.From(i), branches, Tensor.From(2.0))[0].Item<double>();
        Assert.Equal(3.0, Run(0));
        Assert.Equal(20.0, Run(1));
        Assert.Equal(-2.0, Run(2));
        Assert.Equal(-2.0, Run(7));
        Assert.Equal(3.0, Run(-3));
    }

    [Fact]
    public void VmapOfScanEqualsTheLoop()
    {
        var xs = Tensor.From(new double[] { 0.3, -1.2, 0.7, 2.0, 1.0, 0.5, -0.1, 0.9 }, [2, 4]);
        var c0 = V(0.5, -0.25);
        var f = Ax.Vmap((Tensor c, Tensor x) => SinScan(c, x).Ys);
        var r = f(c0, xs).ToArray<double>();
        var a = SinScanRef(0.5, [0.3, -1.2, 0.7, 2.0]).Ys;
        var b = SinScanRef(-0.25, [1.0, 0.5, -0.1, 0.9]).Ys;
        AssertClose([.. a, .. b], r, "vmap scan");
        // Unbatched init, batched xs; then batched init, unbatched xs (carries become batched).
        var r2 = Ax.Vmap((Tensor x) => SinScan(Tensor.From(0.5), x).Carry)(xs).ToArray<double>();
        AssertClose([SinScanRef(0.5, [0.3, -1.2, 0.7, 2.0]).Carry, SinScanRef(0.5, [1.0, 0.5, -0.1, 0.9]).Carry], r2, "vmap scan 2");
        var r3 = Ax.Vmap((Tensor c) => SinScan(c, V(0.3, -1.2)).Carry)(c0).ToArray<double>();
        AssertClose([SinScanRef(0.5, [0.3, -1.2]).Carry, SinScanRef(-0.25, [0.3, -1.2]).Carry], r3, "vmap scan 3");
    }

    [Fact]
    public void VmapOfWhileWithABatchedPredicate()
    {
        var f = Ax.Vmap((Tensor x) => Ax.WhileLoop(c => Less(c, 10.0), c => c * 2 + 1, x));
        var r = f(V(0.0, 3.0, 20.0)).ToArray<double>();
        Assert.Equal(new double[] { 15, 15, 20 }, r);
        Assert.Equal(new double[] { 15, 15, 20 }, Ax.Jit(f)(V(0.0, 3.0, 20.0)).ToArray<double>());
    }

    [Fact]
    public void VmapOfCondWithBatchedAndUnbatchedPredicates()
    {
        var f = Ax.Vmap((Tensor x) => Ax.Cond(Greater(x, 0.0), a => a * 2, a => -a, x));
        Assert.Equal(new double[] { 2, 1, 6 }, f(V(1, -1, 3)).ToArray<double>());
        var g = Ax.Vmap((Tensor x, Tensor p) => Ax.Cond(p, a => a * 2, a => -a, x), inAxes: [0, null]);
        Assert.Equal(new double[] { 2, -2, 6 }, g(V(1, -1, 3), Tensor.From(true)).ToArray<double>());
        var s = Ax.Vmap((Tensor i) => Ax.Switch(i, [a => [a[0] + 1], a => [a[0] * 10], a => [-a[0]]], Tensor.From(2.0))[0]);
        Assert.Equal(new double[] { 3, 20, -2, -2 }, s(Tensor.From(new[] { 0, 1, 2, 5 })).ToArray<double>());
    }

    [Fact]
    public void ScanInsideGradInsideVmap()
    {
        Func<Tensor, Tensor> f = xs =>
        {
            var (c, ys) = SinScan(Tensor.From(0.5), xs);
            return c + Sum(ys);
        };
        double[] a = [0.3, -1.2, 0.7], b = [1.0, 0.5, -0.1];
        var batch = Tensor.From(a.Concat(b).ToArray(), [2, 3]);
        var r = Ax.Vmap(Ax.Grad(f))(batch).ToArray<double>();
        AssertClose([.. FdGradient(f, a, [3]), .. FdGradient(f, b, [3])], r, "vmap grad scan");
        var rj = Ax.Jit(Ax.Vmap(Ax.Grad(f)))(batch).ToArray<double>();
        AssertClose([.. FdGradient(f, a, [3]), .. FdGradient(f, b, [3])], rj, "jit vmap grad scan");
    }

    [Fact]
    public void SecondDerivativeThroughScan()
    {
        Func<Tensor, Tensor> f = x => Ax.Scan((c, t) => (c * Sin(x * t), c), Tensor.From(1.0), V(0.5, 1.5)).Carry;
        // f(x) = sin(0.5x) sin(1.5x); f'' by finite differences of the exact gradient.
        Func<Tensor, Tensor> g = Ax.Grad(f);
        double x0 = 0.7, h = 1e-5;
        double fd = (g(Tensor.From(x0 + h)).Item<double>() - g(Tensor.From(x0 - h)).Item<double>()) / (2 * h);
        AssertClose(fd, Ax.Grad(g)(Tensor.From(x0)).Item<double>(), "grad grad scan", 1e-6);
    }

    [Fact]
    public void JvpOfScanMatchesFiniteDifferences()
    {
        Func<Tensor, Tensor> f = xs => Sum(SinScan(Tensor.From(0.5), xs).Ys);
        double[] x0 = [0.3, -1.2, 0.7], v = [0.5, 1.0, -2.0];
        var (_, t) = Ax.Jvp(a => [f(a[0])], [V(x0)], [V(v)]);
        AssertClose(DirectionalFd(f, x0, v, [3]), t[0].Item<double>(), "jvp scan");
    }

    [Fact]
    public void HessianThroughScanIsSymmetricAndMatchesFiniteDifferences()
    {
        Func<Tensor, Tensor> f = p => Ax.Scan((c, t) => (c * Sin(p[0] * t) + p[1] * t, c), Tensor.From(1.0), V(0.5, 1.5, -0.3)).Carry;
        double[] p0 = [0.7, 0.2];
        var h = Ax.Hessian(f)(V(p0)).ToArray<double>();
        var g = Ax.Grad(f);
        for (int j = 0; j < 2; j++)
        {
            var e = new double[2];
            e[j] = 1e-5;
            var gp = g(V(p0[0] + e[0], p0[1] + e[1])).ToArray<double>();
            var gm = g(V(p0[0] - e[0], p0[1] - e[1])).ToArray<double>();
            for (int i = 0; i < 2; i++) AssertClose((gp[i] - gm[i]) / 2e-5, h[i * 2 + j], $"hessian[{i},{j}]", 1e-6);
        }
    }

    [Fact]
    public void NestedScanAndCondInsideGrad()
    {
        // An inner scan over a row inside an outer scan over rows, with a cond in the step.
        Func<Tensor, Tensor> f = m => Ax.Scan((acc, row) =>
        {
            var inner = Ax.Scan((c, x) => (Ax.Cond(Greater(x, 0.0), a => a * x, a => a + x, c), c), acc, row).Carry;
            return (inner, inner);
        }, Tensor.From(1.0), m).Carry;
        double[] m0 = [0.5, -0.3, 1.2, 0.8, -1.1, 0.4];
        double Ref(double[] m)
        {
            double acc = 1.0;
            foreach (var x in m) acc = x > 0 ? acc * x : acc + x;
            return acc;
        }
        AssertClose(Ref(m0), f(Tensor.From(m0, [2, 3])).Item<double>(), "nested value");
        AssertClose(FdGradient(f, m0, [2, 3]), Ax.Grad(f)(Tensor.From(m0, [2, 3])).ToArray<double>(), "nested grad");
        var batch = Tensor.From(m0.Concat(m0.Select(x => -x)).ToArray(), [2, 2, 3]);
        var vg = Ax.Vmap(Ax.Grad(f))(batch).ToArray<double>();
        AssertClose([.. FdGradient(f, m0, [2, 3]), .. FdGradient(f, m0.Select(x => -x).ToArray(), [2, 3])], vg, "vmap grad nested");
    }

    [Fact]
    public void VmapOfForiLoopWithBatchedCarry()
    {
        var f = Ax.Vmap((Tensor x) => Ax.ForiLoop(0, 4, (i, c) => c * x + ConvertElementType(i, DType.F64, weak: false), Tensor.From(0.0)));
        double Ref(double x)
        {
            double c = 0;
            for (int i = 0; i < 4; i++) c = c * x + i;
            return c;
        }
        AssertClose([Ref(0.5), Ref(2.0), Ref(-1.0)], f(V(0.5, 2.0, -1.0)).ToArray<double>(), "vmap fori");
    }
}
