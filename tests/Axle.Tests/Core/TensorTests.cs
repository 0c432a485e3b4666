using static Axle.Ops;

namespace Axle.Tests.Core;

public class TensorTests
{
    [Fact]
    public void ShapeBasics()
    {
        var s = new Shape(3, 2);
        Assert.Equal(2, s.Rank);
        Assert.Equal(6, s.ElementCount);
        // Spreads and ^-indices go through C#'s countable pattern, which must see the rank.
        Dim five = 5;
        Assert.Equal(new Shape(3, 2, 5), new Shape([.. s, five]));
        Assert.Equal(new Shape(2, 5), new Shape([.. new Shape(2), five]));
        Assert.Equal(2, (int)s[^1]);
        Assert.Equal("(3, 2)", s.ToString());
        Assert.Equal("(3,)", new Shape(3).ToString());
        Assert.Equal("()", Shape.Scalar.ToString());
        Assert.Equal(new Shape(3, 2), s);
        Assert.Equal(new Shape(3, 2).GetHashCode(), s.GetHashCode());
        Assert.NotEqual(new Shape(2, 3), s);
    }

    [Fact]
    public void SymbolicDimRefusesToBeAnInt()
    {
        var d = Dim.Symbolic("n");
        Assert.False(d.IsKnown);
        var e = Assert.Throws<InvalidOperationException>(() => { int _ = d; });
        Assert.Contains("'n'", e.Message);
        Dim k = 4;
        Assert.Equal(4, k.Value);
    }

    [Fact]
    public void FromArraysAndBack()
    {
        var m = Tensor.From(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(DType.F64, m.DType);
        Assert.Equal(new Shape(2, 3), m.Shape);
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6 }, m.ToArray<double>());
        var c = Tensor.From(new int[2, 1, 2] { { { 1, 2 } }, { { 3, 4 } } });
        Assert.Equal(new Shape(2, 1, 2), c.Shape);
        Assert.Equal(new uint[] { 1, 2, 3, 4 }, c.ToArray<uint>());
        Assert.Equal(DType.U32, Tensor.From(new uint[] { 1 }).DType);
        Assert.Throws<ArgumentException>(() => Tensor.From(new float[5], 2, 3));
        Assert.Equal(2.5f, Tensor.From(2.5f).Item<float>());
        Assert.False(Tensor.From(2.5f).IsWeak);
        Tensor w = 2.5;
        Assert.True(w.IsWeak);
        Assert.Equal(DType.F32, w.DType);
        Assert.Equal(2, w.Item<int>());
    }

    [Fact]
    public void ZeroSizeAndScalarTensors()
    {
        var empty = Tensor.From(Array.Empty<float>(), 0, 3);
        Assert.Equal(0, empty.Shape.ElementCount);
        var doubled = empty * 2.0;
        Assert.Equal(new Shape(0, 3), doubled.Shape);
        Assert.Empty(doubled.ToArray<float>());
        Assert.Equal(new float[] { 0, 0, 0 }, Sum(empty, axis: 0).ToArray<float>());
        Assert.Equal("[]", Tensor.From(Array.Empty<float>()).ToString());
        var s = Exp(Tensor.From(0f));
        Assert.Equal(0, s.Rank);
        Assert.Equal(1f, s.Item<float>());
    }

    [Fact]
    public void ToStringIsNumpyLike()
    {
        Assert.Equal("[[1., 2.],\n [3., 4.]]", Tensor.From(new float[,] { { 1, 2 }, { 3, 4 } }).ToString());
        Assert.Equal("[[ 1. ,  2.5],\n [-3. ,  4. ]]", Tensor.From(new float[,] { { 1, 2.5f }, { -3, 4 } }).ToString());
        Assert.Equal("[ 1, 20, -3]", Tensor.From(new[] { 1, 20, -3 }).ToString());
        Assert.Equal("[1., 2.], dtype=f64", Tensor.From(new double[] { 1, 2 }).ToString());
        Assert.Equal("[ True, False]", Tensor.From(new[] { true, false }).ToString());
        Assert.Equal("3.5", Tensor.From(3.5f).ToString());
        Assert.Equal("[[[0, 1],\n  [2, 3]],\n\n [[4, 5],\n  [6, 7]]]", Tensor.From(Enumerable.Range(0, 8).ToArray(), 2, 2, 2).ToString());
        string big = Arange(2000).ToString();
        Assert.StartsWith("[   0,    1,    2, ..., 1997, 1998, 1999]", big);
    }

    [Fact]
    public void DisposedTensorThrows()
    {
        var x = Tensor.From(new float[] { 1, 2 });
        var y = x + 1.0;
        y.Dispose();
        Assert.Throws<ObjectDisposedException>(() => y.ToArray<float>());
        Assert.Throws<ObjectDisposedException>(() => y + 1.0);
        y.Dispose();
        Assert.Equal(new float[] { 1, 2 }, x.ToArray<float>());
    }

    [Fact]
    public void NullArgumentsThrowArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => Add(null!, 1.0));
        Assert.Throws<ArgumentNullException>(() => Ax.Jit((Func<Tensor, Tensor>)null!));
    }
}
