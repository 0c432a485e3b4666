using System.Reflection;
using static Axle.Ops;

namespace Axle.Tests.Transforms;

/// <summary>Vmap's API: axes, axisSize, errors, nesting, composition with Jit, delegate types, rule coverage.</summary>
public class VmapTests
{
    private static Tensor Range(int n, params int[] shape) =>
        Tensor.From(Enumerable.Range(0, n).Select(i => (double)i).ToArray(), shape);

    [Fact]
    public void DefaultAxesMapTheLeadingAxis()
    {
        var x = Range(6, 2, 3);
        var r = Ax.Vmap((Tensor v) => Sum(v * v))(x);
        Assert.Equal(new Shape(2), r.Shape);
        Assert.Equal(new double[] { 0 + 1 + 4, 9 + 16 + 25 }, r.ToArray<double>());
    }

    [Fact]
    public void NullInAxisBroadcastsTheArgumentAndNegativeAxesCountFromTheEnd()
    {
        var x = Range(6, 2, 3);
        var w = Tensor.From(new double[] { 1, 10 });
        // Map x over its last axis (3 examples of shape (2,)); w is shared.
        var r = Ax.Vmap((Tensor a, Tensor b) => Sum(a * b), inAxes: [-1, null])(x, w);
        Assert.Equal(new double[] { 0 + 30, 1 + 40, 2 + 50 }, r.ToArray<double>());
    }

    [Fact]
    public void OutAxesPlaceTheBatchAxis()
    {
        var x = Range(6, 2, 3);
        var f = Ax.Vmap((Tensor v) => v * 2, outAxes: [1]);
        var r = f(x);
        Assert.Equal(new Shape(3, 2), r.Shape);
        Assert.Equal(new double[] { 0, 6, 2, 8, 4, 10 }, r.ToArray<double>());
        Assert.Equal(new Shape(3, 2), Ax.Vmap((Tensor v) => v * 2, outAxes: [-1])(x).Shape);
    }

    [Fact]
    public void UnbatchedOutputIsBroadcastOrReturnedAsIsWithNullOutAxis()
    {
        var x = Range(3, 3);
        var c = Tensor.From(new double[] { 5, 6 });
        var fs = Ax.Vmap((Tensor[] a) => new[] { a[0] + 1, c * 2 }, outAxes: [0, null]);
        var outs = fs([x]);
        Assert.Equal(new double[] { 1, 2, 3 }, outs[0].ToArray<double>());
        Assert.Equal(new Shape(2), outs[1].Shape);
        Assert.Equal(new double[] { 10, 12 }, outs[1].ToArray<double>());

        var broadcast = Ax.Vmap((Tensor a) => c * 2)(x);
        Assert.Equal(new Shape(3, 2), broadcast.Shape);
        Assert.Equal(new double[] { 10, 12, 10, 12, 10, 12 }, broadcast.ToArray<double>());
    }

    [Fact]
    public void AxisSizeWhenNothingIsMapped()
    {
        var c = Tensor.From(new double[] { 1, 2 });
        var r = Ax.Vmap((Tensor a) => a * 3, inAxes: [null], axisSize: 4)(c);
        Assert.Equal(new Shape(4, 2), r.Shape);
        Assert.Equal(new double[] { 3, 6, 3, 6, 3, 6, 3, 6 }, r.ToArray<double>());

        var ex = Assert.Throws<ArgumentException>(() => Ax.Vmap((Tensor a) => a, inAxes: [null])(c));
        Assert.Equal("axisSize", ex.ParamName);
        Assert.Contains("axisSize", ex.Message);
    }

