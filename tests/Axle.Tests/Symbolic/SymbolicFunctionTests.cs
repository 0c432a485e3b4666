using Axle.Tests.Core;
using static Axle.Ops;

namespace Axle.Tests.Symbolic;

[Collection(SerialCollection.Name)]
public class SymbolicFunctionTests
{
    private static Tensor Matrix(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        return Tensor.From(Enumerable.Range(0, rows * cols).Select(_ => rng.NextDouble() - 0.5).ToArray(), rows, cols);
    }

    // sum_i exp(sum_j X[i, j]): what Sum(Exp(MatMul(X, Ones(d)))) computes.
    private static double Reference(Tensor x)
    {
        double[] v = x.ToArray<double>();
        int rows = x.Shape[0], cols = x.Shape[1];
        double total = 0;
        for (int i = 0; i < rows; i++) total += Math.Exp(v.Skip(i * cols).Take(cols).Sum());
        return total;
    }

    [Fact]
    public void AcceptanceSizeFromInputShapeCompilesOncePerShapeThenHitsTheCache()
    {
        var X = Sym.Matrix("X", DType.F64);
        Assert.False(X.Shape[^1].IsKnown);
        var y = Sum(Exp(MatMul(X, Ones(X.Shape[^1]))));
        Assert.Equal(Shape.Scalar, y.Shape);
        Assert.Equal(DType.F64, y.DType);
        var fn = Ax.Function([X], y);

        Tensor a = Matrix(2, 3, 1), b = Matrix(5, 4, 2);
        long compiles = ProgramCompiler.Compilations, traces = Tracer.Traces;
        Assert.Equal(Reference(a), fn(a).Item<double>(), 12);
        Assert.Equal(Reference(b), fn(b).Item<double>(), 12);
        Assert.Equal(2, ProgramCompiler.Compilations - compiles);
        Assert.Equal(2, Tracer.Traces - traces);

        long hits = ExecutableCache.Hits;
        Assert.Equal(Reference(a), fn(Matrix(2, 3, 1)).Item<double>(), 12);
        Assert.Equal(Reference(Matrix(5, 4, 3)), fn(Matrix(5, 4, 3)).Item<double>(), 12);
        Assert.Equal(2, ProgramCompiler.Compilations - compiles);
        Assert.Equal(2, Tracer.Traces - traces);
        Assert.Equal(2, ExecutableCache.Hits - hits);
    }

    [Fact]
    public void SymbolicShapesFlowThroughOps()
    {
        var X = Sym.Matrix("X", DType.F32);
        var n = X.Shape[0];
        var v = MatMul(X, Ones(X.Shape[1]));
        Assert.Equal(new Shape([n]), v.Shape);
        var z = Exp(X) + 1.0;
        Assert.Equal(X.Shape, z.Shape);
        Assert.Equal(DType.F32, z.DType);
        Assert.True(Sym.IsSymbolic(z));
        Assert.Equal(new Shape([X.Shape[1]]), Sum(X, axis: 0).Shape);
        Assert.Equal(new Shape([n, (Dim)1]), ExpandDims(v, 1).Shape);
        Assert.Equal(new Shape([n, X.Shape[1]]), Full([n, X.Shape[1]], 2.0, DType.F32).Shape);
    }

