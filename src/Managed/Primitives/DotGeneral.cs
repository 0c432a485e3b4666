using Axle.Lowering;

namespace Axle;

/// <summary>dot_general: a contraction with batch dimensions; the result is (batch..., lhs free..., rhs free...).</summary>
internal static partial class Prims
{
    public static readonly Primitive DotGeneral = new Primitive("dot_general", (ins, p) =>
    {
        Elementwise.Expect("dot_general", ins, 2);
        var (a, b) = (ins[0], ins[1]);
        if (a.DType != b.DType) throw Errors.DTypes("dot_general", "y", b.DType, "x", a.DType);
        Elementwise.CheckKind("dot_general", "x", a.DType, Kinds.Numeric);
        int[] lc = p.Get<int[]>("lhs_contracting"), rc = p.Get<int[]>("rhs_contracting");
        int[] lb = p.Get<int[]>("lhs_batch"), rb = p.Get<int[]>("rhs_batch");
        if (lc.Length != rc.Length || lb.Length != rb.Length)
            throw new ArgumentException("dot_general: contracting and batch dimension lists must pair up");
        for (int i = 0; i < lc.Length; i++)
            if (a.Shape[lc[i]] != b.Shape[rc[i]])
                throw Errors.Shapes("dot_general", "y", b.Shape, "x", a.Shape, $"contracting dimensions differ ({a.Shape[lc[i]]} vs {b.Shape[rc[i]]})");
        for (int i = 0; i < lb.Length; i++)
            if (a.Shape[lb[i]] != b.Shape[rb[i]])
                throw Errors.Shapes("dot_general", "y", b.Shape, "x", a.Shape, "batch dimensions differ");
        var dims = lb.Select(d => a.Shape[d])
            .Concat(Enumerable.Range(0, a.Rank).Where(d => !lc.Contains(d) && !lb.Contains(d)).Select(d => a.Shape[d]))
            .Concat(Enumerable.Range(0, b.Rank).Where(d => !rc.Contains(d) && !rb.Contains(d)).Select(d => b.Shape[d]));
        return [new Aval(a.DType, new Shape(dims), a.Weak && b.Weak)];
    }, (ctx, xs, p) =>
    {
        static long[] L(int[] v) => v.Select(d => (long)d).ToArray();
        return [ctx.Op("stablehlo.dot_general", xs, ("dot_dimension_numbers", Attr.DotDimensions(
            L(p.Get<int[]>("lhs_batch")), L(p.Get<int[]>("rhs_batch")),
            L(p.Get<int[]>("lhs_contracting")), L(p.Get<int[]>("rhs_contracting")))))];
    })
        .DefJvp(self => (xs, ts, p) => ([self.Bind1(xs, p)],
            [Ad.AddTangents(ts[0] is null ? null : self.Bind1([ts[0]!, xs[1]], p), ts[1] is null ? null : self.Bind1([xs[0], ts[1]!], p))]))
        .DefTranspose(TransposeRules.DotGeneral)
        .DefBatch(Batching.DotGeneral).Linear();
}