    [Fact]
    public void MismatchedBatchSizesNameTheArgumentsAndSizes()
    {
        var a = Range(6, 3, 2);
        var b = Range(8, 4, 2);
        var ex = Assert.Throws<ArgumentException>(() => Ax.Vmap((Tensor x, Tensor y) => x + y)(a, b));
        Assert.Contains("argument 0", ex.Message);
        Assert.Contains("size 3", ex.Message);
        Assert.Contains("argument 1", ex.Message);
        Assert.Contains("size 4", ex.Message);

        var ex2 = Assert.Throws<ArgumentException>(() => Ax.Vmap((Tensor x) => x, axisSize: 5)(a));
        Assert.Equal("axisSize", ex2.ParamName);
        Assert.Contains("size 3", ex2.Message);
    }

    [Fact]
    public void BadAxesAreArgumentErrors()
    {
        var a = Range(6, 3, 2);
        var ex = Assert.Throws<ArgumentException>(() => Ax.Vmap((Tensor x) => x, inAxes: [2])(a));
        Assert.Equal("inAxes", ex.ParamName);
        Assert.Contains("inAxes[0] = 2", ex.Message);
        Assert.Throws<ArgumentException>(() => Ax.Vmap((Tensor x) => x, inAxes: [-3])(a));
        Assert.Equal("inAxes", Assert.Throws<ArgumentException>(() => Ax.Vmap((Tensor x) => x, inAxes: [0, 0])(a)).ParamName);
        Assert.Equal("outAxes", Assert.Throws<ArgumentException>(() => Ax.Vmap((Tensor x) => x, outAxes: [3])(a)).ParamName);
        var batched = Assert.Throws<ArgumentException>(() => Ax.Vmap((Tensor x) => x, outAxes: [null])(a));
        Assert.Contains("output 0", batched.Message);
    }

    [Fact]
    public void UserShapeErrorsInsideVmapNameThePerExampleShapes()
    {
        var a = Range(6, 3, 2);
        var b = Range(9, 3, 3);
        var ex = Assert.Throws<ArgumentException>(() => Ax.Vmap((Tensor x, Tensor y) => x + y)(a, b));
        Assert.Contains("(2,)", ex.Message);
        Assert.Contains("(3,)", ex.Message);
    }

    [Fact]
    public void NestedVmapEqualsDoubleLoop()
    {
        var x = Range(24, 2, 3, 4);
        var y = Range(4, 4);
        // Inner vmap over x's axis 1, outer over axis 0: each example is a vector of 4.
        var f = Ax.Vmap(Ax.Vmap((Tensor a, Tensor b) => Sum(a * b) + Max(a), inAxes: [0, null]), inAxes: [0, null]);
        var r = f(x, y);
        Assert.Equal(new Shape(2, 3), r.Shape);
        double[] xs = x.ToArray<double>();
        var expected = new double[6];
        for (int i = 0; i < 6; i++)
            expected[i] = Enumerable.Range(0, 4).Sum(k => xs[i * 4 + k] * k) + xs[i * 4 + 3];
        Assert.Equal(expected, r.ToArray<double>());

        // Batch axes at different positions in the two levels.
        var g = Ax.Vmap(Ax.Vmap((Tensor a) => a * 10, inAxes: [1], outAxes: [0]), inAxes: [2], outAxes: [2]);
        var t = g(x); // outer maps the 4-axis, inner the 3-axis of each (2, 3) example
        Assert.Equal(new Shape(3, 2, 4), t.Shape);
        var expectT = Multiply(Transpose(x, 1, 0, 2), 10).ToArray<double>();
        Assert.Equal(expectT, t.ToArray<double>());
    }

    [Fact]
    public void VmapOfJitInlinesTheCompiledFunction()
    {
        var inner = Ax.Jit((Tensor a) => Sin(a) * 2);
        var x = Range(6, 2, 3);
        var r = Ax.Vmap(inner, inAxes: [1], outAxes: [1])(x);
        VmapHarness.Close(Multiply(Sin(x), 2).ToArray<double>(), r.ToArray<double>(), "vmap(jit)");
    }

