using static Axle.Ops;

namespace Axle.Tests.OpTests;

/// <summary>Creation ops: shapes, dtypes (numpy/JAX defaults), values, traced use, errors.</summary>
public class CreationTests
{
    [Fact]
    public void FullZerosOnesAndLikes()
    {
        Assert.Equal(new float[] { 0, 0, 0, 0, 0, 0 }, Zeros(2, 3).ToArray<float>());
        Assert.Equal(new Shape(2, 3), Zeros(2, 3).Shape);
        Assert.Equal(Shape.Scalar, Ones(Array.Empty<int>()).Shape);
        Assert.Equal(1f, Ones(Array.Empty<int>()).Item<float>());
        Assert.Empty(Zeros(0, 4).ToArray<float>());
        Assert.Equal(new long[] { 1, 1 }, Ones([2], DType.I64).ToArray<long>());
        Assert.Equal(new[] { 7, 7, 7 }, Full([3], 7).ToArray<int>());
        Assert.Equal(DType.I32, Full([3], 7).DType);
        Assert.Equal(new[] { 2.5, 2.5 }, Full([2], 2.5, DType.F64).ToArray<double>());

        var x = Tensor.From(new[] { 1.5, 2, 3, 4 }, 2, 2);
        Assert.Equal(DType.F64, ZerosLike(x).DType);
        Assert.Equal(new Shape(2, 2), OnesLike(x).Shape);
        Assert.Equal(new[] { 1.0, 1, 1, 1 }, OnesLike(x).ToArray<double>());
        Assert.Equal(new[] { 9, 9, 9, 9 }, FullLike(x, 9, DType.I32).ToArray<int>());
        Assert.Equal(new[] { -1.0, -1, -1, -1 }, FullLike(x, -1).ToArray<double>());
    }

    [Fact]
    public void ArangeFollowsNumpyDTypesAndCounts()
    {
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, Arange(5).ToArray<int>());
        Assert.Equal(new[] { 2, 5, 8 }, Arange(2, 10, 3).ToArray<int>());
        Assert.Equal(new[] { 5, 3, 1 }, Arange(5, 0, -2).ToArray<int>());
        Assert.Empty(Arange(5, 0).ToArray<int>());
        Assert.Equal(DType.I32, Arange(2, 10, 3).DType);
        var f = Arange(0, 1, 0.25);
        Assert.Equal(DType.F32, f.DType);
        Assert.Equal(new[] { 0, 0.25f, 0.5f, 0.75f }, f.ToArray<float>());
        // A fractional stop alone makes the result float (numpy: arange(0, 2.5) is float64 there, F32 here).
        Assert.Equal(DType.F32, Arange(0, 2.5).DType);
        Assert.Equal(new[] { 0f, 1, 2 }, Arange(0, 2.5).ToArray<float>());
        Assert.Equal(new[] { 1.0, 1.5, 2.0 }, Arange(1, 2.5, 0.5, DType.F64).ToArray<double>());
        Assert.Equal(new long[] { 0, 1, 2 }, Arange(0, 3, 1, DType.I64).ToArray<long>());
        var e = Assert.Throws<ArgumentException>(() => Arange(0, 3, 0));
        Assert.Equal("step", e.ParamName);
        Assert.Contains("arange", e.Message);
    }

    [Fact]
    public void LinspaceIncludesStopExactly()
    {
        Assert.Equal(new[] { 0, 0.25f, 0.5f, 0.75f, 1 }, Linspace(0, 1, 5).ToArray<float>());
        Assert.Equal(new[] { 0, 0.2f, 0.4f, 0.6f, 0.8f }, Linspace(0, 1, 5, endpoint: false).ToArray<float>());
        Assert.Equal(new[] { 3f }, Linspace(3, 7, 1).ToArray<float>());
        Assert.Empty(Linspace(3, 7, 0).ToArray<float>());
        var d = Linspace(0.1, 0.7, 7, dtype: DType.F64).ToArray<double>();
        Assert.Equal(0.7, d[^1]);
        for (int i = 0; i < 7; i++) Assert.Equal(0.1 + i * 0.1, d[i], 15);
        // An integer dtype floors 1, 1.83, 2.67, 3.5.
        Assert.Equal(new[] { 1, 1, 2, 3 }, Linspace(1, 3.5, 4, dtype: DType.I32).ToArray<int>());
        Assert.Equal(new[] { 10f, 7.5f, 5 }, Linspace(10, 5, 3).ToArray<float>());
        Assert.Equal("num", Assert.Throws<ArgumentException>(() => Linspace(0, 1, -1)).ParamName);
    }

    [Fact]
    public void EyeAndIdentity()
    {
        Assert.Equal(new float[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, Eye(3).ToArray<float>());
        Assert.Equal(new Shape(2, 4), Eye(2, 4, k: 1).Shape);
        Assert.Equal(new float[] { 0, 1, 0, 0, 0, 0, 1, 0 }, Eye(2, 4, k: 1).ToArray<float>());
        Assert.Equal(new[] { 0, 0, 1, 0, 0, 1 }, Eye(3, 2, k: -1, dtype: DType.I32).ToArray<int>());
        Assert.Equal(new[] { 1.0, 0, 0, 1 }, Identity(2, DType.F64).ToArray<double>());
        Assert.Empty(Eye(0).ToArray<float>());
        Assert.Equal(new[] { true, false, false, true }, Identity(2, DType.Bool).ToArray<bool>());
    }

    [Fact]
    public void CreationInsideJitMatchesEager()
    {
        Func<Tensor, Tensor> f = x => Doubled(x) + Linspace(0, 1, 3) + Arange(0, 3) * 0.5 + OnesLike(x) * Eye(3)[0, ..];
        var x = Tensor.From(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        Assert.Equal(f(x).ToArray<float>(), Ax.Jit(f)(x).ToArray<float>());
    }

    private static Tensor Doubled(Tensor x) => x * FullLike(x, 2.0) + ZerosLike(x);
}
