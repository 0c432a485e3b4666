using Axle.Lowering;

namespace Axle;

/// <summary>convert_element_type: the result dtype, and whether the result is weakly typed (a converted literal).</summary>
internal sealed record ConvertElementTypeParams(DType NewDtype, bool WeakType) : Params;

/// <summary>
/// Elementwise primitives, one stanza each: the primitive under its JAX <c>lax</c> name
/// (<c>"exp"</c> is <c>lax.exp_p</c>) with the StableHLO spec op it lowers to
/// (<c>stablehlo.exponential</c>) and its accepted dtypes, which give its shape rule, lowering and
/// batching rule; then its jvp (and transpose) rule; then its linearity. Its public op sits in the
/// <c>Ops</c> part at the end of this file, so a new elementwise primitive touches this file only.
/// </summary>
internal static partial class Prims
{
    // === unary ===
    public static readonly Primitive Neg = Elementwise.Unary("neg", "stablehlo.negate", Kinds.Signed)
        .DefLinear((ct, _, _, _) => [Ops.Negate(ct[0]!)]);
    public static readonly Primitive Sign = Elementwise.Unary("sign", "stablehlo.sign", Kinds.Signed)
        .DefZeroJvp().NonLinear();
    public static readonly Primitive Abs = Elementwise.Unary("abs", "stablehlo.abs", Kinds.Signed)
        .DefJvpUnary((x, _) => Sign.Bind1([x])).NonLinear();
    public static readonly Primitive Floor = Elementwise.Unary("floor", "stablehlo.floor", Kinds.Float)
        .DefZeroJvp().NonLinear();
    public static readonly Primitive Exp = Elementwise.Unary("exp", "stablehlo.exponential", Kinds.Float)
        .DefJvpUnary((_, y) => y).NonLinear();
    public static readonly Primitive Log = Elementwise.Unary("log", "stablehlo.log", Kinds.Float)
        .DefJvpUnary((x, _) => Ops.Divide(1.0, x)).NonLinear();
    public static readonly Primitive Tanh = Elementwise.Unary("tanh", "stablehlo.tanh", Kinds.Float)
        .DefJvpUnary((_, y) => 1.0 - y * y).NonLinear();
    public static readonly Primitive Sin = Elementwise.Unary("sin", "stablehlo.sine", Kinds.Float)
        .DefJvpUnary((x, _) => Ops.Cos(x)).NonLinear();
    public static readonly Primitive Cos = Elementwise.Unary("cos", "stablehlo.cosine", Kinds.Float)
        .DefJvpUnary((x, _) => Ops.Negate(Sin.Bind1([x]))).NonLinear();
    public static readonly Primitive Sqrt = Elementwise.Unary("sqrt", "stablehlo.sqrt", Kinds.Float)
        .DefJvpUnary((_, y) => Ops.Divide(0.5, y)).NonLinear();
    public static readonly Primitive Rsqrt = Elementwise.Unary("rsqrt", "stablehlo.rsqrt", Kinds.Float)
        .DefJvpUnary((x, y) => -0.5 * y / x).NonLinear();
    public static readonly Primitive Logistic = Elementwise.Unary("logistic", "stablehlo.logistic", Kinds.Float)
        .DefJvpUnary((_, y) => y * (1.0 - y)).NonLinear();
    public static readonly Primitive Log1p = Elementwise.Unary("log1p", "stablehlo.log_plus_one", Kinds.Float)
        .DefJvpUnary((x, _) => Ops.Divide(1.0, 1.0 + x)).NonLinear();
    public static readonly Primitive Expm1 = Elementwise.Unary("expm1", "stablehlo.exponential_minus_one", Kinds.Float)
        .DefJvpUnary((_, y) => y + 1.0).NonLinear();
    public static readonly Primitive Not = Elementwise.Unary("not", "stablehlo.not", Kinds.IntegerOrBool)
        .DefZeroJvp().NonLinear();

