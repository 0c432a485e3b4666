using Axle.Lowering;

namespace Axle;

/// <summary>
/// More elementwise primitives: the rest of StableHLO's elementwise set, and (below) the JAX
/// lax-level functions StableHLO has no op for, whose lowering is an expansion into StableHLO
/// arithmetic (src/Managed/Expansions), like XLA's CHLO decompositions, so every plugin
/// computes the same thing. F16/BF16 expansions compute in F32.
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

// The public ops of the primitives above that are one bind (after promotion), kept beside their
// stanzas so a new elementwise primitive is one file; ops that compose several live in Ops/.
public static partial class Ops
{
    /// <summary>Elementwise cube root (real: <c>Cbrt(-8) = -2</c>).</summary>
    public static Tensor Cbrt(Tensor x) => FloatUnary(Prims.Cbrt, x);

    /// <summary>Elementwise tangent.</summary>
    public static Tensor Tan(Tensor x) => FloatUnary(Prims.Tan, x);

    /// <summary>Elementwise arctangent.</summary>
    public static Tensor Atan(Tensor x) => FloatUnary(Prims.Atan, x);

    /// <summary>Elementwise arcsine (NaN outside [-1, 1]).</summary>
    public static Tensor Asin(Tensor x) => FloatUnary(Prims.Asin, x);

    /// <summary>Elementwise arccosine (NaN outside [-1, 1]).</summary>
    public static Tensor Acos(Tensor x) => FloatUnary(Prims.Acos, x);

    /// <summary>Elementwise hyperbolic sine.</summary>
    public static Tensor Sinh(Tensor x) => FloatUnary(Prims.Sinh, x);

    /// <summary>Elementwise hyperbolic cosine.</summary>
    public static Tensor Cosh(Tensor x) => FloatUnary(Prims.Cosh, x);

    /// <summary>Elementwise inverse hyperbolic sine.</summary>
    public static Tensor Asinh(Tensor x) => FloatUnary(Prims.Asinh, x);

    /// <summary>Elementwise inverse hyperbolic cosine (NaN below 1).</summary>
    public static Tensor Acosh(Tensor x) => FloatUnary(Prims.Acosh, x);

    /// <summary>Elementwise inverse hyperbolic tangent (±inf at ±1, NaN beyond).</summary>
    public static Tensor Atanh(Tensor x) => FloatUnary(Prims.Atanh, x);

    /// <summary>Elementwise error function <c>2/√π ∫₀ˣ e^(-t²) dt</c>.</summary>
    public static Tensor Erf(Tensor x) => FloatUnary(Prims.Erf, x);

    /// <summary>Elementwise complementary error function <c>1 - erf(x)</c>, accurate where erf is near 1.</summary>
    public static Tensor Erfc(Tensor x) => FloatUnary(Prims.Erfc, x);

    /// <summary>Elementwise inverse error function on (-1, 1); ±inf at ±1, NaN outside.</summary>
    public static Tensor ErfInv(Tensor x) => FloatUnary(Prims.ErfInv, x);

    /// <summary>Elementwise <c>log |Γ(x)|</c> (+inf at the poles 0, -1, -2, ...).</summary>
    public static Tensor Lgamma(Tensor x) => FloatUnary(Prims.Lgamma, x);

    /// <summary>Elementwise digamma <c>ψ(x) = Γ'(x) / Γ(x)</c> (NaN at the poles 0, -1, -2, ...).</summary>
    public static Tensor Digamma(Tensor x) => FloatUnary(Prims.Digamma, x);
}
