using static Axle.Ops;

namespace Axle.Tests.OpTests;

/// <summary>Shape manipulation against C# references on row-major data.</summary>
public class ShapeOpsTests
{
    private static Tensor Iota(DType t, params int[] shape) =>
        Nd.Make(Enumerable.Range(0, Nd.Size(shape)).Select(i => (double)i).ToArray(), shape, t);

    /// <summary>Reference: element at multi-index of the result comes from <paramref name="source"/>(index) of x.</summary>
    private static double[] Map(int[] outShape, Func<int[], double> source) =>
        Enumerable.Range(0, Nd.Size(outShape)).Select(k => source(Nd.Unravel(k, outShape))).ToArray();

    [Theory]
    [InlineData(DType.F32)]
    [InlineData(DType.I64)]
    [InlineData(DType.Bool)]
    public void PermutationsAndReversalsMatchReference(DType t)
    {
        int[] shape = [2, 3, 4];
        var x = Iota(t, shape);
        double V(int[] i) => t == DType.Bool ? (Nd.Ravel(i, shape) != 0 ? 1 : 0) : Nd.Ravel(i, shape);
        var f = Nd.Jit((Tensor[] a) =>
        [
            Transpose(a[0]), Transpose(a[0], 1, -1, 0), MoveAxis(a[0], 0, -1), MoveAxis(a[0], [0, 1], [-1, 0]), SwapAxes(a[0], 0, 2),
            Flip(a[0], 1), Flip(a[0]), Flip(a[0], [0, -1]), Ravel(a[0]), Flatten(a[0]),
        ]);
        var r = f([x]);
        Assert.All(r, y => Assert.Equal(t, y.DType));
        Nd.Close(Map([4, 3, 2], i => V([i[2], i[1], i[0]])), r[0].ToArray<double>(), 0, "transpose");
        Nd.Close(Map([3, 4, 2], i => V([i[2], i[0], i[1]])), r[1].ToArray<double>(), 0, "transpose(1,-1,0)");
        Nd.Close(Map([3, 4, 2], i => V([i[2], i[0], i[1]])), r[2].ToArray<double>(), 0, "moveaxis 0 -> -1");
        // moveaxis([0, 1], [-1, 0]): axis 1 to the front, axis 0 to the back: result (3, 4, 2).
        Nd.Close(Map([3, 4, 2], i => V([i[2], i[0], i[1]])), r[3].ToArray<double>(), 0, "moveaxis pairs");
        Nd.Close(Map([4, 3, 2], i => V([i[2], i[1], i[0]])), r[4].ToArray<double>(), 0, "swapaxes");
        Nd.Close(Map(shape, i => V([i[0], 2 - i[1], i[2]])), r[5].ToArray<double>(), 0, "flip 1");
        Nd.Close(Map(shape, i => V([1 - i[0], 2 - i[1], 3 - i[2]])), r[6].ToArray<double>(), 0, "flip all");
        Nd.Close(Map(shape, i => V([1 - i[0], i[1], 3 - i[2]])), r[7].ToArray<double>(), 0, "flip 0,-1");
        Assert.Equal(new Shape(24), r[8].Shape);
        Nd.Close(Map(shape, V), r[9].ToArray<double>(), 0, "flatten");
        Assert.Equal(new Shape(3, 4, 2), r[3].Shape);
    }