    [Fact]
    public void ElementwiseBroadcastAndLiteralsReplayWithRealSizes()
    {
        var X = Sym.Matrix("X", DType.F32);
        var b = Sym.Vector("b", DType.F32, X.Shape[1]);
        var fn = Ax.Function([X, b], (X + b) * 2.0 - Zeros(X.Shape[0], X.Shape[1]));
        var x = Tensor.From(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var r = fn(x, Tensor.From(new float[] { 10, 20, 30 }));
        Assert.Equal(new Shape(2, 3), r.Shape);
        Assert.Equal(new float[] { 22, 44, 66, 28, 50, 72 }, r.ToArray<float>());
    }

    [Fact]
    public void ArgumentsThatDisagreeOnASharedDimensionAreRejected()
    {
        var X = Sym.Matrix("X", DType.F64);
        var w = Sym.Vector("w", DType.F64, X.Shape[1]);
        var fn = Ax.Function([X, w], Sum(MatMul(X, w)));
        Assert.Equal(3.0, fn(Tensor.From(new double[,] { { 1, 2 } }), Tensor.From(new double[] { 1, 1 })).Item<double>());

        long compiles = ProgramCompiler.Compilations;
        var e = Assert.Throws<ArgumentException>(() => fn(Matrix(2, 3, 1), Tensor.From(new double[] { 1, 2, 3, 4 })));
        Assert.Equal("args", e.ParamName);
        Assert.Contains($"'{X.Shape[1].Symbol}'", e.Message);
        Assert.Contains("'X'", e.Message);
        Assert.Contains("'w'", e.Message);
        Assert.Contains("3", e.Message);
        Assert.Contains("4", e.Message);
        Assert.Equal(compiles, ProgramCompiler.Compilations);
    }

    [Fact]
    public void WrongArityRankOrDTypeIsAnArgumentException()
    {
        var X = Sym.Matrix("X", DType.F64);
        var fn = Ax.Function([X], Sum(X));
        var arity = Assert.Throws<ArgumentException>(() => fn(Matrix(2, 2, 1), Matrix(2, 2, 1)));
        Assert.Equal("args", arity.ParamName);
        Assert.Contains("1 argument", arity.Message);
        Assert.Equal("args", Assert.Throws<ArgumentException>(() => fn()).ParamName);

        var rank = Assert.Throws<ArgumentException>(() => fn(Tensor.From(new double[] { 1, 2 })));
        Assert.Equal("args", rank.ParamName);
        Assert.Contains("rank 2", rank.Message);

        var dtype = Assert.Throws<ArgumentException>(() => fn(Tensor.From(new float[,] { { 1 } })));
        Assert.Equal("args", dtype.ParamName);
        Assert.Contains("f64", dtype.Message);

        Assert.Throws<ArgumentNullException>(() => fn(null!));
    }

    [Fact]
    public void WeakScalarArgumentsTakeTheInputsDType()
    {
        var X = Sym.Matrix("X", DType.F64);
        var s = Sym.Scalar("s", DType.F64);
        var fn = Ax.Function([X, s], Sum(X) * s);
        Tensor r = fn(Tensor.From(new double[,] { { 1, 2 }, { 3, 4 } }), 0.5);
        Assert.Equal(DType.F64, r.DType);
        Assert.Equal(5.0, r.Item<double>());
    }

    [Fact]
    public void JitAndLowerAcceptAFunctionAndItInlinesIntoAnOuterTrace()
    {
        var X = Sym.Matrix("X", DType.F64);
        var fn = Ax.Function([X], Sum(Exp(MatMul(X, Ones(X.Shape[^1])))));
        var x = Matrix(3, 2, 4);
        double expected = Reference(x);

        var jitted = Ax.Jit(fn);
        Assert.Same(jitted, Ax.Jit(fn));
        Assert.Equal(expected, jitted(x).Item<double>(), 12);

        var lowered = Ax.Lower(fn, x);
        string text = lowered.AsText();
        Assert.Contains("stablehlo.exponential", text);
        Assert.Contains("stablehlo.dot_general", text);
        Assert.Contains("tensor<3x2xf64>", text);
        Assert.NotEmpty(lowered.Compile().AsText());

        // Called with tracers, the function's nodes are staged into the outer program.
        var outer = Ax.Jit((Func<Tensor, Tensor>)(t => fn(t) * 2.0));
        Assert.Equal(2 * expected, outer(x).Item<double>(), 12);
        Assert.Contains("stablehlo.exponential", Ax.Lower(outer, x).AsText());
    }

    [Fact]
    public void SeveralOutputsAreATensorArrayThatDeconstructs()
    {
        var X = Sym.Matrix("X", DType.F32);
        var stats = Ax.Function([X], [Sum(X), Max(X), Min(X)]);
        var x = Tensor.From(new float[,] { { 1, -2 }, { 7, 4 } });
        Tensor[] all = stats(x);
        Assert.Equal(3, all.Length);
        var (sum, max, min) = stats(x);
        Assert.Equal(10f, sum.Item<float>());
        Assert.Equal(7f, max.Item<float>());
        Assert.Equal(-2f, min.Item<float>());
        Assert.Throws<ArgumentException>(() => { var (p, q) = all; });

        var jitted = Ax.Jit(stats);
        var (s2, m2, _) = jitted(x);
        Assert.Equal(10f, s2.Item<float>());
        Assert.Equal(7f, m2.Item<float>());
    }

    [Fact]
    public void DeconstructCoversTwoToEightTensors()
    {
        Tensor[] t = Enumerable.Range(0, 8).Select(i => Tensor.From((float)i)).ToArray();
        var (a, b) = t[..2];
        var (c0, c1, c2, c3, c4, c5, c6, c7) = t;
        Assert.Same(t[1], b);
        Assert.Same(t[0], a);
        Assert.Same(t[7], c7);
        Assert.Equal(new[] { t[0], t[1], t[2], t[3], t[4], t[5], t[6] }, new[] { c0, c1, c2, c3, c4, c5, c6 });
        var (d0, d1, d2, d3) = t[..4];
        var (e0, e1, e2, e3, e4) = t[..5];
        var (f0, f1, f2, f3, f4, f5) = t[..6];
        var (g0, g1, g2, g3, g4, g5, g6) = t[..7];
        Assert.Same(t[3], d3);
        Assert.Same(t[4], e4);
        Assert.Same(t[5], f5);
        Assert.Same(t[6], g6);
    }

    [Fact]
    public void AComputedTensorCanBeAnInputThatCutsTheGraph()
    {
        var X = Sym.Matrix("X", DType.F32);
        var hidden = Exp(X);
        var fn = Ax.Function([hidden], Sum(hidden));
        // X itself is not needed: the value of `hidden` is given.
        Assert.Equal(10f, fn(Tensor.From(new float[,] { { 1, 2 }, { 3, 4 } })).Item<float>());
    }

    [Fact]
    public void WhatCannotBeCompiledIsRefusedWhenTheFunctionIsBuilt()
    {
        var X = Sym.Matrix("X", DType.F32);
        var Z = Sym.Vector("Z", DType.F32);
        var missing = Assert.Throws<InvalidOperationException>(() => Ax.Function([X], Sum(X) + Sum(Z)));
        Assert.Contains("'Z'", missing.Message);

        var n = Dim.Symbolic("free_n");
        var undetermined = Assert.Throws<InvalidOperationException>(() => Ax.Function([X], Sum(X) + Sum(Ones(n))));
        Assert.Contains("'free_n'", undetermined.Message);

        var notSymbolic = Assert.Throws<ArgumentException>(() => Ax.Function([Tensor.From(1f)], Sum(X)));
        Assert.Equal("inputs", notSymbolic.ParamName);
        Assert.Throws<ArgumentException>(() => Ax.Function([X, X], Sum(X)));
    }

    [Fact]
    public void ShapeErrorsNameTheSymbolsAndUnrepresentableSizesAreRefused()
    {
        var X = Sym.Matrix("X", DType.F32);
        var v = Sym.Vector("v", DType.F32);
        var e = Assert.Throws<ArgumentException>(() => MatMul(X, v));
        Assert.Contains(X.Shape[1].Symbol!, e.Message);
        Assert.Contains(v.Shape[0].Symbol!, e.Message);

        // A mean divides by a symbolic count: not expressible while building the graph.
        var mean = Assert.Throws<InvalidOperationException>(() => Mean(X));
        Assert.Contains(X.Shape[0].Symbol!, mean.Message);
        // n + 2 has no symbolic spelling.
        var cat = Assert.Throws<InvalidOperationException>(() => Concatenate([v, Ones(2)]));
        Assert.Contains($"'{v.Shape[0].Symbol}'", cat.Message);
    }

    [Fact]
    public void SymbolicTensorsCannotBeUsedInsideAnotherTransform()
    {
        var X = Sym.Scalar("X", DType.F32);
        var bad = Ax.Jit((Func<Tensor, Tensor>)(t => t + X));
        Assert.Throws<InvalidOperationException>(() => bad(Tensor.From(new float[] { 1, 2 })));
    }
}
