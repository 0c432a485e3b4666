using Axle.Lowering;

namespace Axle;

/// <summary>Which dtypes an elementwise primitive accepts.</summary>
internal enum Kinds
{
    /// <summary>Any dtype, bool included.</summary>
    Any,
    /// <summary>Integers and floats.</summary>
    Numeric,
    /// <summary>Floats only.</summary>
    Float,
    /// <summary>Bool and integers (bitwise ops).</summary>
    IntegerOrBool,
    /// <summary>Signed integers and floats (negate, sign...).</summary>
    Signed,
}

/// <summary>
/// Registration helpers for elementwise primitives: one line per primitive. Operands of a binary
/// primitive have equal dtypes and shapes (public ops promote and broadcast first); the result is
/// weak only if every operand is.
/// </summary>
internal static class Elementwise
{
    /// <summary><c>y = op(x)</c> lowering to one StableHLO op.</summary>
    public static Primitive Unary(string name, string stablehloOp, Kinds kinds = Kinds.Numeric) =>
        new Primitive(name, (ins, _) =>
        {
            Expect(name, ins, 1);
            CheckKind(name, "x", ins[0].DType, kinds);
            return [ins[0]];
        }, (ctx, x, _) => [ctx.Op(stablehloOp, x)]).ElementwiseBatching();

    /// <summary><c>z = op(x, y)</c> lowering to one StableHLO op.</summary>
    public static Primitive Binary(string name, string stablehloOp, Kinds kinds = Kinds.Numeric) =>
        new Primitive(name, (ins, _) => [SameAval(name, ins, kinds)], (ctx, xs, _) => [ctx.Op(stablehloOp, xs)]).ElementwiseBatching();

    /// <summary>A comparison returning Bool; <paramref name="direction"/> is StableHLO's (EQ, NE, LT, LE, GT, GE).</summary>
    public static Primitive Compare(string name, string direction) =>
        new Primitive(name, (ins, _) => [new Aval(DType.Bool, SameAval(name, ins, Kinds.Any).Shape)], (ctx, xs, _) =>
        {
            DType t = ctx.InAvals[0].DType;
            string type = t.IsFloat() ? "FLOAT" : t.IsSignedInteger() ? "SIGNED" : "UNSIGNED";
            return [ctx.Op("stablehlo.compare", xs,
                ("comparison_direction", Attr.Enum("comparison_direction", direction)),
                ("compare_type", Attr.Enum("comparison_type", type)))];
        }).ElementwiseBatching();

    /// <summary>Checks arity, and that all operands share one dtype and shape; returns the common aval.</summary>
    public static Aval SameAval(string name, Aval[] ins, Kinds kinds, int arity = 2)
    {
        Expect(name, ins, arity);
        string[] argNames = arity == 2 ? ["x", "y"] : ["x", "y", "z"];
        for (int i = 0; i < ins.Length; i++) CheckKind(name, argNames[i], ins[i].DType, kinds);
        for (int i = 1; i < ins.Length; i++)
        {
            if (ins[i].DType != ins[0].DType) throw Errors.DTypes(name, argNames[i], ins[i].DType, argNames[0], ins[0].DType);
            if (ins[i].Shape != ins[0].Shape) throw Errors.Shapes(name, argNames[i], ins[i].Shape, argNames[0], ins[0].Shape);
        }
        return new Aval(ins[0].DType, ins[0].Shape, ins.All(a => a.Weak));
    }

    public static void Expect(string name, Aval[] ins, int arity)
    {
        if (ins.Length != arity)
            throw new ArgumentException($"{name}: takes {arity} operand(s); got {ins.Length}");
    }

    public static void CheckKind(string name, string arg, DType t, Kinds kinds)
    {
        bool ok = kinds switch
        {
            Kinds.Any => true,
            Kinds.Numeric => t != DType.Bool,
            Kinds.Float => t.IsFloat(),
            Kinds.IntegerOrBool => !t.IsFloat(),
            Kinds.Signed => t.IsFloat() || t.IsSignedInteger(),
            _ => false,
        };
        if (!ok) throw Errors.Arg(name, arg, $"'{arg}' has dtype {t.ShortName()}, which {name} does not accept ({kinds} dtypes only)");
    }
}
