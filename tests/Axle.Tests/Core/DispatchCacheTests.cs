using static Axle.Ops;

namespace Axle.Tests.Core;

/// <summary>
/// The fast dispatch path: a jitted function's shortcut over its recent signatures, the
/// structural <see cref="Signature"/> key, and the plain path taken by Jit of Tensor lambdas.
/// Each test checks both the values and the compile/trace/hit counters, so a shortcut that
/// served the wrong program, or none, fails.
/// </summary>
[Collection(SerialCollection.Name)]
public class DispatchCacheTests
{
    [Fact]
    public void AlternatingAmongMoreShapesThanTheShortcutHoldsCompilesOncePerShape()
    {
        var f = Ax.Jit((Tensor t) => t * 2 + 1);
        long compiles = ProgramCompiler.Compilations, traces = Tracer.Traces, hits = ExecutableCache.Hits;
        for (int round = 0; round < 3; round++)
        {
            for (int n = 1; n <= 7; n++)
            {
                float[] x = Enumerable.Range(0, n).Select(i => (float)(i + round)).ToArray();
                Assert.Equal(x.Select(v => v * 2 + 1).ToArray(), f(Tensor.From(x)).ToArray<float>());
            }
        }
        Assert.Equal(7, ProgramCompiler.Compilations - compiles);
        Assert.Equal(7, Tracer.Traces - traces);
        // Every call after the first round is a hit, whether the shortcut or the shared cache served it.
        Assert.True(ExecutableCache.Hits - hits >= 14, $"hits: {ExecutableCache.Hits - hits}");
    }

    [Fact]
    public void WeakAndStrongScalarsAreDifferentSignatures()
    {
        var f = Ax.Jit((Tensor a, Tensor b) => a * b + 1);
        long compiles = ProgramCompiler.Compilations;
        for (int i = 0; i < 3; i++)
        {
            var weak = f(2f, 3f);
            var strong = f(Tensor.From(2f), Tensor.From(3f));
            Assert.True(weak.IsWeak);
            Assert.False(strong.IsWeak);
            Assert.Equal(7f, weak.Item<float>());
            Assert.Equal(7f, strong.Item<float>());
        }
        Assert.Equal(2, ProgramCompiler.Compilations - compiles);
    }

    [Fact]
    public void StaticArgumentValuesAreComparedOnEveryCall()
    {
        var f = Ax.Jit((Tensor x, Tensor n) => x * n.Item<int>(), staticArgnums: [1]);
        var x = Tensor.From(new float[] { 1, 2 });
        long compiles = ProgramCompiler.Compilations;
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(new float[] { 2, 4 }, f(x, Tensor.From(2)).ToArray<float>());
            Assert.Equal(new float[] { 3, 6 }, f(x, Tensor.From(3)).ToArray<float>());
            // Same value, other dtype: another signature.
            Assert.Equal(new float[] { 3, 6 }, f(x, Tensor.From(3L)).ToArray<float>());
        }
        Assert.Equal(3, ProgramCompiler.Compilations - compiles);
    }

    [Fact]
    public void JitOfATensorLambdaIsThePlainJitFunction()
    {
        var unary = Ax.Jit((Tensor t) => Exp(t));
        var binary = Ax.Jit((Tensor a, Tensor b) => a - b);
        Assert.NotNull(JitFunction.Behind(unary));
        Assert.NotNull(JitFunction.Behind(binary));
        Assert.Same(binary, Ax.Jit(binary));
        Assert.Equal(1f, unary(Tensor.From(0f)).Item<float>());
        Assert.Equal(new float[] { -1, 1 }, binary(Tensor.From(new float[] { 1, 3 }), Tensor.From(new float[] { 2, 2 })).ToArray<float>());
        Assert.Contains("subtract", Ax.Lower(binary, Tensor.From(1f), Tensor.From(2f)).AsText());
    }

    [Fact]
    public void ConcurrentCallsGetTheirOwnSignaturesProgram()
    {
        var f = Ax.Jit((Tensor t) => Sum(t * t));
        long compiles = ProgramCompiler.Compilations;
        Parallel.For(0, 4, worker =>
        {
            for (int i = 0; i < 40; i++)
            {
                int n = 1 + (i + worker) % 3;
                float[] x = Enumerable.Range(1, n).Select(v => (float)v).ToArray();
                Assert.Equal(x.Sum(v => v * v), f(Tensor.From(x)).Item<float>());
            }
        });
        Assert.Equal(3, ProgramCompiler.Compilations - compiles);
    }

    [Fact]
    public void DisposedArgumentsAreRejectedOnTheShortcut()
    {
        var f = Ax.Jit((Tensor t) => t + 1);
        var x = Tensor.From(new float[] { 1, 2 });
        f(x);
        x.Dispose();
        Assert.Throws<ObjectDisposedException>(() => f(x));
    }

    [Fact]
    public void SignaturesCompareStructurally()
    {
        Aval F32(bool weak = false, params int[] dims) => new(DType.F32, new Shape(dims), weak);
        var a = Signature.Of([F32(dims: 3), F32(true)]);
        var b = Signature.Owning([F32(dims: 3), F32(true)]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Signature.Of([F32(dims: 3), F32(false)]));
        Assert.NotEqual(a, Signature.Of([F32(dims: 4), F32(true)]));
        Assert.NotEqual(a, Signature.Of([F32(dims: 3), F32(true)], "1:i32[]=02000000"));
        Assert.NotEqual(a, Signature.Of([F32(dims: 3)]));
        Assert.Equal("f32[3];f32[]{weak}", a.Text);
        Assert.Equal("f32[3]|0:i32[]=01000000", Signature.Of([F32(dims: 3)], "0:i32[]=01000000").ToString());
    }
}
