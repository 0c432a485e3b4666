using static Axle.Ops;
using static Axle.Tests.OpTests.ContractionTests;

namespace Axle.Tests.OpTests;

/// <summary>Cholesky, TriangularSolve, Lu, Solve, Inv, Det, SlogDet against C# reference implementations.</summary>
public class LinearAlgebraTests
{
    // ---- references (row-major n×n) ----

    private static double[] RefCholesky(double[] a, int n)
    {
        var l = new double[n * n];
        for (int j = 0; j < n; j++)
        {
            double s = a[j * n + j];
            for (int k = 0; k < j; k++) s -= l[j * n + k] * l[j * n + k];
            l[j * n + j] = Math.Sqrt(s);
            for (int i = j + 1; i < n; i++)
            {
                double t = a[i * n + j];
                for (int k = 0; k < j; k++) t -= l[i * n + k] * l[j * n + k];
                l[i * n + j] = t / l[j * n + j];
            }
        }
        return l;
    }

    /// <summary>Doolittle with partial pivoting, first maximum on ties (as the op).</summary>
    private static (double[] Lu, int[] Pivots, int[] Perm) RefLu(double[] a, int m, int n)
    {
        var lu = (double[])a.Clone();
        int steps = Math.Min(m, n);
        var piv = new int[steps];
        var perm = Enumerable.Range(0, m).ToArray();
        for (int k = 0; k < steps; k++)
        {
            int p = k;
            for (int i = k + 1; i < m; i++)
                if (Math.Abs(lu[i * n + k]) > Math.Abs(lu[p * n + k])) p = i;
            piv[k] = p;
            for (int j = 0; j < n; j++) (lu[k * n + j], lu[p * n + j]) = (lu[p * n + j], lu[k * n + j]);
            (perm[k], perm[p]) = (perm[p], perm[k]);
            if (lu[k * n + k] == 0) continue;
            for (int i = k + 1; i < m; i++)
            {
                lu[i * n + k] /= lu[k * n + k];
                for (int j = k + 1; j < n; j++) lu[i * n + j] -= lu[i * n + k] * lu[k * n + j];
            }
        }
        return (lu, piv, perm);
    }

