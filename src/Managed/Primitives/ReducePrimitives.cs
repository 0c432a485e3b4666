using Axle.Lowering;

namespace Axle;

/// <summary>Reductions over a set of axes: one primitive per monoid, each lowering to <c>stablehlo.reduce</c>.</summary>
internal static partial class Prims
{
    public static readonly Primitive ReduceSum = Reduction("reduce_sum", "stablehlo.add", Kinds.Numeric, (ctx, t) => ctx.Scalar(t, 0))
        .DefLinear(ReduceSumTranspose);
    public static readonly Primitive ReduceProd = Reduction("reduce_prod", "stablehlo.multiply", Kinds.Numeric, (ctx, t) => ctx.Scalar(t, 1))
        .DefJvp(JvpProd.Prod).NonLinear();
    public static readonly Primitive ReduceMax = Reduction("reduce_max", "stablehlo.maximum", Kinds.Any, (ctx, t) => ctx.Extreme(t, max: false))
        .DefExtremeJvp().NonLinear();
    public static readonly Primitive ReduceMin = Reduction("reduce_min", "stablehlo.minimum", Kinds.Any, (ctx, t) => ctx.Extreme(t, max: true))
        .DefExtremeJvp().NonLinear();
    public static readonly Primitive ReduceAnd = Reduction("reduce_and", "stablehlo.and", Kinds.IntegerOrBool, (ctx, t) => ctx.Extreme(t, max: true))
        .DefZeroJvp().NonLinear();
    public static readonly Primitive ReduceOr = Reduction("reduce_or", "stablehlo.or", Kinds.IntegerOrBool, (ctx, t) => ctx.Extreme(t, max: false))
        .DefZeroJvp().NonLinear();

    /// <summary>A reduction primitive with params <c>axes</c> (sorted, distinct, non-negative) and an init value.</summary>
    private static Primitive Reduction(string name, string combiner, Kinds kinds, Func<LoweringContext, DType, Value> init) =>
        new Primitive(name, (ins, p) =>
        {
            Elementwise.Expect(name, ins, 1);
            Elementwise.CheckKind(name, "x", ins[0].DType, kinds);
            int[] axes = p.Get<int[]>("axes");
            var x = ins[0];
            for (int i = 0; i < axes.Length; i++)
                if (axes[i] < 0 || axes[i] >= x.Rank || (i > 0 && axes[i] <= axes[i - 1]))
                    throw Errors.Arg(name, "axis", $"axes [{string.Join(", ", axes)}] must be distinct, sorted and within rank {x.Rank} of {x.Shape}");
            return [x.WithShape(new Shape(Enumerable.Range(0, x.Rank).Where(i => !axes.Contains(i)).Select(i => x.Shape[i])))];
        }, (ctx, xs, p) =>
        {
            DType t = ctx.InAvals[0].DType;
            var start = init(ctx, t);
            var body = ctx.Region([t, t], a => [ctx.Op(combiner, a, LoweringContext.TypeOf(t))]);
            return [ctx.Block.Op("stablehlo.reduce", [xs[0], start], LoweringContext.TypeOf(ctx.OutAvals[0]),
                [new("dimensions", LoweringContext.Dims(p.Get<int[]>("axes")))], [body])];
        })
        .AxesBatching("axes", keepsRank: false);

    /// <summary>reduce_sum's transpose: the cotangent broadcast back over the summed axes.</summary>
    private static Tensor?[] ReduceSumTranspose(Tensor?[] ct, Tensor?[] ins, Aval[] avals, Params p) =>
        [BroadcastInDim.Bind1([ct[0]!], Params.Of(("shape", avals[0].Shape.ToArray()),
            ("broadcast_dimensions", Enumerable.Range(0, avals[0].Rank).Where(d => !p.Get<int[]>("axes").Contains(d)).ToArray())))];
}