    [Fact]
    public void ReshapeSqueezeExpandDims()
    {
        var x = Iota(DType.F32, 2, 3, 1);
        Assert.Equal(new Shape(3, 2), Reshape(x, -1, 2).Shape);
        Assert.Equal(new Shape(6), Reshape(x, -1).Shape);
        Assert.Equal(new Shape(0, 5), Reshape(Zeros(5, 0), 0, 5).Shape);
        Assert.Equal(new Shape(2, 3), Squeeze(x).Shape);
        Assert.Equal(new Shape(2, 3), Squeeze(x, -1).Shape);
        Assert.Equal(new Shape(1, 2, 1, 3, 1), ExpandDims(x, [0, 2]).Shape);
        Assert.Equal(new Shape(2, 3, 1, 1), ExpandDims(x, [-1]).Shape);
        Assert.Equal(new Shape(1), ExpandDims(Tensor.From(3f), 0).Shape);
        Assert.Equal(new Shape(), Squeeze(Reshape(Tensor.From(new[] { 4f }), 1, 1)).Shape);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => (float)i).ToArray(), ExpandDims(x, [0, 2]).ToArray<float>());
    }

    [Fact]
    public void BroadcastingOps()
    {
        var a = Tensor.From(new float[] { 1, 2, 3 });
        var b = Tensor.From(new[] { 10, 20 }, 2, 1);
        var r = BroadcastArrays(a, b, Tensor.From(5.0));
        Assert.All(r, y => Assert.Equal(new Shape(2, 3), y.Shape));
        Assert.Equal(new float[] { 1, 2, 3, 1, 2, 3 }, r[0].ToArray<float>());
        Assert.Equal(new[] { 10, 10, 10, 20, 20, 20 }, r[1].ToArray<int>());
        Assert.Equal(DType.I32, r[1].DType);
        Assert.Equal(new double[] { 5, 5, 5, 5, 5, 5 }, r[2].ToArray<double>());
        Assert.Equal(new Shape(4, 0, 3), BroadcastTo(Zeros(0, 1), 4, 0, 3).Shape);
        var e = Assert.Throws<ArgumentException>(() => BroadcastArrays(a, Zeros(2)));
        Assert.Contains("broadcast_arrays", e.Message);
        Assert.Contains("(3,)", e.Message);
        Assert.Contains("(2,)", e.Message);
    }

    [Theory]
    [InlineData(DType.F64)]
    [InlineData(DType.U8)]
    public void JoiningAndSplitting(DType t)
    {
        var x = Iota(t, 2, 3);
        var y = Nd.Make([10, 11, 12, 13, 14, 15], [2, 3], t);
        var f = Nd.Jit((Tensor[] a) =>
        [
            Concatenate([a[0], a[1]], 0), Concatenate([a[0], a[1], a[0]], -1), Stack([a[0], a[1]]), Stack([a[0], a[1]], -1),
            .. Split(a[0], 3, 1), .. Split(a[0], [1, -1, 10], 1),
        ]);
        var r = f([x, y]);
        double X(int i, int j) => 3 * i + j;
        double Y(int i, int j) => 10 + 3 * i + j;
        Nd.Close(Map([4, 3], i => i[0] < 2 ? X(i[0], i[1]) : Y(i[0] - 2, i[1])), r[0].ToArray<double>(), 0, "concat 0");
        Nd.Close(Map([2, 9], i => i[1] is >= 3 and < 6 ? Y(i[0], i[1] - 3) : X(i[0], i[1] % 3)), r[1].ToArray<double>(), 0, "concat -1");
        Nd.Close(Map([2, 2, 3], i => i[0] == 0 ? X(i[1], i[2]) : Y(i[1], i[2])), r[2].ToArray<double>(), 0, "stack 0");
        Nd.Close(Map([2, 3, 2], i => i[2] == 0 ? X(i[0], i[1]) : Y(i[0], i[1])), r[3].ToArray<double>(), 0, "stack -1");
        for (int k = 0; k < 3; k++)
            Nd.Close(Map([2, 1], i => X(i[0], k)), r[4 + k].ToArray<double>(), 0, $"split part {k}");
        // [1, -1, 10] on length 3: cuts at 1, 2 and 3 → widths 1, 1, 1, 0.
        Assert.Equal([new Shape(2, 1), new Shape(2, 1), new Shape(2, 1), new Shape(2, 0)], r[7..].Select(p => p.Shape).ToArray());
        Nd.Close(Map([2, 1], i => X(i[0], 2)), r[9].ToArray<double>(), 0, "split by indices");
        Assert.All(r, p => Assert.Equal(t, p.DType));
        Assert.Equal(DType.F64, Concatenate([Tensor.From(new[] { 1 }), Tensor.From(new[] { 2.0 })]).DType);
        Assert.Equal(new Shape(2, 0), Concatenate([Zeros(1, 0), Zeros(1, 0)]).Shape);
        Assert.Equal(new Shape(2), Stack([Tensor.From(1f), Tensor.From(2f)]).Shape);
    }

    [Fact]
    public void TileAndRepeat()
    {
        var x = Iota(DType.I32, 2, 3);
        Assert.Equal(new[] { 0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5 }, Tile(x, 1, 2).ToArray<int>());
        var t = Tile(x, 2, 1, 2);
        Assert.Equal(new Shape(2, 2, 6), t.Shape);
        Nd.Close(Map([2, 2, 6], i => 3 * i[1] + i[2] % 3), t.ToArray<double>(), 0, "tile 3-D");
        Assert.Equal(new Shape(2, 6), Tile(x, 2).Shape);
        Assert.Equal(new Shape(2, 0), Tile(x, 0).Shape);
        Assert.Equal(new[] { 7, 7, 7 }, Tile(Tensor.From(7), 3).ToArray<int>());
        Assert.Equal(new[] { 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5 }, Repeat(x, 2).ToArray<int>());
        Assert.Equal(new[] { 0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5 }, Repeat(x, 2, 0).ToArray<int>());
        Assert.Equal(new[] { 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5 }, Repeat(x, 2, -1).ToArray<int>());
        Assert.Equal(new[] { 0, 2, 2, 2, 3, 5, 5, 5 }, Repeat(x, [1, 0, 3], 1).ToArray<int>());
        Assert.Equal(new Shape(0, 3), Repeat(x, 0, 0).Shape);
    }

    [Fact]
    public void PadWithConstant()
    {
        var x = Iota(DType.F32, 2, 3);
        var p = Pad(x, [(1, 0), (2, 1)], -1.0);
        Assert.Equal(new Shape(3, 6), p.Shape);
        Nd.Close(Map([3, 6], i => i[0] >= 1 && i[1] is >= 2 and < 5 ? 3 * (i[0] - 1) + (i[1] - 2) : -1), p.ToArray<double>(), 0, "pad");
        Assert.Equal(new Shape(4, 5), Pad(x, 1).Shape);
        Assert.Equal(0f, Pad(x, 1).ToArray<float>()[0]);
        Assert.Equal(new Shape(4, 5), Pad(x, [(1, 1)]).Shape);
        Assert.Equal(new[] { 9, 9, 1, 2, 9 }, Pad(Tensor.From(new[] { 1, 2 }), [(2, 1)], 9).ToArray<int>());
        Assert.Equal(new[] { 0, 0 }, Pad(Tensor.From(Array.Empty<int>()), 1).ToArray<int>());
        var e = Assert.Throws<ArgumentException>(() => Pad(x, [(1, 1), (1, 1), (1, 1)]));
        Assert.Contains("pad", e.Message);
        Assert.Equal("padWidth", e.ParamName);
        Assert.Throws<ArgumentException>(() => Pad(x, [(-1, 0), (0, 0)]));
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        var x = Zeros(2, 3);
        var e = Assert.Throws<ArgumentException>(() => Split(x, 4, 1));
        Assert.Contains("split", e.Message);
        Assert.Contains("length 3", e.Message);
        Assert.Equal("sections", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => Stack([x, Zeros(3, 2)]));
        Assert.Contains("stack", e.Message);
        Assert.Contains("(3, 2)", e.Message);
        e = Assert.Throws<ArgumentException>(() => MoveAxis(x, 0, 5));
        Assert.Equal("destination", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => SwapAxes(x, 0, -3));
        Assert.Equal("axis2", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => Flip(x, 2));
        Assert.Contains("flip", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tile(x, -1));
        Assert.Equal("reps", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => Repeat(x, [1, 2], 1));
        Assert.Contains("repeat", e.Message);
        e = Assert.Throws<ArgumentException>(() => ExpandDims(x, [0, 0]));
        Assert.Contains("repeated axis", e.Message);
        e = Assert.Throws<ArgumentException>(() => Reshape(x, 4, -1));
        Assert.Contains("reshape", e.Message);
    }

    [Fact]
    public void JitMatchesEagerForACompositeExpression()
    {
        var x = Tensor.From(Nd.Random(9, 12, DType.F32).Select(v => (float)v).ToArray(), 3, 4);
        Func<Tensor, Tensor> f = v => Reshape(Concatenate([Flip(Transpose(v), 0), Tile(v[..1], 4, 1)[.., ..3]], 1), -1) * 2.0
            + Ravel(Pad(SwapAxes(v, 0, 1), [(0, 0), (1, 2)]))[..24];
        var eager = f(x).ToArray<double>();
        Nd.Close(eager, Ax.Jit(f)(x).ToArray<double>(), 0, "jit vs eager");
    }
}
