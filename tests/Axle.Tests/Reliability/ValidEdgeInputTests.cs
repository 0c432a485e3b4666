using static Axle.Ops;

namespace Axle.Tests.Reliability;

/// <summary>NaN, infinities and size-0 dimensions are valid input: they compute (issue 10, item 1).</summary>
public class ValidEdgeInputTests
{
    [Fact]
    public void NanAndInfinityPropagateThroughEagerAndJittedOps()
    {
        var x = Tensor.From(new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1f });
        float[] eager = Exp(x).ToArray<float>();
        float[] jitted = Ax.Jit((Tensor a) => Exp(a))(x).ToArray<float>();
        Assert.True(float.IsNaN(eager[0]));
        Assert.Equal(float.PositiveInfinity, eager[1]);
        Assert.Equal(0f, eager[2]);
        Assert.Equal(MathF.E, eager[3], 5);
        Assert.Equal(eager, jitted);
        Assert.True(float.IsNaN(Sum(x).Item<float>()));
        Assert.Equal(float.PositiveInfinity, Max(x[1..]).Item<float>());
    }

    [Fact]
    public void GradientAtInfinityAndNanIsComputedNotThrown()
    {
        var g = Ax.Grad((Tensor a) => Sum(a * a));
        float[] r = g(Tensor.From(new[] { float.NaN, float.PositiveInfinity, 2f })).ToArray<float>();
        Assert.True(float.IsNaN(r[0]));
        Assert.Equal(float.PositiveInfinity, r[1]);
        Assert.Equal(4f, r[2]);
    }

    [Fact]
    public void SizeZeroDimensionsCompute()
    {
        var empty = Tensor.From(Array.Empty<float>(), 0, 3);
        Assert.Equal([0, 3], Add(empty, 1).Shape.ToArray());
        Assert.Equal(new float[3], Sum(empty, axis: 0).ToArray<float>());
        Assert.Equal(0f, Sum(empty).Item<float>());
        Assert.Equal([0, 4], MatMul(empty, Ones(3, 4)).Shape.ToArray());
        Assert.Equal(new float[9], MatMul(Tensor.From(Array.Empty<float>(), 3, 0), Tensor.From(Array.Empty<float>(), 0, 3)).ToArray<float>());
        Assert.Equal([2, 3], Concatenate([empty, Ones(2, 3)]).Shape.ToArray());
        Assert.Empty(Ax.Jit((Tensor a) => Exp(a) * 2)(empty).ToArray<float>());
        Assert.Equal([0, 3], Ax.Vmap((Tensor row) => row * 2)(empty).Shape.ToArray());
    }

    [Fact]
    public void SizeZeroBuffersRoundTripThroughTheRuntime()
    {
        var z = Zeros(0);
        Assert.Empty(z.ToArray<float>());
        Assert.Equal([0], Reshape(Zeros(0, 5), 0).Shape.ToArray());
        Assert.Equal(0, Rng.Normal(Rng.Key(1), [0, 2]).Shape.ElementCount);
    }
}
