using static Axle.Ops;

namespace Axle.Tests.Core;

/// <summary>Errors name the op, the argument and both shapes, and point at the caller.</summary>
public class ErrorTests
{
    [Fact]
    public void BroadcastMismatchNamesOpArgumentShapesAndCallSite()
    {
        var x = Tensor.From(new float[6], 2, 3);
        var y = Tensor.From(new float[4], 4);
        var e = Assert.Throws<ArgumentException>(() => Add(x, y));
        Assert.Equal("y", e.ParamName);
        Assert.Contains("add", e.Message);
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("(4,)", e.Message);
        Assert.Contains("ErrorTests.cs:", e.Message);
    }

    [Fact]
    public void MatMulMismatchNamesBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => MatMul(Tensor.From(new float[6], 2, 3), Tensor.From(new float[8], 4, 2)));
        Assert.Contains("matmul", e.Message);
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("(4, 2)", e.Message);
        Assert.Equal("y", e.ParamName);
    }

    [Fact]
    public void ShapeErrorsInsideJitPointAtTheUsersLambda()
    {
        var f = Ax.Jit((Tensor a) => a + Tensor.From(new float[2]));
        var e = Assert.Throws<ArgumentException>(() => f(Tensor.From(new float[3])));
        Assert.Contains("ErrorTests.cs:", e.Message);
    }

    [Fact]
    public void AxisOutOfRange()
    {
        var e = Assert.Throws<ArgumentException>(() => Sum(Tensor.From(new float[3]), axis: 1));
        Assert.Equal("axis", e.ParamName);
        Assert.Contains("rank 1", e.Message);
    }

    [Fact]
    public void PrimitiveDTypeRuleNamesTheArgument()
    {
        var e = Assert.Throws<ArgumentException>(() => Prims.Add.Bind([Tensor.From(new float[1]), Tensor.From(new double[1])]));
        Assert.Equal("y", e.ParamName);
        Assert.Contains("f64", e.Message);
        Assert.Contains("f32", e.Message);
    }

    [Fact]
    public void MissingTransformRuleSaysWhich()
    {
        var bare = new Primitive("bare", (ins, _) => ins, (_, xs, _) => xs);
        var e = Assert.Throws<NotImplementedException>(() => bare.RequireBatch());
        Assert.Equal("'batch' rule for primitive 'bare' is not implemented", e.Message);
        Assert.Throws<NotImplementedException>(() => bare.RequireJvp());
        Assert.Throws<NotImplementedException>(() => bare.RequireTranspose());
    }
}
