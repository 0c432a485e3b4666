using Axle.Lowering;

namespace Axle;

/// <summary>Shape primitives that move elements around without reading indices: pad and rev.</summary>
internal static partial class Prims
{
    // pad[low, high, interior](x, value): `interior` copies of `value` between neighbours, `low`/`high`
    // at the edges (negative edges crop, as in StableHLO).
    public static readonly Primitive Pad = new Primitive("pad", (ins, p) =>
    {
        Elementwise.Expect("pad", ins, 2);
        var (x, v) = (ins[0], ins[1]);
        if (v.Rank != 0) throw Errors.Arg("pad", "value", $"the padding value must be a scalar; got shape {v.Shape}");
        if (v.DType != x.DType) throw Errors.DTypes("pad", "value", v.DType, "x", x.DType);
        var (lo, hi, interior) = (PadParams)p;
        if (lo.Length != x.Rank || hi.Length != x.Rank || interior.Length != x.Rank)
            throw Errors.Arg("pad", "padWidth", $"needs {x.Rank} (low, high) pairs for shape {x.Shape}; got {lo.Length}");
        var dims = new int[x.Rank];
        for (int i = 0; i < x.Rank; i++)
        {
            int n = x.Shape[i];
            if (interior[i] < 0) throw Errors.Arg("pad", "interior", $"interior padding must be non-negative; got {interior[i]} on axis {i}");
            dims[i] = lo[i] + hi[i] + n + Math.Max(n - 1, 0) * interior[i];
            if (dims[i] < 0)
                throw Errors.Arg("pad", "padWidth", $"padding ({lo[i]}, {hi[i]}) crops axis {i} of {x.Shape} below zero");
        }
        return [x.WithShape(new Shape(dims))];
    }, (ctx, xs, p) => [ctx.Op("stablehlo.pad", xs,
        ("edge_padding_low", LoweringContext.Dims(((PadParams)p).Low)),
        ("edge_padding_high", LoweringContext.Dims(((PadParams)p).High)),
        ("interior_padding", LoweringContext.Dims(((PadParams)p).Interior)))])
        .DefLinear(PadTranspose)
        .DefBatch(PadBatch);

    // rev[dimensions]: reverses the order of elements along each listed axis.
    public static readonly Primitive Rev = new Primitive("rev", (ins, p) =>
    {
        Elementwise.Expect("rev", ins, 1);
        int[] dims = ((RevParams)p).Dimensions.ToArray();
        var x = ins[0];
        if (dims.Any(d => d < 0 || d >= x.Rank) || dims.Distinct().Count() != dims.Length)
            throw Errors.Arg("rev", "axis", $"axes [{string.Join(", ", dims)}] must be distinct and within rank {x.Rank} of {x.Shape}");
        return [x];
    }, (ctx, xs, p) => [ctx.Op("stablehlo.reverse", xs, ("dimensions", LoweringContext.Dims(((RevParams)p).Dimensions)))])
        .DefLinear(self => (ct, _, _, p) => [self.Bind1([ct[0]!], p)])
        .AxesBatching("dimensions", keepsRank: true);
}
