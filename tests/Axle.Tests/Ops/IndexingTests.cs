using static Axle.Ops;

namespace Axle.Tests.OpTests;

/// <summary>Take, TakeAlongAxis, Gather, dynamic slices and basic indexing against C# references.</summary>
public class IndexingTests
{
    private static double Fill(DType t) => t.IsFloat() ? double.NaN : t == DType.I32 ? int.MinValue : t == DType.Bool ? 1 : 0;

    [Theory]
    [InlineData(DType.F32)]
    [InlineData(DType.I32)]
    public void TakeMatchesReferenceWithFillAndClip(DType t)
    {
        int[] shape = [3, 4];
        double[] data = Nd.Random(21, 12, t, -5, 5);
        var x = Nd.Make(data, shape, t);
        int[] idx = [2, -1, 0, 4, -5, 1];
        var f = Nd.Jit((Tensor[] a) =>
        [
            Take(a[0], a[1], 1), Take(a[0], a[1], 1, IndexMode.Clip), Take(a[0], Reshape(a[1], 2, 3), 0), Take(a[0], a[1]),
        ]);
        var r = f([x, Tensor.From(idx)]);
        double At(int i, int j) => data[i * 4 + j];
        int Wrap(int i, int n) => i < 0 ? i + n : i;
        double Pick(int i, int n, Func<int, double> get, bool clip)
        {
            int w = Wrap(i, n);
            if (w >= 0 && w < n) return get(w);
            return clip ? get(Math.Clamp(w, 0, n - 1)) : Fill(t);
        }
        var fill = Enumerable.Range(0, 3).SelectMany(i => idx.Select(j => Pick(j, 4, k => At(i, k), false))).ToArray();
        var clip = Enumerable.Range(0, 3).SelectMany(i => idx.Select(j => Pick(j, 4, k => At(i, k), true))).ToArray();
        Assert.Equal(new Shape(3, 6), r[0].Shape);
        Nd.Close(fill, r[0].ToArray<double>(), 0, "take axis 1 fill");
        Nd.Close(clip, r[1].ToArray<double>(), 0, "take axis 1 clip");
        Assert.Equal(new Shape(2, 3, 4), r[2].Shape);
        Nd.Close(idx.SelectMany(i => Enumerable.Range(0, 4).Select(j => Pick(i, 3, k => At(k, j), false))).ToArray(), r[2].ToArray<double>(), 0, "take axis 0");
        Nd.Close(idx.Select(i => Pick(i, 12, k => data[k], false)).ToArray(), r[3].ToArray<double>(), 0, "take flat");
        Assert.All(r, y => Assert.Equal(t, y.DType));
    }

    [Fact]
    public void TakeEdgeCases()
    {
        var x = Tensor.From(new float[] { 1, 2, 3 });
        Assert.Equal(3f, Take(x, Tensor.From(-1)).Item<float>());
        Assert.Equal(new Shape(), Take(x, 2).Shape);
        Assert.Equal(new Shape(0), Take(x, Tensor.From(Array.Empty<int>())).Shape);
        Assert.Equal(new Shape(2, 0), Take(Zeros(2, 0), Tensor.From(Array.Empty<int>()), 1).Shape);
        Assert.True(float.IsNaN(Take(Zeros(0), Tensor.From(new[] { 0 })).ToArray<float>()[0]));
        Assert.Equal(new[] { true, true }, Take(Tensor.From(new[] { false }), Tensor.From(new[] { 1, -2 })).ToArray<bool>());
        Assert.Equal(new[] { uint.MaxValue }, Take(Tensor.From(new uint[] { 5 }), Tensor.From(new long[] { 3 })).ToArray<uint>());
        var e = Assert.Throws<ArgumentException>(() => Take(x, Tensor.From(new[] { 0.5f })));
        Assert.Contains("take", e.Message);
        Assert.Contains("integer", e.Message);
        Assert.Equal("indices", e.ParamName);
    }