    private static double[] RefSolve(double[] a, double[] b, int n, int k)
    {
        var (lu, _, perm) = RefLu(a, n, n);
        var x = new double[n * k];
        for (int c = 0; c < k; c++)
        {
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                y[i] = b[perm[i] * k + c];
                for (int j = 0; j < i; j++) y[i] -= lu[i * n + j] * y[j];
            }
            for (int i = n - 1; i >= 0; i--)
            {
                double s = y[i];
                for (int j = i + 1; j < n; j++) s -= lu[i * n + j] * x[j * k + c];
                x[i * k + c] = s / lu[i * n + i];
            }
        }
        return x;
    }

    private static double RefDet(double[] a, int n)
    {
        var (lu, piv, _) = RefLu(a, n, n);
        double d = 1;
        for (int i = 0; i < n; i++) d *= piv[i] != i ? -lu[i * n + i] : lu[i * n + i];
        return d;
    }

    private static double[] Spd(Random rng, int n)
    {
        var m = Rand(rng, n, n);
        var a = RefEinsum("ik,jk->ij", (m, [n, n]), (m, [n, n]));
        for (int i = 0; i < n; i++) a[i * n + i] += n;
        return a;
    }

    /// <summary>Random with a diagonal shift: well conditioned but pivoting still happens.</summary>
    private static double[] General(Random rng, int n)
    {
        var a = Rand(rng, n, n);
        for (int i = 0; i < n; i++) a[i * n + i] += 0.5;
        return a;
    }

    private static double[] Slice(double[] x, int index, int size) => x.Skip(index * size).Take(size).ToArray();

    // ---- tests ----

    [Fact]
    public void CholeskyLowerAndUpperBatchedF64AndF32()
    {
        var rng = new Random(21);
        foreach (int n in new[] { 1, 4, 7 })
        {
            double[] a0 = Spd(rng, n), a1 = Spd(rng, n);
            var a = Tensor.From(a0.Concat(a1).ToArray(), 2, n, n);
            var l = Cholesky(a).ToArray<double>();
            var u = Cholesky(a, lower: false).ToArray<double>();
            for (int b = 0; b < 2; b++)
            {
                var expected = RefCholesky(b == 0 ? a0 : a1, n);
                Close(expected, Slice(l, b, n * n), 1e-12);
                var ut = RefEinsum("ij->ji", (Slice(u, b, n * n), [n, n]));
                Close(expected, ut, 1e-12);
            }
            var lf = Cholesky(Tensor.From(a0.Select(v => (float)v).ToArray(), n, n));
            Assert.Equal(DType.F32, lf.DType);
            Close(RefCholesky(a0, n), lf.ToArray<float>().Select(v => (double)v).ToArray(), 1e-5);
        }
        var fromInts = Cholesky(Tensor.From(new[] { 4, 2, 2, 5 }, 2, 2));
        Assert.Equal(DType.F32, fromInts.DType);
        Assert.Equal(new float[] { 2, 0, 1, 2 }, fromInts.ToArray<float>());
    }

    [Fact]
    public void TriangularSolveAllSidesTrianglesAndTransposes()
    {
        var rng = new Random(22);
        const int n = 4, k = 3;
        var a = Rand(rng, n, n);
        for (int i = 0; i < n; i++) a[i * n + i] = 2 + i;
        var at = Tensor.From(a, n, n);
        foreach (bool left in new[] { true, false })
            foreach (bool lower in new[] { true, false })
                foreach (bool trans in new[] { true, false })
                    foreach (bool unit in new[] { true, false })
                    {
                        int[] bShape = left ? [n, k] : [k, n];
                        var b = Rand(rng, bShape);
                        var x = TriangularSolve(at, Tensor.From(b, bShape), left, lower, trans, unit).ToArray<double>();
                        // op(a): the named triangle only, the unit diagonal if asked, transposed if asked.
                        var op = new double[n * n];
                        for (int i = 0; i < n; i++)
                            for (int j = 0; j < n; j++)
                            {
                                int r = trans ? j : i, c = trans ? i : j;
                                bool inTriangle = lower ? c <= r : c >= r;
                                op[i * n + j] = !inTriangle ? 0 : r == c && unit ? 1 : a[r * n + c];
                            }
                        var back = left ? RefEinsum("ij,jk->ik", (op, [n, n]), (x, bShape)) : RefEinsum("ij,jk->ik", (x, bShape), (op, [n, n]));
                        Close(b, back, 1e-12);
                    }
        var v = Rand(rng, n);
        var xv = TriangularSolve(at, Tensor.From(v));
        Assert.Equal(new Shape(n), xv.Shape);
        var lowerA = a.Select((e, idx) => idx % n <= idx / n ? e : 0).ToArray();
        Close(v, RefEinsum("ij,j->i", (lowerA, [n, n]), (xv.ToArray<double>(), [n])), 1e-12);
    }

    [Fact]
    public void LuMatchesReferenceSquareRectangularAndBatched()
    {
        var rng = new Random(23);
        foreach (var (batch, m, n) in new[] { (3, 5, 5), (1, 3, 5), (1, 5, 3), (1, 1, 1) })
        {
            var a = Rand(rng, batch, m, n);
            var (lu, pivots, perm) = Lu(Tensor.From(a, batch, m, n));
            Assert.Equal(new Shape(batch, m, n), lu.Shape);
            Assert.Equal(DType.I32, pivots.DType);
            Assert.Equal(new Shape(batch, Math.Min(m, n)), pivots.Shape);
            Assert.Equal(new Shape(batch, m), perm.Shape);
            double[] luv = lu.ToArray<double>();
            int[] pv = pivots.ToArray<int>(), pm = perm.ToArray<int>();
            for (int b = 0; b < batch; b++)
            {
                var (eLu, ePiv, ePerm) = RefLu(Slice(a, b, m * n), m, n);
                Assert.Equal(ePiv, pv.Skip(b * ePiv.Length).Take(ePiv.Length));
                Assert.Equal(ePerm, pm.Skip(b * m).Take(m));
                Close(eLu, Slice(luv, b, m * n), 1e-12);
            }
        }
        // Singular: a zero column leaves a zero pivot, no NaNs.
        var (z, _, _) = Lu(Tensor.From(new double[] { 0, 1, 0, 2 }, 2, 2));
        Assert.Equal(new double[] { 0, 1, 0, 2 }, z.ToArray<double>());
    }

    [Fact]
    public void SolveInvDetSlogDetF64()
    {
        var rng = new Random(24);
        const int n = 6;
        double[] a0 = General(rng, n), a1 = General(rng, n);
        var a = Tensor.From(a0.Concat(a1).ToArray(), 2, n, n);

        // Matrix right-hand sides broadcast over a batch [3, 1] against a's [2].
        var b = Rand(rng, 3, 1, n, 2);
        var x = Solve(a, Tensor.From(b, 3, 1, n, 2));
        Assert.Equal(new Shape(3, 2, n, 2), x.Shape);
        var xv = x.ToArray<double>();
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 2; j++)
                Close(RefSolve(j == 0 ? a0 : a1, Slice(b, i, n * 2), n, 2), Slice(xv, i * 2 + j, n * 2), 1e-10);

        var v = Rand(rng, n);
        var xs = Solve(Tensor.From(a0, n, n), Tensor.From(v));
        Assert.Equal(new Shape(n), xs.Shape);
        Close(RefSolve(a0, v, n, 1), xs.ToArray<double>(), 1e-10);

        var eye = Enumerable.Range(0, n * n).Select(i => i / n == i % n ? 1.0 : 0).ToArray();
        var inv = Inv(a).ToArray<double>();
        Close(RefSolve(a0, eye, n, n), Slice(inv, 0, n * n), 1e-10);
        Close(RefSolve(a1, eye, n, n), Slice(inv, 1, n * n), 1e-10);

        var det = Det(a);
        Assert.Equal(new Shape(2), det.Shape);
        Close([RefDet(a0, n), RefDet(a1, n)], det.ToArray<double>(), 1e-10);
        var (sign, logAbs) = SlogDet(a);
        Assert.Equal(new[] { Math.Sign(RefDet(a0, n)), Math.Sign(RefDet(a1, n)) }, sign.ToArray<double>().Select(s => (int)s).ToArray());
        Close([Math.Log(Math.Abs(RefDet(a0, n))), Math.Log(Math.Abs(RefDet(a1, n)))], logAbs.ToArray<double>(), 1e-10);
    }

    [Fact]
    public void DeterminantEdgeCases()
    {
        var swap = Tensor.From(new double[] { 0, 1, 1, 0 }, 2, 2);
        Assert.Equal(-1.0, Det(swap).Item<double>());
        Assert.Equal(-1.0, SlogDet(swap).Sign.Item<double>());
        Assert.Equal(0.0, SlogDet(swap).LogAbsDet.Item<double>());

        var zeros = Zeros([2, 2], DType.F64);
        Assert.Equal(0.0, Det(zeros).Item<double>());
        var (s, l) = SlogDet(zeros);
        Assert.Equal(0.0, s.Item<double>());
        Assert.Equal(double.NegativeInfinity, l.Item<double>());

        var empty = Det(Tensor.From(Array.Empty<double>(), 0, 0));
        Assert.Equal(1.0, empty.Item<double>());

        // Integers promote to the default float.
        var di = Det(Tensor.From(new[] { 2, 1, 1, 3 }, 2, 2));
        Assert.Equal(DType.F32, di.DType);
        Assert.Equal(5f, di.Item<float>(), 5);
    }

    [Fact]
    public void SolveAndDetF32WithLooserTolerance()
    {
        var rng = new Random(25);
        const int n = 5;
        double[] a = General(rng, n), b = Rand(rng, n, 3);
        var af = Tensor.From(a.Select(v => (float)v).ToArray(), n, n);
        var x = Solve(af, Tensor.From(b.Select(v => (float)v).ToArray(), n, 3));
        Assert.Equal(DType.F32, x.DType);
        Close(RefSolve(a, b, n, 3), x.ToArray<float>().Select(v => (double)v).ToArray(), 1e-4);
        Close([RefDet(a, n)], [Det(af).Item<float>()], 1e-4);
    }

    [Fact]
    public void CholeskySolveAndInverse()
    {
        var rng = new Random(26);
        const int n = 5;
        var a = Spd(rng, n);
        var b = Rand(rng, n, 2);
        var at = Tensor.From(a, n, n);
        var eye = Enumerable.Range(0, n * n).Select(i => i / n == i % n ? 1.0 : 0).ToArray();
        Close(RefSolve(a, b, n, 2), CholeskySolve(Cholesky(at), Tensor.From(b, n, 2)).ToArray<double>(), 1e-10);
        Close(RefSolve(a, b, n, 2), CholeskySolve(Cholesky(at, lower: false), Tensor.From(b, n, 2), lower: false).ToArray<double>(), 1e-10);
        Close(RefSolve(a, eye, n, n), CholeskyInverse(Cholesky(at)).ToArray<double>(), 1e-10);
    }

    [Fact]
    public void JitMatchesEagerForACompositeLinalgExpression()
    {
        var rng = new Random(27);
        const int n = 4;
        var a = Tensor.From(General(rng, n), n, n);
        var s = Tensor.From(Spd(rng, n), n, n);
        Tensor F(Tensor p, Tensor q) =>
            Solve(p, Cholesky(q)) * Det(p) + Inv(q) + ExpandDims(SlogDet(q).LogAbsDet, -1);
        var eager = F(a, s).ToArray<double>();
        var jitted = Ax.Jit((Func<Tensor, Tensor, Tensor>)F)(a, s);
        Close(eager, jitted.ToArray<double>(), 1e-12);
        var lowered = Ax.Lower((Func<Tensor, Tensor, Tensor>)F, a, s).AsText();
        Assert.Contains("stablehlo.while", lowered);
        Assert.Contains("stablehlo.cholesky", lowered);
        Assert.Contains("stablehlo.triangular_solve", lowered);
    }

    [Fact]
    public void ErrorsNameTheOpAndTheArgument()
    {
        var e = Assert.Throws<ArgumentException>(() => Cholesky(Ones(3, 4)));
        Assert.Equal("a", e.ParamName);
        Assert.Contains("cholesky", e.Message);
        Assert.Contains("square", e.Message);

        e = Assert.Throws<ArgumentException>(() => Solve(Ones(3, 3), Ones(4, 2)));
        Assert.Equal("b", e.ParamName);
        Assert.Contains("solve", e.Message);

        e = Assert.Throws<ArgumentException>(() => TriangularSolve(Ones(3, 3), Ones(2, 3)));
        Assert.Equal("b", e.ParamName);
        Assert.Contains("triangular_solve", e.Message);

        e = Assert.Throws<ArgumentException>(() => Solve(Ones(2, 3, 3), Ones(4, 3, 1)));
        Assert.Contains("solve", e.Message);

        e = Assert.Throws<ArgumentException>(() => Det(Ones(3)));
        Assert.Equal("a", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => Lu(Ones(3)));
        Assert.Equal("a", e.ParamName);
        Assert.Throws<ArgumentNullException>(() => Inv(null!));
    }
}
