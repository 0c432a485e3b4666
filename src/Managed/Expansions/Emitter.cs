using Axle.Lowering;

namespace Axle;

/// <summary>
/// Emits elementwise StableHLO arithmetic over one tensor type, for primitives whose lowering is
/// an expansion (functions StableHLO lacks, like XLA's CHLO decompositions). Constants are splats
/// of the full operand type, so every op sees equal shapes and no broadcast is needed.
/// </summary>
internal sealed class Emitter
{
    private readonly LoweringContext _ctx;

    public Emitter(LoweringContext ctx, DType dtype, long[] dims)
    {
        _ctx = ctx;
        DType = dtype;
        Type = LoweringContext.TypeOf(dtype, dims);
        PredType = LoweringContext.TypeOf(DType.Bool, dims);
    }

    /// <summary>The element type every value of this emitter has (predicates aside).</summary>
    public DType DType { get; }

    public TensorType Type { get; }

    public TensorType PredType { get; }

    /// <summary>Runs <paramref name="expand"/> on <paramref name="x"/>, computing in F32 for F16/BF16 (as XLA upcasts).</summary>
    public static Value Lower(LoweringContext ctx, Value x, Func<Emitter, Value, Value> expand)
    {
        var aval = ctx.InAvals[0];
        long[] dims = aval.Shape.ToLongs();
        if (aval.DType is DType.F32 or DType.F64) return expand(new Emitter(ctx, aval.DType, dims), x);
        var e = new Emitter(ctx, DType.F32, dims);
        var wide = ctx.Op("stablehlo.convert", [x], e.Type);
        return ctx.Op("stablehlo.convert", [expand(e, wide)], LoweringContext.TypeOf(aval));
    }

    /// <summary>A splat constant of <see cref="Type"/> (rounded to the element type).</summary>
    public Value C(double value) =>
        _ctx.Block.Op("stablehlo.constant", [], Type, [new("value", Attr.Splat(Type, HostData.FromDouble(DType, value)))]);

    public Value Add(Value a, Value b) => Op("stablehlo.add", a, b);

    public Value Sub(Value a, Value b) => Op("stablehlo.subtract", a, b);

    public Value Mul(Value a, Value b) => Op("stablehlo.multiply", a, b);

    public Value Div(Value a, Value b) => Op("stablehlo.divide", a, b);

    public Value Max(Value a, Value b) => Op("stablehlo.maximum", a, b);

    public Value Min(Value a, Value b) => Op("stablehlo.minimum", a, b);

    public Value Atan2(Value a, Value b) => Op("stablehlo.atan2", a, b);

    public Value Neg(Value a) => Op("stablehlo.negate", a);

    public Value Abs(Value a) => Op("stablehlo.abs", a);

    public Value Exp(Value a) => Op("stablehlo.exponential", a);

    public Value Expm1(Value a) => Op("stablehlo.exponential_minus_one", a);

    public Value Log(Value a) => Op("stablehlo.log", a);

    public Value Log1p(Value a) => Op("stablehlo.log_plus_one", a);

    public Value Sqrt(Value a) => Op("stablehlo.sqrt", a);

    public Value Floor(Value a) => Op("stablehlo.floor", a);

    public Value Sin(Value a) => Op("stablehlo.sine", a);

    public Value Cos(Value a) => Op("stablehlo.cosine", a);

    public Value Sign(Value a) => Op("stablehlo.sign", a);

    /// <summary><c>pred ? onTrue : onFalse</c>.</summary>
    public Value Select(Value pred, Value onTrue, Value onFalse) =>
        _ctx.Block.Op("stablehlo.select", [pred, onTrue, onFalse], Type, []);

    /// <summary>A float comparison; <paramref name="direction"/> is EQ, NE, LT, LE, GT or GE.</summary>
    public Value Cmp(Value a, string direction, Value b) =>
        _ctx.Block.Op("stablehlo.compare", [a, b], PredType,
        [
            new("comparison_direction", Attr.Enum("comparison_direction", direction)),
            new("compare_type", Attr.Enum("comparison_type", "FLOAT")),
        ]);

    public Value And(Value p, Value q) => _ctx.Block.Op("stablehlo.and", [p, q], PredType, []);

    public Value Or(Value p, Value q) => _ctx.Block.Op("stablehlo.or", [p, q], PredType, []);

    /// <summary>True where <paramref name="a"/> is ±inf (NaN is not infinite).</summary>
    public Value IsInf(Value a) => Cmp(Abs(a), "EQ", C(double.PositiveInfinity));

    /// <summary>Horner's rule, highest coefficient first: <c>p = c0; p = p * x + c_i</c>.</summary>
    public Value Poly(Value x, IReadOnlyList<double> coefficients)
    {
        Value p = C(coefficients[0]);
        for (int i = 1; i < coefficients.Count; i++) p = Add(Mul(p, x), C(coefficients[i]));
        return p;
    }

    private Value Op(string name, params Value[] operands) => _ctx.Block.Op(name, operands, Type, []);
}
