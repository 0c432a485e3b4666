using static Axle.Ops;

namespace Axle.Tests.OpTests;

/// <summary>Sort, ArgSort and TopK against a stable C# reference with numpy's NaN placement.</summary>
public class SortingTests
{
    /// <summary>numpy's order: NaN last, -0.0 equal to 0.0; OrderBy is stable.</summary>
    private static int[] RefArgSort(double[] g, bool descending)
    {
        var order = Enumerable.Range(0, g.Length);
        return descending
            ? [.. order.OrderByDescending(i => double.IsNaN(g[i]) ? double.PositiveInfinity : g[i]).ThenBy(i => double.IsNaN(g[i]) ? 0 : 1)]
            : [.. order.OrderBy(i => double.IsNaN(g[i]) ? 1 : 0).ThenBy(i => double.IsNaN(g[i]) ? 0 : g[i])];
    }

    [Theory]
    [InlineData(DType.F32)]
    [InlineData(DType.F64)]
    [InlineData(DType.I32)]
    [InlineData(DType.U8)]
    [InlineData(DType.Bool)]
    public void SortAndArgSortAreStableAlongEveryAxis(DType t)
    {
        int[] shape = [3, 7];
        double[] data = Nd.Random(31, 21, t, 0, 3); // few distinct values: many ties
        if (t.IsFloat()) (data[1], data[4], data[9], data[10]) = (double.NaN, -0.0, double.NegativeInfinity, double.NaN);
        var x = Nd.Make(data, shape, t);
        var f = Nd.Jit((Tensor[] a) => [Sort(a[0]), ArgSort(a[0]), Sort(a[0], 0), ArgSort(a[0], 0), Sort(a[0], null), ArgSort(a[0], -1, descending: true)]);
        var r = f([x]);
        double[] Row(int i) => data[(i * 7)..(i * 7 + 7)];
        double[] Col(int j) => Enumerable.Range(0, 3).Select(i => data[i * 7 + j]).ToArray();
        var sortRows = Enumerable.Range(0, 3).SelectMany(i => RefArgSort(Row(i), false).Select(k => Row(i)[k])).ToArray();
        var argRows = Enumerable.Range(0, 3).SelectMany(i => RefArgSort(Row(i), false).Select(k => (double)k)).ToArray();
        var sortCols = new double[21];
        var argCols = new double[21];
        for (int j = 0; j < 7; j++)
        {
            var order = RefArgSort(Col(j), false);
            for (int i = 0; i < 3; i++) (sortCols[i * 7 + j], argCols[i * 7 + j]) = (Col(j)[order[i]], order[i]);
        }
        var descRows = Enumerable.Range(0, 3).SelectMany(i => RefArgSort(Row(i), true).Select(k => (double)k)).ToArray();
        Nd.Close(sortRows, r[0].ToArray<double>(), 0, "sort rows");
        Nd.Close(argRows, r[1].ToArray<double>(), 0, "argsort rows");
        Nd.Close(sortCols, r[2].ToArray<double>(), 0, "sort columns");
        Nd.Close(argCols, r[3].ToArray<double>(), 0, "argsort columns");
        Nd.Close(RefArgSort(data, false).Select(k => data[k]).ToArray(), r[4].ToArray<double>(), 0, "sort flattened");
        Nd.Close(descRows, r[5].ToArray<double>(), 0, "argsort descending");
        Assert.Equal(t, r[0].DType);
        Assert.Equal(DType.I32, r[1].DType);
        if (t.IsFloat()) Assert.True(double.IsNegative(r[0].ToArray<double>()[RefArgSort(Row(0), false).ToList().IndexOf(4)]), "-0.0 keeps its sign");
    }

    [Fact]
    public void EdgeShapes()
    {
        Assert.Equal(new Shape(2, 0), Sort(Zeros(2, 0)).Shape);
        Assert.Equal(new Shape(0, 3), ArgSort(Zeros(0, 3), 0).Shape);
        Assert.Equal(5f, Sort(Tensor.From(5f)).Item<float>());
        Assert.Equal(0, ArgSort(Tensor.From(5f)).Item<int>());
        Assert.Equal(new[] { 1, 2, 3 }, Sort(Tensor.From(new[] { 3, 1, 2 }), null).ToArray<int>());
        var e = Assert.Throws<ArgumentException>(() => Sort(Zeros(2, 3), 2));
        Assert.Contains("sort", e.Message);
        Assert.Equal("axis", e.ParamName);
    }

    [Fact]
    public void TopKTakesLargestFirstWithLowerIndexOnTies()
    {
        var x = Tensor.From(new float[] { 1, 5, 3, 5, float.NaN, 2, /**/ 0, -1, -1, 4, 4, 4 }, 2, 6);
        var (values, indices) = TopK(x, 3);
        Assert.Equal(new Shape(2, 3), values.Shape);
        var v = values.ToArray<float>();
        Assert.True(float.IsNaN(v[0]));
        Assert.Equal(new float[] { 5, 5, 4, 4, 4 }, v[1..]);
        Assert.Equal(new[] { 4, 1, 3, 3, 4, 5 }, indices.ToArray<int>());
        Assert.Equal(new Shape(2, 0), TopK(x, 0).Values.Shape);
        var e = Assert.Throws<ArgumentException>(() => TopK(x, 7));
        Assert.Equal("k", e.ParamName);
        Assert.Contains("top_k", e.Message);
    }

    [Fact]
    public void JitMatchesEagerForACompositeExpression()
    {
        var x = Tensor.From(Nd.Random(41, 20, DType.F32).Select(v => (float)v).ToArray(), 4, 5);
        Func<Tensor, Tensor> f = v => Sort(v, 0) * 2.0 + Astype(ArgSort(v), DType.F32) - TopK(v, 2).Values[.., 1..2];
        Nd.Close(f(x).ToArray<double>(), Ax.Jit(f)(x).ToArray<double>(), 0, "jit vs eager");
    }
}
