using static Axle.Ops;

namespace Axle.Tests.Core;

/// <summary>Eager ops against straightforward C# references.</summary>
public class EagerOpsTests
{
    internal static void Close(float[] expected, float[] actual, float tol = 1e-5f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {actual[i]}");
    }

    [Fact]
    public void ElementwiseArithmeticMatchesReference()
    {
        float[] a = [1, -2, 3.5f, 4], b = [0.5f, 2, -1, 8];
        var x = Tensor.From(a);
        var y = Tensor.From(b);
        Close(a.Zip(b, (p, q) => p + q).ToArray(), (x + y).ToArray<float>());
        Close(a.Zip(b, (p, q) => p - q).ToArray(), (x - y).ToArray<float>());
        Close(a.Zip(b, (p, q) => p * q).ToArray(), (x * y).ToArray<float>());
        Close(a.Zip(b, (p, q) => p / q).ToArray(), (x / y).ToArray<float>());
        Close(a.Select(p => -p).ToArray(), (-x).ToArray<float>());
        Close(a.Zip(b, Math.Max).ToArray(), Maximum(x, y).ToArray<float>());
    }

    [Fact]
    public void TranscendentalsMatchReference()
    {
        float[] a = [0.1f, 0.5f, 1, 2.5f];
        var x = Tensor.From(a);
        Close(a.Select(MathF.Exp).ToArray(), Exp(x).ToArray<float>());
        Close(a.Select(v => MathF.Log(v)).ToArray(), Log(x).ToArray<float>());
        Close(a.Select(MathF.Tanh).ToArray(), Tanh(x).ToArray<float>());
        Close(a.Select(MathF.Sin).ToArray(), Sin(x).ToArray<float>());
    }

