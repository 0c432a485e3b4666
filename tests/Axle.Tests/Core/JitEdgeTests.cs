using static Axle.Ops;

namespace Axle.Tests.Core;

/// <summary>Outputs that are inputs, captured consts or literals; failures that must leave no trace behind.</summary>
public class JitEdgeTests
{
    [Fact]
    public void OutputsMayBeInputsConstsOrLiterals()
    {
        var c = Tensor.From(new float[] { 7, 8 });
        Func<Tensor[], Tensor[]> f = xs => [xs[0], c, 1.5, xs[0]];
        var outs = Ax.Jit(f)([Tensor.From(new float[] { 1, 2 })]);
        Assert.Equal(new float[] { 1, 2 }, outs[0].ToArray<float>());
        Assert.Equal(new float[] { 7, 8 }, outs[1].ToArray<float>());
        Assert.Equal(1.5f, outs[2].Item<float>());
        Assert.True(outs[2].IsWeak);
        Assert.Equal(new float[] { 1, 2 }, outs[3].ToArray<float>());
    }

    [Fact]
    public void AFailedTraceLeavesTheEagerContextIntact()
    {
        var f = Ax.Jit((Tensor t) => t + Tensor.From(new float[5]));
        Assert.Throws<ArgumentException>(() => f(Tensor.From(new float[3])));
        // Eager still works, and the failed signature is retried (and fails again), not cached.
        Assert.Equal(2f, (Tensor.From(1f) + 1).Item<float>());
        Assert.Throws<ArgumentException>(() => f(Tensor.From(new float[3])));
    }

    [Fact]
    public void EscapedTracerIsReported()
    {
        Tensor? leaked = null;
        var f = Ax.Jit((Tensor t) =>
        {
            leaked = t * 2;
            return t;
        });
        f(Tensor.From(new float[] { 1 }));
        Assert.NotNull(leaked);
        var e = Assert.Throws<InvalidOperationException>(() => leaked! + 1);
        Assert.Contains("escaped", e.Message);
    }

    [Fact]
    public void CapturedOuterTracersBecomeConstsOfTheInnerGraph()
    {
        // Evaluate inside an outer trace: the inner graph's const is the outer tracer.
        var outer = Tracer.Trace(xs =>
        {
            var y = xs[0] * 3;
            var inner = Tracer.Trace(zs => [zs[0] + y], [xs[0].Aval]);
            Assert.Single(inner.ConstVars);
            Assert.Same(y, inner.ConstValues[0]);
            return inner.Evaluate([xs[0]]);
        }, [new Aval(DType.F32, new Shape(2))]);
        Assert.Equal(["mul", "add"], outer.Equations.Select(e => e.Primitive.Name).Where(n => n != "broadcast_in_dim"));
        var compiled = CompiledGraph.Compile(outer, "outer");
        Assert.Equal(new float[] { 4, 8 }, compiled.Run([Tensor.From(new float[] { 1, 2 })])[0].ToArray<float>());
    }
}
