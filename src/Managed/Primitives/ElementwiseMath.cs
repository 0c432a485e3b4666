using Axle.Lowering;

namespace Axle;

/// <summary>
/// More elementwise primitives: the rest of StableHLO's elementwise set, and (below) the JAX
/// lax-level functions StableHLO has no op for, whose lowering is an expansion into StableHLO
/// arithmetic (src/Managed/Lowering/Expansions), like XLA's CHLO decompositions, so every plugin
/// computes the same thing. F16/BF16 expansions compute in F32. Transform rules join each stanza later.
/// </summary>
internal static partial class Prims
{
    // === StableHLO ops ===
    public static readonly Primitive Ceil = Elementwise.Unary("ceil", "stablehlo.ceil", Kinds.Float)
        .DefZeroJvp().NonLinear();
    public static readonly Primitive Round = Elementwise.Unary("round", "stablehlo.round_nearest_even", Kinds.Float)
        .DefZeroJvp().NonLinear();
    public static readonly Primitive Cbrt = Elementwise.Unary("cbrt", "stablehlo.cbrt", Kinds.Float)
        .DefJvpUnary((_, y) => Ops.Divide(1.0, 3.0 * y * y)).NonLinear();
    public static readonly Primitive Tan = Elementwise.Unary("tan", "stablehlo.tan", Kinds.Float)
        .DefJvpUnary((_, y) => 1.0 + y * y).NonLinear();
    public static readonly Primitive Atan2 = Elementwise.Binary("atan2", "stablehlo.atan2", Kinds.Float)
        .DefJvpBinary((x, y, _) => y / (x * x + y * y), (x, y, _) => Ops.Negate(x) / (x * x + y * y)).NonLinear();
    public static readonly Primitive ShiftLeft = Elementwise.Binary("shift_left", "stablehlo.shift_left", Kinds.IntegerOrBool)
        .DefZeroJvp().NonLinear();
    public static readonly Primitive ShiftRightArithmetic =
        Elementwise.Binary("shift_right_arithmetic", "stablehlo.shift_right_arithmetic", Kinds.IntegerOrBool)
        .DefZeroJvp().NonLinear();
    public static readonly Primitive ShiftRightLogical =
        Elementwise.Binary("shift_right_logical", "stablehlo.shift_right_logical", Kinds.IntegerOrBool)
        .DefZeroJvp().NonLinear();

    public static readonly Primitive IsFiniteP = new Primitive("is_finite", (ins, _) =>
    {
        Elementwise.Expect("is_finite", ins, 1);
        Elementwise.CheckKind("is_finite", "x", ins[0].DType, Kinds.Float);
        return [new Aval(DType.Bool, ins[0].Shape)];
    }, (ctx, xs, _) => [ctx.Op("stablehlo.is_finite", xs)]).ElementwiseBatching()
        .DefZeroJvp().NonLinear();

    // === expanded (CHLO-like) ===
    public static readonly Primitive Atan = Expanded("atan", TrigExpansions.Atan)
        .DefJvpUnary((x, _) => Ops.Divide(1.0, 1.0 + x * x)).NonLinear();
    public static readonly Primitive Asin = Expanded("asin", TrigExpansions.Asin)
        .DefJvpUnary((x, _) => Ops.Rsqrt(1.0 - x * x)).NonLinear();
    public static readonly Primitive Acos = Expanded("acos", TrigExpansions.Acos)
        .DefJvpUnary((x, _) => Ops.Negate(Ops.Rsqrt(1.0 - x * x))).NonLinear();
    public static readonly Primitive Sinh = Expanded("sinh", TrigExpansions.Sinh)
        .DefJvpUnary((x, _) => Ops.Cosh(x)).NonLinear();
    public static readonly Primitive Cosh = Expanded("cosh", TrigExpansions.Cosh)
        .DefJvpUnary((x, _) => Ops.Sinh(x)).NonLinear();
    public static readonly Primitive Asinh = Expanded("asinh", TrigExpansions.Asinh)
        .DefJvpUnary((x, _) => Ops.Rsqrt(x * x + 1.0)).NonLinear();
    public static readonly Primitive Acosh = Expanded("acosh", TrigExpansions.Acosh)
        .DefJvpUnary((x, _) => Ops.Rsqrt(x * x - 1.0)).NonLinear();
    public static readonly Primitive Atanh = Expanded("atanh", TrigExpansions.Atanh)
        .DefJvpUnary((x, _) => Ops.Divide(1.0, 1.0 - x * x)).NonLinear();
    public static readonly Primitive Erf = Expanded("erf", ErfExpansions.Erf)
        .DefJvpUnary((x, _) => 2 / Math.Sqrt(Math.PI) * Ops.Exp(Ops.Negate(x * x))).NonLinear();
    public static readonly Primitive Erfc = Expanded("erfc", ErfExpansions.Erfc)
        .DefJvpUnary((x, _) => -2 / Math.Sqrt(Math.PI) * Ops.Exp(Ops.Negate(x * x))).NonLinear();
    public static readonly Primitive ErfInv = Expanded("erf_inv", ErfInvExpansions.ErfInv)
        .DefJvpUnary((_, y) => Math.Sqrt(Math.PI) / 2 * Ops.Exp(y * y)).NonLinear();
    public static readonly Primitive Lgamma = Expanded("lgamma", GammaExpansions.Lgamma)
        .DefJvpUnary((x, _) => Ops.Digamma(x)).NonLinear();
    public static readonly Primitive Digamma = Expanded("digamma", GammaExpansions.Digamma)
        .DefJvpUnary((x, _) => Ops.Polygamma(1, x)).NonLinear();

    /// <summary>A float unary primitive lowered by <paramref name="expand"/> instead of one StableHLO op.</summary>
    private static Primitive Expanded(string name, Func<Emitter, Value, Value> expand) =>
        new Primitive(name, (ins, _) =>
        {
            Elementwise.Expect(name, ins, 1);
            Elementwise.CheckKind(name, "x", ins[0].DType, Kinds.Float);
            return [ins[0]];
        }, (ctx, xs, _) => [Emitter.Lower(ctx, xs[0], expand)]).ElementwiseBatching();
}