    // === binary ===
    public static readonly Primitive Add = Elementwise.Binary("add", "stablehlo.add")
        .DefJvp(self => (xs, ts, p) => ([self.Bind1(xs, p)], [Ad.AddTangents(ts[0], ts[1])]))
        .DefTranspose((ct, ins, _, _) => [ins[0] is null ? ct[0] : null, ins[1] is null ? ct[0] : null]).Linear();
    public static readonly Primitive Sub = Elementwise.Binary("sub", "stablehlo.subtract")
        .DefJvp(self => (xs, ts, p) => ([self.Bind1(xs, p)], [ts[1] is null ? ts[0] : ts[0] is null ? Neg.Bind1([ts[1]!]) : self.Bind1([ts[0]!, ts[1]!])]))
        .DefTranspose((ct, ins, _, _) => [ins[0] is null ? ct[0] : null, ins[1] is null ? Neg.Bind1([ct[0]!]) : null]).Linear();
    public static readonly Primitive Mul = Elementwise.Binary("mul", "stablehlo.multiply")
        .DefJvpBinary((_, y, _) => y, (x, _, _) => x)
        .DefTranspose(self => (ct, ins, _, _) => ins[0] is null && ins[1] is null ? throw Ad.NotLinear("mul", "x and y together")
            : [ins[0] is null ? self.Bind1([ct[0]!, ins[1]!]) : null, ins[1] is null ? self.Bind1([ins[0]!, ct[0]!]) : null]).Linear();
    public static readonly Primitive Div = Elementwise.Binary("div", "stablehlo.divide")
        .DefJvpBinary((_, y, _) => Ops.Divide(1.0, y), (_, y, z) => Ops.Negate(z / y))
        .DefTranspose(self => (ct, ins, _, _) => ins[1] is null ? throw Ad.NotLinear("div", "y") : [self.Bind1([ct[0]!, ins[1]!]), null]).Linear();
    public static readonly Primitive Rem = Elementwise.Binary("rem", "stablehlo.remainder")
        .DefJvpBinary((_, _, _) => 1.0, (x, y, _) => { var q = x / y; return Ops.Negate(Sign.Bind1([q]) * Floor.Bind1([Abs.Bind1([q])])); }).NonLinear();
    public static readonly Primitive Max = Elementwise.Binary("max", "stablehlo.maximum", Kinds.Any)
        .DefJvpBinary((x, y, z) => Ad.Balanced(x, y, z), (x, y, z) => Ad.Balanced(y, x, z)).NonLinear();
    public static readonly Primitive Min = Elementwise.Binary("min", "stablehlo.minimum", Kinds.Any)
        .DefJvpBinary((x, y, z) => Ad.Balanced(x, y, z), (x, y, z) => Ad.Balanced(y, x, z)).NonLinear();
    public static readonly Primitive Pow = Elementwise.Binary("pow", "stablehlo.power")
        .DefJvpBinary((x, y, _) => Ops.Where(y.Equal(0.0), 0.0, y * Ops.Power(x, y - 1.0)),
            (x, _, z) => Ops.Where(x.Equal(0.0), 0.0, Log.Bind1([Ops.Where(x.Equal(0.0), 1.0, x)]) * z)).NonLinear();
    public static readonly Primitive And = Elementwise.Binary("and", "stablehlo.and", Kinds.IntegerOrBool)
        .DefZeroJvp().NonLinear();
    public static readonly Primitive Or = Elementwise.Binary("or", "stablehlo.or", Kinds.IntegerOrBool)
        .DefZeroJvp().NonLinear();
    public static readonly Primitive Xor = Elementwise.Binary("xor", "stablehlo.xor", Kinds.IntegerOrBool)
        .DefZeroJvp().NonLinear();

    // === comparisons (Bool results) ===
    public static readonly Primitive Eq = Elementwise.Compare("eq", "EQ")
        .DefZeroJvp().NonLinear();
    public static readonly Primitive Ne = Elementwise.Compare("ne", "NE")
        .DefZeroJvp().NonLinear();
    public static readonly Primitive Lt = Elementwise.Compare("lt", "LT")
        .DefZeroJvp().NonLinear();
    public static readonly Primitive Le = Elementwise.Compare("le", "LE")
        .DefZeroJvp().NonLinear();
    public static readonly Primitive Gt = Elementwise.Compare("gt", "GT")
        .DefZeroJvp().NonLinear();
    public static readonly Primitive Ge = Elementwise.Compare("ge", "GE")
        .DefZeroJvp().NonLinear();