    [Fact]
    public void TakeAlongAxisMatchesReference()
    {
        double[] data = Nd.Random(4, 24, DType.F64);
        var x = Tensor.From(data, 2, 3, 4);
        int[] idxData = [3, 0, -1, 2, 9, 1, 0, 0];
        var idx = Tensor.From(idxData, 2, 1, 4);
        var r = TakeAlongAxis(x, idx, 2);
        Assert.Equal(new Shape(2, 3, 4), r.Shape); // the middle axis broadcasts
        var expected = new double[24];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 4; k++)
                {
                    int w = idxData[i * 4 + k];
                    w = w < 0 ? w + 4 : w;
                    expected[(i * 3 + j) * 4 + k] = w is >= 0 and < 4 ? data[(i * 3 + j) * 4 + w] : double.NaN;
                }
        Nd.Close(expected, r.ToArray<double>(), 0, "take_along_axis");

        // ArgSort + TakeAlongAxis sorts, as in numpy.
        var m = Tensor.From(new float[] { 3, 1, 2, 9, 7, 8 }, 2, 3);
        Assert.Equal(new float[] { 1, 2, 3, 7, 8, 9 }, TakeAlongAxis(m, ArgSort(m, 1), 1).ToArray<float>());
        var n = Tensor.From(new float[] { 9, 1, 2, 3, 7, 8 }, 2, 3);
        Assert.Equal(new float[] { 3, 1, 2, 9, 7, 8 }, TakeAlongAxis(n, ArgSort(n, 0), 0).ToArray<float>());
        Assert.Equal(new float[] { 2, 9 }, TakeAlongAxis(Ravel(m), Tensor.From(new[] { 2, 3 }), null).ToArray<float>());
        var e = Assert.Throws<ArgumentException>(() => TakeAlongAxis(m, Tensor.From(new[] { 0 }), 1));
        Assert.Contains("take_along_axis", e.Message);
        Assert.Contains("rank", e.Message);
    }

    [Fact]
    public void GatherByIndexVectors()
    {
        var x = Tensor.From(Enumerable.Range(0, 24).Select(i => (float)i).ToArray(), 2, 3, 4);
        var idx = Tensor.From(new[] { 1, 2, /**/ 0, -1, /**/ 2, 0, /**/ 1, 3 }, 4, 2);
        var r = Gather(x, idx);
        Assert.Equal(new Shape(4, 4), r.Shape);
        var v = r.ToArray<float>();
        Assert.Equal(Enumerable.Range(20, 4).Select(i => (float)i), v[..4]);
        Assert.Equal(Enumerable.Range(8, 4).Select(i => (float)i), v[4..8]);
        Assert.All(v[8..12], f => Assert.True(float.IsNaN(f)));
        Assert.All(v[12..16], f => Assert.True(float.IsNaN(f)));
        var c = Gather(x, idx, IndexMode.Clip).ToArray<float>();
        Assert.Equal(Enumerable.Range(12, 4).Select(i => (float)i), c[8..12]);
        Assert.Equal(Enumerable.Range(20, 4).Select(i => (float)i), c[12..16]);
        Assert.Equal(23f, Gather(x, Tensor.From(new[] { 1, 2, 3 })).Item<float>());
        var e = Assert.Throws<ArgumentException>(() => Gather(x, Tensor.From(new[] { 0, 0, 0, 0 })));
        Assert.Contains("gather", e.Message);
    }

    [Fact]
    public void DynamicSliceAndUpdateClampLikeJax()
    {
        var x = Tensor.From(Enumerable.Range(0, 16).ToArray(), 4, 4);
        var f = Ax.Jit((Tensor a, Tensor i, Tensor j) => DynamicSlice(a, [i, j], [2, 3]));
        Assert.Equal(new[] { 5, 6, 7, 9, 10, 11 }, f(x, Tensor.From(1), Tensor.From(1)).ToArray<int>());
        Assert.Equal(new[] { 9, 10, 11, 13, 14, 15 }, f(x, Tensor.From(7), Tensor.From(3)).ToArray<int>()); // clamped
        Assert.Equal(new[] { 9, 10, 11, 13, 14, 15 }, f(x, Tensor.From(-2), Tensor.From(-3)).ToArray<int>()); // from the end
        Assert.Equal(new[] { 4, 5, 6, 8, 9, 10 }, DynamicSlice(x, [1, 0], [2, 3]).ToArray<int>());
        var u = DynamicUpdateSlice(x, Tensor.From(new[] { -1, -2, -3, -4 }, 2, 2), [Tensor.From(3), Tensor.From(-1)]);
        var expected = Enumerable.Range(0, 16).ToArray();
        (expected[10], expected[11], expected[14], expected[15]) = (-1, -2, -3, -4);
        Assert.Equal(expected, u.ToArray<int>());
        Assert.Equal(DType.I32, DynamicUpdateSlice(x, 0, [0, 0]).DType);
        Assert.Equal(0, DynamicUpdateSlice(x, 0, [0, 0]).ToArray<int>()[0]);
        var e = Assert.Throws<ArgumentException>(() => DynamicUpdateSlice(x, Tensor.From(new[] { 1.5f }), [0]));
        Assert.Contains("dynamic_update_slice", e.Message);
        e = Assert.Throws<ArgumentException>(() => DynamicUpdateSlice(x, Tensor.From(new[] { 1.5f }, 1, 1), [0, 0]));
        Assert.Contains("f32", e.Message);
        e = Assert.Throws<ArgumentException>(() => DynamicSlice(x, [0, 0], [5, 1]));
        Assert.Contains("dynamic_slice", e.Message);
        e = Assert.Throws<ArgumentException>(() => DynamicSlice(x, [0.5, 0], [1, 1]));
        Assert.Equal("startIndices", e.ParamName);
    }

    [Fact]
    public void BasicIndexingWithIndicesAndRanges()
    {
        var data = Enumerable.Range(0, 24).Select(i => (double)i).ToArray();
        var x = Tensor.From(data, 2, 3, 4);
        var f = Nd.Jit((Tensor[] a) => [a[0][0], a[0][^1], a[0][.., 1..3], a[0][1..^0, 0], a[0][.., ^2.., 1], a[0][1, 2, 3], a[0][0, 3..]]);
        var r = f([x]);
        double V(int i, int j, int k) => (i * 3 + j) * 4 + k;
        Nd.Close(Enumerable.Range(0, 12).Select(k => (double)k).ToArray(), r[0].ToArray<double>(), 0, "t[0]");
        Nd.Close(Enumerable.Range(12, 12).Select(k => (double)k).ToArray(), r[1].ToArray<double>(), 0, "t[^1]");
        Assert.Equal(new Shape(2, 2, 4), r[2].Shape);
        Nd.Close([.. from i in new[] { 0, 1 } from j in new[] { 1, 2 } from k in Enumerable.Range(0, 4) select V(i, j, k)], r[2].ToArray<double>(), 0, "t[.., 1..3]");
        Assert.Equal(new Shape(1, 4), r[3].Shape);
        Nd.Close([.. Enumerable.Range(0, 4).Select(k => V(1, 0, k))], r[3].ToArray<double>(), 0, "t[1..^0, 0]");
        Nd.Close([V(0, 1, 1), V(0, 2, 1), V(1, 1, 1), V(1, 2, 1)], r[4].ToArray<double>(), 0, "t[.., ^2.., 1]");
        Assert.Equal(23.0, r[5].Item<double>());
        Assert.Equal(new Shape(0, 4), r[6].Shape);
        var e = Assert.Throws<ArgumentException>(() => x[0, 0, 0, 0]);
        Assert.Contains("rank 3", e.Message);
    }
}
