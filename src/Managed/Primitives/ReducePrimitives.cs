using Axle.Lowering;

namespace Axle;

/// <summary>reduce_*: the axes reduced (sorted, distinct, non-negative); shared by every reduction.</summary>
internal sealed record ReduceParams(Ints Axes) : Params;

/// <summary>Reductions over a set of axes: one primitive per monoid, each lowering to <c>stablehlo.reduce</c>.</summary>
internal static partial class Prims
{
    // reduce_*[axes]: every reduction takes the same params, so a rule may reuse one reduction's
    // params for another (reduce_max's jvp sums over the same axes).

    public static readonly Primitive ReduceSum = Reduction("reduce_sum", "stablehlo.add", Kinds.Numeric, (ctx, t) => ctx.Scalar(t, 0))
        .DefLinear(ReduceSumTranspose);
    public static readonly Primitive ReduceProd = Reduction("reduce_prod", "stablehlo.multiply", Kinds.Numeric, (ctx, t) => ctx.Scalar(t, 1))
        .DefJvp(ReduceProdJvp).NonLinear();
    public static readonly Primitive ReduceMax = Reduction("reduce_max", "stablehlo.maximum", Kinds.Any, (ctx, t) => ctx.Extreme(t, max: false))
        .DefExtremeJvp().NonLinear();
    public static readonly Primitive ReduceMin = Reduction("reduce_min", "stablehlo.minimum", Kinds.Any, (ctx, t) => ctx.Extreme(t, max: true))
        .DefExtremeJvp().NonLinear();
    public static readonly Primitive ReduceAnd = Reduction("reduce_and", "stablehlo.and", Kinds.IntegerOrBool, (ctx, t) => ctx.Extreme(t, max: true))
        .DefZeroJvp().NonLinear();
    public static readonly Primitive ReduceOr = Reduction("reduce_or", "stablehlo.or", Kinds.IntegerOrBool, (ctx, t) => ctx.Extreme(t, max: false))
        .DefZeroJvp().NonLinear();

    /// <summary>A reduction primitive with <see cref="ReduceParams"/> and an init value.</summary>
    private static Primitive Reduction(string name, string combiner, Kinds kinds, Func<LoweringContext, DType, Value> init) =>
        new Primitive(name, (ins, p) =>
        {
            Elementwise.Expect(name, ins, 1);
            Elementwise.CheckKind(name, "x", ins[0].DType, kinds);
            int[] axes = ((ReduceParams)p).Axes.ToArray();
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
                [new("dimensions", LoweringContext.Dims(((ReduceParams)p).Axes))], [body])];
        })
        .AxesBatching("axes", keepsRank: false);

    /// <summary>reduce_sum's transpose: the cotangent broadcast back over the summed axes.</summary>
    private static Tensor?[] ReduceSumTranspose(Tensor?[] ct, Tensor?[] ins, Aval[] avals, Params p) =>
        [BroadcastInDim.Bind1([ct[0]!], new BroadcastInDimParams(avals[0].Shape.ToArray(),
            Enumerable.Range(0, avals[0].Rank).Where(d => !((ReduceParams)p).Axes.Contains(d)).ToArray()))];

    // === rules ===
    // The jvp of <c>reduce_prod</c> that stays exact where factors are zero (JAX's approach): the
    // reduced axes are flattened into one leading axis, and the product is taken as a balanced tree
    // of pairwise products, each step applying the product rule <c>d(ab) = da·b + a·db</c>. No
    // division, so a zero factor gives the product of the others, as it should.

    /// <summary>reduce_max / reduce_min: the tangent averaged over the positions that attain the extreme (JAX's rule).</summary>
    private static Primitive DefExtremeJvp(this Primitive prim) => prim.DefJvp((xs, ts, p) =>
    {
        var x = xs[0];
        var y = prim.Bind1(xs, p);
        int[] axes = ((ReduceParams)p).Axes.ToArray();
        var kept = Enumerable.Range(0, x.Rank).Where(d => !axes.Contains(d)).ToArray();
        var yb = Prims.BroadcastInDim.Bind1([y], new BroadcastInDimParams(x.Shape.ToArray(), kept));
        var at = Ops.ConvertElementType(Prims.Eq.Bind1([x, yb]), x.DType, weak: false);
        var count = Prims.ReduceSum.Bind1([at], p);
        var picked = Prims.ReduceSum.Bind1([Prims.Mul.Bind1([ts[0]!, at])], p);
        return ([y], [Prims.Div.Bind1([picked, count])]);
    });

    private static (Tensor[] Primals, Tensor?[] Tangents) ReduceProdJvp(Tensor[] xs, Tensor?[] ts, Params p)
    {
        var y = Prims.ReduceProd.Bind1(xs, p);
        if (ts[0] is not Tensor t) return ([y], [null]);
        var x = xs[0];
        int[] axes = ((ReduceParams)p).Axes.ToArray();
        int[] kept = Enumerable.Range(0, x.Rank).Where(d => !axes.Contains(d)).ToArray();
        int[] rest = kept.Select(d => (int)x.Shape[d]).ToArray();
        int count = axes.Aggregate(1, (a, d) => a * x.Shape[d]);
        if (count == 0) return ([y], [Ad.Zeros(y.Aval)]);

        int[] perm = [.. axes, .. kept];
        int[] flat = [count, .. rest];
        var (a, da) = (Ops.Reshape(Ops.Transpose(x, perm), flat), Ops.Reshape(Ops.Transpose(t, perm), flat));
        while (count > 1)
        {
            if (count % 2 == 1)
            {
                // An odd factor out pairs with the identity (tangent zero).
                int[] one = [1, .. rest];
                a = Ops.Concatenate([a, Ops.Ones(one, x.DType)], 0);
                da = Ops.Concatenate([da, Ops.Zeros(one, x.DType)], 0);
                count++;
            }
            int half = count / 2;
            var (lo, hi) = (Half(a, 0, half), Half(a, half, count));
            var (dlo, dhi) = (Half(da, 0, half), Half(da, half, count));
            da = Ops.Add(Ops.Multiply(dlo, hi), Ops.Multiply(lo, dhi));
            a = Ops.Multiply(lo, hi);
            count = half;
        }
        return ([y], [Ops.Reshape(da, rest)]);
    }

    private static Tensor Half(Tensor x, int from, int to)
    {
        var start = new int[x.Rank];
        var limit = x.Shape.ToArray();
        (start[0], limit[0]) = (from, to);
        return Ops.Slice(x, start, limit, Enumerable.Repeat(1, x.Rank).ToArray());
    }
}