    // === select_n(pred, onFalse, onTrue): JAX's operand order ===
    public static readonly Primitive Select = new Primitive("select_n", (ins, _) =>
    {
        Elementwise.Expect("select_n", ins, 3);
        if (ins[0].DType != DType.Bool)
            throw Errors.Arg("select_n", "pred", $"'pred' must be bool; got {ins[0].DType.ShortName()}");
        if (ins[0].Shape != ins[1].Shape)
            throw Errors.Shapes("select_n", "pred", ins[0].Shape, "onFalse", ins[1].Shape);
        return [Elementwise.SameAval("select_n", ins[1..], Kinds.Any)];
    }, (ctx, xs, _) => [ctx.Op("stablehlo.select", [xs[0], xs[2], xs[1]])]).ElementwiseBatching()
        .DefJvp(self => (xs, ts, p) => ([self.Bind1(xs, p)], [self.Bind1([xs[0], ts[1] ?? Ad.ZerosLike(xs[1]), ts[2] ?? Ad.ZerosLike(xs[2])], p)]))
        .DefTranspose(self => (ct, ins, avals, p) => ins[0] is null ? throw Ad.NotLinear("select_n", "pred") : [null,
            Ad.IfLinear(ins, 1, () => self.Bind1([ins[0]!, ct[0]!, Ad.Zeros(avals[1])], p)),
            Ad.IfLinear(ins, 2, () => self.Bind1([ins[0]!, Ad.Zeros(avals[2]), ct[0]!], p))]).Linear();

    // === convert_element_type[new_dtype, weak_type] (ConvertElementTypeParams) ===
    public static readonly Primitive ConvertElementType = new Primitive("convert_element_type", (ins, p) =>
    {
        Elementwise.Expect("convert_element_type", ins, 1);
        var q = (ConvertElementTypeParams)p;
        return [new Aval(q.NewDtype, ins[0].Shape, q.WeakType)];
    }, (ctx, xs, _) =>
    {
        DType from = ctx.InAvals[0].DType, to = ctx.OutAvals[0].DType;
        if (from == to) return [xs[0]];
        if (to != DType.Bool || from == DType.Bool) return [ctx.Op("stablehlo.convert", xs)];
        // To bool means "non-zero" (numpy); spelled as a comparison so every plugin agrees.
        var zero = ctx.Scalar(from, 0);
        var zeros = ctx.Op("stablehlo.broadcast_in_dim", [zero], LoweringContext.TypeOf(ctx.InAvals[0]),
            ("broadcast_dimensions", Attr.I64Array()));
        string type = from.IsFloat() ? "FLOAT" : from.IsSignedInteger() ? "SIGNED" : "UNSIGNED";
        return [ctx.Op("stablehlo.compare", [xs[0], zeros],
            ("comparison_direction", Attr.Enum("comparison_direction", "NE")),
            ("compare_type", Attr.Enum("comparison_type", type)))];
    }).ElementwiseBatching()
        .DefJvp(self => (xs, ts, p) => ([self.Bind1(xs, p)],
            [xs[0].DType.IsFloat() && ((ConvertElementTypeParams)p).NewDtype.IsFloat()
                ? self.Bind1([ts[0]!], (ConvertElementTypeParams)p with { WeakType = false }) : null]))
        .DefTranspose((ct, _, avals, _) => [Ops.ConvertElementType(ct[0]!, avals[0].DType, weak: false)]).Linear();
}

// The public ops of the primitives above that are one bind (after promotion), kept beside their
// stanzas so a new elementwise primitive is one file; ops that compose several live in Ops/.
public static partial class Ops
{
    /// <summary>Elementwise <c>e^x</c>.</summary>
    public static Tensor Exp(Tensor x) => FloatUnary(Prims.Exp, x);

    /// <summary>Elementwise natural logarithm.</summary>
    public static Tensor Log(Tensor x) => FloatUnary(Prims.Log, x);

    /// <summary>Elementwise hyperbolic tangent.</summary>
    public static Tensor Tanh(Tensor x) => FloatUnary(Prims.Tanh, x);

    /// <summary>Elementwise sine.</summary>
    public static Tensor Sin(Tensor x) => FloatUnary(Prims.Sin, x);

    /// <summary>Elementwise cosine.</summary>
    public static Tensor Cos(Tensor x) => FloatUnary(Prims.Cos, x);

    /// <summary>Elementwise square root.</summary>
    public static Tensor Sqrt(Tensor x) => FloatUnary(Prims.Sqrt, x);

    /// <summary>Elementwise <c>1 / sqrt(x)</c>.</summary>
    public static Tensor Rsqrt(Tensor x) => FloatUnary(Prims.Rsqrt, x);

    /// <summary>Elementwise logistic sigmoid <c>1 / (1 + e^-x)</c> (StableHLO <c>logistic</c>).</summary>
    public static Tensor Sigmoid(Tensor x) => FloatUnary(Prims.Logistic, x);

    /// <summary>Elementwise <c>log(1 + x)</c>, accurate near 0.</summary>
    public static Tensor Log1p(Tensor x) => FloatUnary(Prims.Log1p, x);

    /// <summary>Elementwise <c>e^x - 1</c>, accurate near 0.</summary>
    public static Tensor Expm1(Tensor x) => FloatUnary(Prims.Expm1, x);
}
