using Axle.Lowering;

namespace Axle.Lowering.Tests;

/// <summary>The representative modules the golden files pin.</summary>
internal static class GoldenModules
{
    private static readonly TensorType F32 = new(ElementType.F32);

    /// <summary>dot_general, then an elementwise op, then a sum over rows (a region).</summary>
    public static string DotExpReduce()
    {
        var m = new ModuleBuilder("dot_exp_reduce");
        var f = m.AddFunction("main", [new(ElementType.F32, 2, 3), new(ElementType.F32, 3, 4)]);
        var b = f.Body;
        var dot = b.Op("stablehlo.dot_general", f.Parameters, new TensorType(ElementType.F32, 2, 4),
            [new("dot_dimension_numbers", Attr.DotDimensions([], [], [1], [0]))]);
        var exp = b.Op("stablehlo.exponential", [dot], dot.Type);
        var zero = b.Op("stablehlo.constant", [], F32, [new("value", Attr.Splat(F32, BitConverter.GetBytes(0f)))]);
        var body = f.NewRegion(F32, F32);
        body.Return(body.Op("stablehlo.add", body.Arguments, F32));
        var sum = b.Op("stablehlo.reduce", [exp, zero], new TensorType(ElementType.F32, 2),
            [new("dimensions", Attr.I64Array(1))], [body]);
        b.Return(sum);
        return m.ToText();
    }

    /// <summary>Compare, select, convert, a multi-result op and a private callee.</summary>
    public static string CompareSelectConvert()
    {
        var m = new ModuleBuilder("compare_select_convert");
        var vec = new TensorType(ElementType.F64, 4);
        var f = m.AddFunction("main", [vec, vec]);
        var b = f.Body;
        var (x, y) = (f.Parameters[0], f.Parameters[1]);
        var lt = b.Op("stablehlo.compare", [x, y], new TensorType(ElementType.Pred, 4),
            [new("comparison_direction", Attr.Enum("comparison_direction", "LT")),
             new("compare_type", Attr.Enum("comparison_type", "FLOAT"))]);
        var min = b.Op("stablehlo.select", [lt, x, y], vec);
        var asInt = b.Op("stablehlo.convert", [min], new TensorType(ElementType.U32, 4));
        var mask = b.Op("stablehlo.constant", [], new TensorType(ElementType.Pred, 2, 2),
            [new("value", Attr.Dense(new TensorType(ElementType.Pred, 2, 2), [1, 0, 0, 1]))]);
        var pair = b.Op("stablehlo.optimization_barrier", [min, asInt], [vec, asInt.Type]);
        b.Return(pair[0], pair[1], mask);
        return m.ToText();
    }
}