    [Fact]
    public void VmapIsMemoizedSoJitCachesIt()
    {
        Func<Tensor, Tensor> f = a => a + 1;
        Assert.Same(Ax.Vmap(f, inAxes: [1]), Ax.Vmap(f, inAxes: [1]));
        Assert.NotSame(Ax.Vmap(f, inAxes: [1]), Ax.Vmap(f, inAxes: [0]));
    }

    /// <summary>The shape of delegate <c>Ax.Function</c> returns.</summary>
    public delegate Tensor ParamsFunction(params Tensor[] args);

    /// <summary>A multi-output variadic delegate.</summary>
    public delegate Tensor[] ParamsFunctions(params Tensor[] args);

    [Fact]
    public void OtherDelegateTypesKeepTheirType()
    {
        ParamsFunction f = args => args[0] * args[1];
        ParamsFunction vf = Ax.Vmap(f, inAxes: [0, null]);
        var r = vf(Range(6, 3, 2), Tensor.From(new double[] { 1, -1 }));
        Assert.Equal(new double[] { 0, -1, 2, -3, 4, -5 }, r.ToArray<double>());

        ParamsFunctions g = args => [args[0] + 1, Sum(args[0])];
        var outs = Ax.Vmap(g)(Range(6, 3, 2));
        Assert.Equal(new double[] { 1, 5, 9 }, outs[1].ToArray<double>());
    }

    [Fact]
    public void SymbolicFunctionsVmapLikeAnyFunction()
    {
        var X = Sym.Matrix("X", DType.F64);
        var b = Sym.Vector("b", DType.F64, X.Shape[1]);
        TensorFunction fn = Ax.Function([X, b], Sum(X * b, 1));
        var xs = Range(12, 3, 2, 2);
        var w = Tensor.From(new double[] { 1, 10 });
        var r = Ax.Vmap(fn, inAxes: [0, null])(xs, w);
        Assert.Equal(new Shape(3, 2), r.Shape);
        Assert.Equal(new double[] { 10, 32, 54, 76, 98, 120 }, r.ToArray<double>());
    }

    [Fact]
    public void VmapOfGradEqualsLoopOfGrad()
    {
        Func<Tensor, Tensor, Tensor> loss = (w, x) => Sum(Tanh(MatMul(x, w)) * Sin(w[0]));
        var grad = Ax.Grad(loss);
        var ws = Tensor.From(Enumerable.Range(0, 12).Select(i => 0.1 * i - 0.5).ToArray(), 4, 3);
        var x = Tensor.From(new double[] { 0.5, -1, 2, 0.3, 0.7, -0.2 }, 2, 3);
        var batched = Ax.Vmap(grad, inAxes: [0, null])(ws, x);
        var loop = Stack(Enumerable.Range(0, 4).Select(i => grad(ws[i], x)).ToArray());
        VmapHarness.Close(loop.ToArray<double>(), batched.ToArray<double>(), "vmap(grad)", 1e-12);
        var jitted = Ax.Jit(Ax.Vmap(grad, inAxes: [0, null]))(ws, x);
        VmapHarness.Close(loop.ToArray<double>(), jitted.ToArray<double>(), "jit(vmap(grad))", 1e-12);
    }

    [Fact]
    public void GradOfVmapEqualsGradOfLoop()
    {
        Func<Tensor, Tensor> perExample = v => Sum(Exp(v) * v);
        var total = (Tensor m) => Sum(Ax.Vmap(perExample, inAxes: [1])(m));
        var m = Tensor.From(new double[] { 0.1, 0.2, -0.3, 0.4, 0.5, -0.6 }, 2, 3);
        var g = Ax.Grad(total)(m);
        // d/dv sum(exp(v) v) = exp(v) (1 + v), elementwise.
        var expected = m.ToArray<double>().Select(v => Math.Exp(v) * (1 + v)).ToArray();
        VmapHarness.Close(expected, g.ToArray<double>(), "grad(vmap)", 1e-12);
    }

