using static Axle.Ops;

namespace Axle.Tests.OpTests;

/// <summary>MatMul, Dot, Vdot, Inner, Outer, TensorDot, Einsum, Diagonal, Trace against a brute-force einsum.</summary>
public class ContractionTests
{
    /// <summary>Random doubles in [-1, 1) with a fixed seed.</summary>
    internal static double[] Rand(Random rng, params int[] shape) =>
        Enumerable.Range(0, shape.Aggregate(1, (a, d) => a * d)).Select(_ => rng.NextDouble() * 2 - 1).ToArray();

    internal static void Close(double[] expected, double[] actual, double tol)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {actual[i]}");
    }

    /// <summary>
    /// Reference einsum with an explicit output: enumerates every assignment of the letters and
    /// accumulates products; a size-1 axis reads index 0 (broadcasting).
    /// </summary>
    internal static double[] RefEinsum(string spec, params (double[] Data, int[] Shape)[] ops)
    {
        string[] sides = spec.Split("->");
        string[] ins = sides[0].Split(',');
        string output = sides[1];
        var size = new Dictionary<char, int>();
        for (int i = 0; i < ins.Length; i++)
            for (int k = 0; k < ins[i].Length; k++)
                if (!size.TryGetValue(ins[i][k], out int s) || s == 1) size[ins[i][k]] = ops[i].Shape[k];
        char[] letters = [.. size.Keys];
        var result = new double[output.Aggregate(1, (a, c) => a * size[c])];
        var idx = new Dictionary<char, int>();
        foreach (char c in letters) idx[c] = 0;
        long total = letters.Aggregate(1L, (a, c) => a * size[c]);
        for (long n = 0; n < total; n++)
        {
            long rem = n;
            foreach (char c in letters)
            {
                idx[c] = (int)(rem % size[c]);
                rem /= size[c];
            }
            double prod = 1;
            for (int i = 0; i < ins.Length; i++)
            {
                int off = 0;
                for (int k = 0; k < ins[i].Length; k++)
                    off = off * ops[i].Shape[k] + (ops[i].Shape[k] == 1 ? 0 : idx[ins[i][k]]);
                prod *= ops[i].Data[off];
            }
            int o = 0;
            foreach (char c in output) o = o * size[c] + idx[c];
            result[o] += prod;
        }
        return result;
    }

    private static Tensor T(double[] data, int[] shape) => Tensor.From(data, shape);

    [Fact]
    public void MatMulMatchesReferenceAcrossShapes()
    {
        var rng = new Random(11);
        (int[] X, int[] Y, string Spec, int[] Out)[] cases =
        [
            ([3, 4], [4, 5], "ij,jk->ik", [3, 5]),
            ([4], [4], "j,j->", []),
            ([4], [4, 5], "j,jk->k", [5]),
            ([3, 4], [4], "ij,j->i", [3]),
            ([2, 1, 3, 4], [5, 4, 2], "abij,bjk->abik", [2, 5, 3, 2]),
            ([0, 4], [4, 3], "ij,jk->ik", [0, 3]),
            ([3, 0], [0, 2], "ij,jk->ik", [3, 2]),
        ];
        foreach (var (xs, ys, spec, outShape) in cases)
        {
            double[] a = Rand(rng, xs), b = Rand(rng, ys);
            var r = MatMul(T(a, xs), T(b, ys));
            Assert.Equal(new Shape(outShape), r.Shape);
            Assert.Equal(DType.F64, r.DType);
            var expected = RefEinsum(spec, (a, xs), (b, ys));
            Close(expected, r.ToArray<double>(), 1e-12);
        }
    }

    [Fact]
    public void MatMulKeepsIntegerFloatAndBoolDTypes()
    {
        var a = Tensor.From(new[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var b = Tensor.From(new[] { 7, 8, 9, 10, 11, 12 }, 3, 2);
        var ri = MatMul(a, b);
        Assert.Equal(DType.I32, ri.DType);
        Assert.Equal(new[] { 58, 64, 139, 154 }, ri.ToArray<int>());

        var rf = MatMul(Tensor.From(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3), b);
        Assert.Equal(DType.F32, rf.DType);
        Assert.Equal(new float[] { 58, 64, 139, 154 }, rf.ToArray<float>());

        var p = Tensor.From(new[] { true, false, false, false }, 2, 2);
        var q = Tensor.From(new[] { false, true, true, false }, 2, 2);
        var rb = MatMul(p, q);
        Assert.Equal(DType.Bool, rb.DType);
        Assert.Equal(new[] { false, true, false, false }, rb.ToArray<bool>());
    }

    [Fact]
    public void DotInnerOuterVdotFollowNumpy()
    {
        var rng = new Random(12);
        double[] a = Rand(rng, 2, 3, 4), b = Rand(rng, 5, 4, 6), v = Rand(rng, 4), w = Rand(rng, 3);
        Close(RefEinsum("ijk,lkm->ijlm", (a, [2, 3, 4]), (b, [5, 4, 6])), Dot(T(a, [2, 3, 4]), T(b, [5, 4, 6])).ToArray<double>(), 1e-12);
        Assert.Equal(new Shape(2, 3, 5, 6), Dot(T(a, [2, 3, 4]), T(b, [5, 4, 6])).Shape);
        Close(RefEinsum("ijk,k->ij", (a, [2, 3, 4]), (v, [4])), Dot(T(a, [2, 3, 4]), T(v, [4])).ToArray<double>(), 1e-12);
        Close(RefEinsum("k,lkm->lm", (v, [4]), (b, [5, 4, 6])), Dot(T(v, [4]), T(b, [5, 4, 6])).ToArray<double>(), 1e-12);
        Close(a.Select(x => 2.5 * x).ToArray(), Dot(T(a, [2, 3, 4]), 2.5).ToArray<double>(), 1e-12);

        double[] c = Rand(rng, 6, 4);
        Close(RefEinsum("ijk,lk->ijl", (a, [2, 3, 4]), (c, [6, 4])), Inner(T(a, [2, 3, 4]), T(c, [6, 4])).ToArray<double>(), 1e-12);
        Close(RefEinsum("i,j->ij", (v, [4]), (w, [3])), Outer(T(v, [4]), T(w, [3])).ToArray<double>(), 1e-15);
        Assert.Equal(new Shape(24, 3), Outer(T(a, [2, 3, 4]), T(w, [3])).Shape);

        var vd = Vdot(T(a, [2, 3, 4]), T(Rand(new Random(1), 4, 6), [4, 6]));
        Assert.Equal(Shape.Scalar, vd.Shape);
        Close([a.Zip(Rand(new Random(1), 4, 6), (x, y) => x * y).Sum()], [vd.Item<double>()], 1e-12);

        var empty = Dot(T([], [0]), T([], [0]));
        Assert.Equal(0.0, empty.Item<double>());
    }

    [Fact]
    public void TensorDotWithCountAndAxisPairs()
    {
        var rng = new Random(13);
        double[] a = Rand(rng, 3, 4, 5), b = Rand(rng, 4, 5, 2), c = Rand(rng, 5, 3, 2);
        Close(RefEinsum("ijk,jkl->il", (a, [3, 4, 5]), (b, [4, 5, 2])), TensorDot(T(a, [3, 4, 5]), T(b, [4, 5, 2])).ToArray<double>(), 1e-12);
        Close(RefEinsum("ijk,l->ijkl", (a, [3, 4, 5]), (new[] { 2.0, -1 }, [2])), TensorDot(T(a, [3, 4, 5]), Tensor.From(new[] { 2.0, -1 }), 0).ToArray<double>(), 1e-12);
        var r = TensorDot(T(a, [3, 4, 5]), T(c, [5, 3, 2]), ([0, -1], [1, 0]));
        Assert.Equal(new Shape(4, 2), r.Shape);
        Close(RefEinsum("ijk,kil->jl", (a, [3, 4, 5]), (c, [5, 3, 2])), r.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void EinsumMatchesBruteForce()
    {
        var rng = new Random(14);
        (string Spec, string Ref, int[][] Shapes)[] cases =
        [
            ("ij,jk->ik", "ij,jk->ik", [[3, 4], [4, 2]]),
            ("ij,jk", "ij,jk->ik", [[3, 4], [4, 2]]),
            ("ba", "ba->ab", [[2, 3]]),
            ("ii->i", "ii->i", [[4, 4]]),
            ("ii", "ii->", [[4, 4]]),
            ("iji->j", "iji->j", [[3, 2, 3]]),
            ("ij->", "ij->", [[3, 5]]),
            ("i,i", "i,i->", [[5], [5]]),
            ("i,j->ij", "i,j->ij", [[3], [2]]),
            ("ab,ab->ab", "ab,ab->ab", [[2, 3], [2, 3]]),
            ("bij,bjk->bik", "bij,bjk->bik", [[2, 3, 4], [2, 4, 5]]),
            ("ijk,kjl->il", "ijk,kjl->il", [[2, 3, 4], [4, 3, 5]]),
            ("ij,jk,kl->il", "ij,jk,kl->il", [[2, 3], [3, 4], [4, 2]]),
            ("ij,ik->jk", "ij,ik->jk", [[0, 3], [0, 2]]),
            ("...ij,...jk->...ik", "abij,bjk->abik", [[2, 1, 3, 4], [5, 4, 2]]),
            ("...ij,...jk", "abij,bjk->abik", [[2, 1, 3, 4], [5, 4, 2]]),
            ("i...->...", "iab->ab", [[3, 2, 2]]),
            ("ij,j", "ij,j->i", [[3, 1], [4]]),
        ];
        foreach (var (spec, reference, shapes) in cases)
        {
            var data = shapes.Select(s => Rand(rng, s)).ToArray();
            var r = Einsum(spec, data.Select((d, i) => T(d, shapes[i])).ToArray());
            var expected = RefEinsum(reference, data.Select((d, i) => (d, shapes[i])).ToArray());
            Assert.True(expected.Length == r.Shape.ElementCount, $"{spec}: shape {r.Shape}");
            Close(expected, r.ToArray<double>(), 1e-12);
        }
        var ints = Einsum("ij,jk->ki", Tensor.From(new[] { 1, 2, 3, 4 }, 2, 2), Tensor.From(new[] { 5, 6, 7, 8 }, 2, 2));
        Assert.Equal(DType.I32, ints.DType);
        Assert.Equal(new[] { 19, 43, 22, 50 }, ints.ToArray<int>());
    }

    [Fact]
    public void DiagonalAndTraceWithOffsetsAndAxes()
    {
        var rng = new Random(15);
        double[] x = Rand(rng, 3, 4);
        double At(int i, int j) => x[i * 4 + j];
        foreach (int off in new[] { 0, 1, 3, 4, -1, -2, -3 })
        {
            var expected = Enumerable.Range(0, 3).Where(i => i + off >= 0 && i + off < 4).Select(i => At(i, i + off)).ToArray();
            Assert.Equal(expected, Diagonal(T(x, [3, 4]), off).ToArray<double>());
            Close([expected.Sum()], [Trace(T(x, [3, 4]), off).Item<double>()], 1e-14);
        }
        double[] y = Rand(rng, 2, 3, 4);
        var d = Diagonal(T(y, [2, 3, 4]), 0, 2, 0);   // axes (2, 0): matrices [k, i] over j.
        Assert.Equal(new Shape(3, 2), d.Shape);
        var expectedD = new double[6];
        for (int j = 0; j < 3; j++)
            for (int k = 0; k < 2; k++)
                expectedD[j * 2 + k] = y[k * 12 + j * 4 + k];
        Assert.Equal(expectedD, d.ToArray<double>());
        var ti = Trace(Tensor.From(new[] { 1, 2, 3, 4 }, 2, 2));
        Assert.Equal(DType.I32, ti.DType);
        Assert.Equal(5, ti.Item<int>());
    }

    [Fact]
    public void JitMatchesEagerForACompositeContraction()
    {
        var rng = new Random(16);
        var a = T(Rand(rng, 2, 3, 4), [2, 3, 4]);
        var b = T(Rand(rng, 4, 5), [4, 5]);
        Tensor F(Tensor p, Tensor q) =>
            Einsum("bij,jk->bik", p, q) + MatMul(p, q) * 2.0 + Reshape(Trace(TensorDot(p, q, 1), 0, 1, 2), 2, 1, 1);
        var eager = F(a, b).ToArray<double>();
        var jitted = Ax.Jit((Func<Tensor, Tensor, Tensor>)F)(a, b);
        Assert.Equal(new Shape(2, 3, 5), jitted.Shape);
        Close(eager, jitted.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void ErrorsNameTheOpTheArgumentAndTheShapes()
    {
        var a = Ones(3, 4);
        var e = Assert.Throws<ArgumentException>(() => MatMul(a, Ones(5, 2)));
        Assert.Equal("y", e.ParamName);
        Assert.Contains("matmul", e.Message);
        Assert.Contains("(3, 4)", e.Message.Replace("[", "(").Replace("]", ")"));

        e = Assert.Throws<ArgumentException>(() => TensorDot(a, Ones(4, 3), 3));
        Assert.Equal("axes", e.ParamName);
        Assert.Contains("tensordot", e.Message);

        e = Assert.Throws<ArgumentException>(() => Dot(a, Ones(3)));
        Assert.Contains("dot", e.Message);
        Assert.Equal("b", e.ParamName);

        e = Assert.Throws<ArgumentException>(() => Einsum("ij,jk->ik", a));
        Assert.Equal("operands", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => Einsum("ij->iz", a));
        Assert.Equal("subscripts", e.ParamName);
        Assert.Contains("'z'", e.Message);
        e = Assert.Throws<ArgumentException>(() => Einsum("i1->i", a));
        Assert.Equal("subscripts", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => Einsum("ijk->i", a));
        Assert.Contains("rank 2", e.Message);
        e = Assert.Throws<ArgumentException>(() => Einsum("ij,ij->ij", a, Ones(3, 5)));
        Assert.Contains("'j'", e.Message);

        e = Assert.Throws<ArgumentException>(() => Diagonal(a, 0, 1, -1));
        Assert.Equal("axis2", e.ParamName);
        Assert.Throws<ArgumentException>(() => Trace(Ones(3)));
    }
}
