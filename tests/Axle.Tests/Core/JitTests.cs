using static Axle.Ops;

namespace Axle.Tests.Core;

[Collection(SerialCollection.Name)]
public class JitTests
{
    private static readonly Random Rng = new(7);

    internal static float[] RandomFloats(int n, Random? rng = null) =>
        Enumerable.Range(0, n).Select(_ => (float)((rng ?? Rng).NextDouble() * 2 - 1)).ToArray();

    private static Tensor Mlp(Tensor x, Tensor w1, Tensor b1, Tensor w2) =>
        LogSoftmax(MatMul(Tanh(MatMul(x, w1) + b1), w2));

    [Fact]
    public void AcceptanceMlpForwardMatchesEagerAndCompilesOnce()
    {
        var rng = new Random(1);
        var x = Tensor.From(RandomFloats(8 * 5, rng), 8, 5);
        var w1 = Tensor.From(RandomFloats(5 * 16, rng), 5, 16);
        var b1 = Tensor.From(RandomFloats(16, rng), 16);
        var w2 = Tensor.From(RandomFloats(16 * 3, rng), 16, 3);

        float[] eager = Mlp(x, w1, b1, w2).ToArray<float>();
        var jitted = Ax.Jit((Func<Tensor, Tensor, Tensor, Tensor, Tensor>)Mlp);

        long compiles = ProgramCompiler.Compilations, traces = Tracer.Traces;
        var first = jitted(x, w1, b1, w2);
        Assert.Equal(1, ProgramCompiler.Compilations - compiles);
        Assert.Equal(1, Tracer.Traces - traces);
        EagerOpsTests.Close(eager, first.ToArray<float>(), 1e-6f);
        Assert.Equal(new Shape(8, 3), first.Shape);

        for (int i = 0; i < 3; i++)
        {
            var again = jitted(Tensor.From(RandomFloats(40, rng), 8, 5), w1, b1, w2);
            Assert.Equal(new Shape(8, 3), again.Shape);
        }
        Assert.Equal(1, ProgramCompiler.Compilations - compiles);
        Assert.Equal(1, Tracer.Traces - traces);

        // A new shape is a new signature: one more compilation.
        jitted(Tensor.From(RandomFloats(10, rng), 2, 5), w1, b1, w2);
        Assert.Equal(2, ProgramCompiler.Compilations - compiles);
    }

    [Fact]
    public void JitInsideALoopCompilesOnce()
    {
        long compiles = ProgramCompiler.Compilations;
        var x = Tensor.From(new float[] { 1, 2, 3 });
        for (int i = 0; i < 5; i++)
        {
            var f = Ax.Jit((Tensor t) => Sin(t) * t + 1.0);
            Assert.Equal(3, (int)f(x).Shape[0]);
        }
        Assert.Equal(1, ProgramCompiler.Compilations - compiles);
        Assert.Same(Ax.Jit(Cube), Ax.Jit(Cube));
    }

    private static Tensor Cube(Tensor t) => t * t * t;

    [Fact]
    public void EagerOpCacheCompilesOncePerSignature()
    {
        var a = Tensor.From(new float[] { 1, 2, 3, 4, 5, 6, 7 });
        var b = Tensor.From(new float[] { 1, 1, 1, 1, 1, 1, 1 });
        _ = Subtract(a, b);
        long compiles = ProgramCompiler.Compilations;
        long hits = ExecutableCache.Hits;
        for (int i = 0; i < 3; i++) _ = Subtract(a, b);
        Assert.Equal(0, ProgramCompiler.Compilations - compiles);
        Assert.True(ExecutableCache.Hits - hits >= 3);
        _ = Subtract(Tensor.From(new double[] { 1 }), Tensor.From(new double[] { 2 }));
        Assert.Equal(1, ProgramCompiler.Compilations - compiles);
    }

    [Fact]
    public void WeakTypeIsPartOfTheSignature()
    {
        var f = Ax.Jit((Tensor t) => t * 2);
        long compiles = ProgramCompiler.Compilations;
        Assert.Equal(DType.F32, f(Tensor.From(3f)).DType);
        Assert.True(f(3.0).IsWeak);
        Assert.False(f(Tensor.From(3f)).IsWeak);
        Assert.Equal(2, ProgramCompiler.Compilations - compiles);
        Assert.Equal(6f, f(3.0).Item<float>());
    }

    [Fact]
    public void JitMatchesEagerForSeveralOutputsAndCapturedTensors()
    {
        var w = Tensor.From(RandomFloats(12), 3, 4);
        Func<Tensor[], Tensor[]> f = xs => [MatMul(xs[0], w), Sum(xs[0], axis: 0), xs[0]];
        var x = Tensor.From(RandomFloats(6), 2, 3);
        var eager = f([x]);
        var jitted = Ax.Jit(f)([x]);
        Assert.Equal(3, jitted.Length);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(eager[i].Shape, jitted[i].Shape);
            EagerOpsTests.Close(eager[i].ToArray<float>(), jitted[i].ToArray<float>(), 1e-6f);
        }
    }

    [Fact]
    public void StaticArgumentsAreConcreteAndKeyed()
    {
        var f = Ax.Jit((Tensor x, Tensor n) => x * n.Item<int>(), staticArgnums: [1]);
        var x = Tensor.From(new float[] { 1, 2 });
        Assert.Equal(new float[] { 3, 6 }, f(x, Tensor.From(3)).ToArray<float>());
        Assert.Equal(new float[] { 4, 8 }, f(x, Tensor.From(4)).ToArray<float>());
    }

    [Fact]
    public void NestedJitInlines()
    {
        var inner = Ax.Jit((Tensor t) => Exp(t));
        var outer = Ax.Jit((Tensor t) => inner(t) + 1);
        var x = Tensor.From(new float[] { 0, 1 });
        EagerOpsTests.Close([2, MathF.E + 1], outer(x).ToArray<float>());
        var lowered = Ax.Lower(outer, x);
        Assert.DoesNotContain("func.call", lowered.AsText());
        Assert.Contains("stablehlo.exponential", lowered.AsText());
    }

    [Fact]
    public void ReadingATracedValueThrows()
    {
        var f = Ax.Jit((Tensor t) => t * t.Item<float>());
        var e = Assert.Throws<InvalidOperationException>(() => f(Tensor.From(new float[] { 1, 2 })));
        Assert.Contains("traced", e.Message);
    }

    [Fact]
    public void WrongArityIsAnArgumentException()
    {
        Func<Tensor, Tensor, Tensor> add = (a, b) => a + b;
        var e = Assert.Throws<ArgumentException>(() => Ax.Lower(add, Tensor.From(1f)));
        Assert.Equal("args", e.ParamName);
    }
}