    private sealed record Pair(Tensor A, Tensor B);

    [Fact]
    public void PytreeArgumentsAndResults()
    {
        var f = Ax.Vmap((Pair p) => (Sum(p.A), p.B * 2));
        var (s, d) = f(new Pair(Range(6, 3, 2), Range(3, 3)));
        Assert.Equal(new double[] { 1, 5, 9 }, s.ToArray<double>());
        Assert.Equal(new double[] { 0, 2, 4 }, d.ToArray<double>());
    }

    [Fact]
    public void MissingRuleNamesThePrimitiveAndTransform()
    {
        var p = new Primitive("no_batch_rule", (ins, _) => [ins[0]], (ctx, xs, _) => xs);
        var ex = Assert.Throws<NotImplementedException>(() => Ax.Vmap((Tensor a) => p.Bind1([a]))(Range(3, 3)));
        Assert.Contains("'batch' rule for primitive 'no_batch_rule'", ex.Message);
    }

    [Fact]
    public void EscapedBatchTracerIsDetected()
    {
        Tensor? leaked = null;
        Ax.Vmap((Tensor a) => leaked = a * 2)(Range(3, 3));
        Assert.Throws<InvalidOperationException>(() => Ax.Vmap((Tensor a) => a + leaked!)(Range(3, 3)));
    }

    /// <summary>Primitives that need no batch rule, with the reason.</summary>
    private static readonly Dictionary<string, string> NotApplicable = new()
    {
        ["iota"] = "takes no operands, so it is never batched (its result is unbatched)",
        ["random_variable"] = "a node of a symbolic graph only: Ax.Function replaces it by its sampler before any transform sees it",
        ["custom_lin"] = "lives only in linearized graphs, which reverse mode transposes (into the user's backward function, "
            + "whose own ops batch); it is never bound under Vmap, and forward mode refuses it",
    };

    [Fact]
    public void EveryPrimitiveHasABatchRule()
    {
        var prims = typeof(Prims).GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(f => f.FieldType == typeof(Primitive))
            .Select(f => (Primitive)f.GetValue(null)!)
            .ToArray();
        Assert.NotEmpty(prims);
        var missing = prims.Where(p => p.BatchRule is null && !NotApplicable.ContainsKey(p.Name)).Select(p => p.Name).ToArray();
        Assert.True(missing.Length == 0, "primitives without a batch rule: " + string.Join(", ", missing));
    }
}

/// <summary>Jit∘Vmap checks that read the process-wide compilation counter.</summary>
[Collection(Core.SerialCollection.Name)]
public class VmapJitTests
{
    private static Tensor Range(int n, params int[] shape) =>
        Tensor.From(Enumerable.Range(0, n).Select(i => (double)i).ToArray(), shape);

    [Fact]
    public void JitOfVmapCompilesOneBatchedProgram()
    {
        var f = Ax.Jit(Ax.Vmap((Tensor a, Tensor b) => Exp(MatMul(a, b)) + 1, inAxes: [0, null]));
        var x = Range(12, 3, 2, 2);
        var w = Range(4, 2, 2);
        var lowered = Ax.Lower(f, x, w);
        string text = lowered.AsText();
        Assert.Contains("stablehlo.dot_general", text);
        Assert.DoesNotContain("stablehlo.while", text);
        var r = f(x, w);
        long before = ProgramCompiler.Compilations;
        var r2 = f(x, w);
        Assert.Equal(before, ProgramCompiler.Compilations);
        var loop = Enumerable.Range(0, 3).Select(i => Exp(MatMul(Range(12, 3, 2, 2)[i], w)) + 1).ToArray();
        VmapHarness.Close(Stack(loop).ToArray<double>(), r2.ToArray<double>(), "jit(vmap)");
        Assert.Equal(r.ToArray<double>(), r2.ToArray<double>());
    }
}