    [Fact]
    public void BroadcastingWithWeakScalarKeepsDType()
    {
        var x = Tensor.From(new double[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var r = x * 2.0 + 1;
        Assert.Equal(DType.F64, r.DType);
        Assert.False(r.IsWeak);
        Assert.Equal(new Shape(2, 3), r.Shape);
        Assert.Equal(new double[] { 3, 5, 7, 9, 11, 13 }, r.ToArray<double>());

        var row = Tensor.From(new double[] { 10, 20, 30 });
        Assert.Equal(new double[] { 11, 22, 33, 14, 25, 36 }, (x + row).ToArray<double>());
        var col = Tensor.From(new double[] { 100, 200 }, 2, 1);
        Assert.Equal(new double[] { 101, 102, 103, 204, 205, 206 }, (x + col).ToArray<double>());
    }

    [Fact]
    public void ComparisonsAndWhere()
    {
        var x = Tensor.From(new float[] { 1, 5, 3 });
        var y = Tensor.From(new float[] { 2, 4, 3 });
        Assert.Equal(DType.Bool, (x < y).DType);
        Assert.Equal(new[] { true, false, false }, (x < y).ToArray<bool>());
        Assert.Equal(new[] { false, true, false }, (x > y).ToArray<bool>());
        Assert.Equal(new[] { true, false, true }, (x <= y).ToArray<bool>());
        Assert.Equal(new[] { false, true, true }, (x >= y).ToArray<bool>());
        Assert.Equal(new[] { false, false, true }, x.Equal(y).ToArray<bool>());
        Assert.Equal(new[] { true, true, false }, x.NotEqual(y).ToArray<bool>());
        Assert.Equal(new float[] { 2, 5, 3 }, Where(x > y, x, y).ToArray<float>());
        Assert.Equal(new float[] { 0, 5, 0 }, Where(x > y, x, 0.0).ToArray<float>());
    }

    [Fact]
    public void FloorModFollowsSignOfDivisor()
    {
        int[] a = [7, -7, 7, -7, 6], b = [3, 3, -3, -3, 3];
        var r = Tensor.From(a) % Tensor.From(b);
        Assert.Equal(DType.I32, r.DType);
        Assert.Equal(a.Zip(b, (p, q) => ((p % q) + q) % q).ToArray(), r.ToArray<int>());
        var f = Tensor.From(new float[] { 5.5f, -5.5f }) % 2.0;
        Close([1.5f, 0.5f], f.ToArray<float>());
    }

    [Fact]
    public void IntegerDivisionIsTrueDivision()
    {
        var r = Tensor.From(new[] { 1, 2, 3 }) / Tensor.From(new[] { 2, 2, 2 });
        Assert.Equal(DType.F32, r.DType);
        Assert.Equal(new float[] { 0.5f, 1, 1.5f }, r.ToArray<float>());
    }

    [Fact]
    public void AstypeConvertsLikeNumpy()
    {
        var x = Tensor.From(new float[] { -1.7f, 0, 2.9f });
        Assert.Equal(new[] { -1, 0, 2 }, Astype(x, DType.I32).ToArray<int>());
        Assert.Equal(new[] { true, false, true }, Astype(x, DType.Bool).ToArray<bool>());
        Assert.Equal(new[] { -1.7, 0, 2.9 }, Astype(x, DType.F64).ToArray<double>().Select(d => Math.Round(d, 5)));
        Assert.Equal(new[] { -1, 0, 2 }, x.ToArray<int>());
    }

    [Fact]
    public void ShapeOps()
    {
        var x = Tensor.From(Enumerable.Range(0, 6).Select(i => (float)i).ToArray(), 2, 3);
        Assert.Equal(new Shape(3, 2), Reshape(x, 3, -1).Shape);
        var t = Transpose(x);
        Assert.Equal(new Shape(3, 2), t.Shape);
        Assert.Equal(new float[] { 0, 3, 1, 4, 2, 5 }, t.ToArray<float>());
        var b = BroadcastTo(Tensor.From(new float[] { 1, 2, 3 }), 2, 3);
        Assert.Equal(new float[] { 1, 2, 3, 1, 2, 3 }, b.ToArray<float>());
        Assert.Equal(new Shape(1, 2, 3), ExpandDims(x, 0).Shape);
        Assert.Equal(new Shape(2, 3), Squeeze(ExpandDims(x, 0)).Shape);
    }

    [Fact]
    public void ReductionsWithAxisAndKeepDims()
    {
        var x = Tensor.From(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        Assert.Equal(21f, Sum(x).Item<float>());
        Assert.Equal(new float[] { 5, 7, 9 }, Sum(x, axis: 0).ToArray<float>());
        Assert.Equal(new float[] { 6, 15 }, Sum(x, axis: -1).ToArray<float>());
        Assert.Equal(new Shape(2, 1), Sum(x, axis: 1, keepDims: true).Shape);
        Assert.Equal(new float[] { 3, 6 }, Max(x, axis: 1).ToArray<float>());
        Assert.Equal(new float[] { 2.5f, 3.5f, 4.5f }, Mean(x, axis: 0).ToArray<float>());
        Assert.Equal(3.5f, Mean(x).Item<float>());
        Assert.Equal(DType.I32, Sum(Tensor.From(new[] { true, true, false })).DType);
        Assert.Equal(2, Sum(Tensor.From(new[] { true, true, false })).Item<int>());
    }

    [Fact]
    public void MatMulFollowsNumpyRanks()
    {
        var a = Tensor.From(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var b = Tensor.From(new float[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } });
        Assert.Equal(new float[] { 4, 5, 10, 11 }, MatMul(a, b).ToArray<float>());
        var v = Tensor.From(new float[] { 1, 1, 1 });
        Assert.Equal(new Shape(2), MatMul(a, v).Shape);
        Assert.Equal(new float[] { 6, 15 }, MatMul(a, v).ToArray<float>());
        Assert.Equal(new float[] { 5, 7, 9 }, MatMul(Tensor.From(new float[] { 1, 1 }), a).ToArray<float>());
        Assert.Equal(3f, MatMul(v, v).Item<float>());
        var batch = Tensor.From(Enumerable.Range(0, 12).Select(i => (float)i).ToArray(), 2, 2, 3);
        var r = MatMul(batch, b);
        Assert.Equal(new Shape(2, 2, 2), r.Shape);
        Assert.Equal(new float[] { 2, 3, 8, 9, 14, 15, 20, 21 }, r.ToArray<float>());
    }

    [Fact]
    public void SoftmaxFamily()
    {
        float[] a = [1, 2, 3, -1];
        var x = Tensor.From(a, 2, 2);
        double Lse(double p, double q) => Math.Log(Math.Exp(p) + Math.Exp(q));
        Close([(float)Lse(1, 2), (float)Lse(3, -1)], LogSumExp(x, axis: 1).ToArray<float>());
        Close([(float)(1 - Lse(1, 2)), (float)(2 - Lse(1, 2)), (float)(3 - Lse(3, -1)), (float)(-1 - Lse(3, -1))], LogSoftmax(x).ToArray<float>());
        var s = Softmax(x).ToArray<float>();
        Close([1, 1], [s[0] + s[1], s[2] + s[3]]);
        Assert.Equal(float.NegativeInfinity, LogSumExp(Tensor.From(new[] { float.NegativeInfinity, float.NegativeInfinity })).Item<float>());
    }

    [Fact]
    public void Creation()
    {
        Assert.Equal(new float[6], Zeros(2, 3).ToArray<float>());
        Assert.Equal(DType.F64, Ones([2], DType.F64).DType);
        Assert.Equal(new[] { 7, 7 }, Full([2], 7).ToArray<int>());
        Assert.Equal(new[] { 0, 1, 2, 3 }, Arange(4).ToArray<int>());
        Assert.Equal(new float[] { 1, 1.5f, 2, 2.5f }, Arange(1, 3, 0.5).ToArray<float>());
    }

    [Fact]
    public void Indexing()
    {
        var x = Tensor.From(Enumerable.Range(0, 12).Select(i => (float)i).ToArray(), 3, 4);
        Assert.Equal(new float[] { 4, 5, 6, 7 }, x[1].ToArray<float>());
        Assert.Equal(new float[] { 8, 9, 10, 11 }, x[^1].ToArray<float>());
        Assert.Equal(new float[] { 1, 2, 5, 6, 9, 10 }, x[.., 1..3].ToArray<float>());
        Assert.Equal(new Shape(3, 2), x[.., 1..3].Shape);
        Assert.Equal(6f, x[1, 2].Item<float>());
        Assert.Equal(11f, x[-1, -1].Item<float>());
        var e = Assert.Throws<ArgumentException>(() => x[3]);
        Assert.Contains("out of range", e.Message);
    }
}
