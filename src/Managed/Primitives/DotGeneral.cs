using Axle.Lowering;
using static Axle.Batching;

namespace Axle;

/// <summary>
/// dot_general's dimension numbers: pairs of contracting axes and pairs of batch axes (StableHLO's
/// <c>dot_dimension_numbers</c>).
/// </summary>
internal sealed record DotGeneralParams(Ints LhsContracting, Ints RhsContracting, Ints LhsBatch, Ints RhsBatch) : Params;

/// <summary>dot_general: a contraction with batch dimensions; the result is (batch..., lhs free..., rhs free...).</summary>
internal static partial class Prims
{
    public static readonly Primitive DotGeneral = new Primitive("dot_general", (ins, p) =>
    {
        Elementwise.Expect("dot_general", ins, 2);
        var (a, b) = (ins[0], ins[1]);
        if (a.DType != b.DType) throw Errors.DTypes("dot_general", "y", b.DType, "x", a.DType);
        Elementwise.CheckKind("dot_general", "x", a.DType, Kinds.Numeric);
        var (lc, rc, lb, rb) = (DotGeneralParams)p;
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
        static long[] L(Ints v) => v.Select(d => (long)d).ToArray();
        var q = (DotGeneralParams)p;
        return [ctx.Op("stablehlo.dot_general", xs, ("dot_dimension_numbers", Attr.DotDimensions(
            L(q.LhsBatch), L(q.RhsBatch), L(q.LhsContracting), L(q.RhsContracting))))];
    })
        .DefJvp(self => (xs, ts, p) => ([self.Bind1(xs, p)],
            [Ad.AddTangents(ts[0] is null ? null : self.Bind1([ts[0]!, xs[1]], p), ts[1] is null ? null : self.Bind1([xs[0], ts[1]!], p))]))
        .DefTranspose(DotGeneralTranspose)
        .DefBatch(DotGeneralBatch).Linear();

    // === rules ===

    /// <summary>dot_general is bilinear: each linear operand's cotangent is a dot_general of the cotangent with the other operand.</summary>
    private static Tensor?[] DotGeneralTranspose(Tensor?[] cts, Tensor?[] ins, Aval[] avals, Params p)
    {
        if (ins[0] is null && ins[1] is null) throw Ad.NotLinear("dot_general", "x and y together");
        var ct = cts[0]!;
        var (lc, rc, lb, rb) = Arrays((DotGeneralParams)p);
        if (ins[0] is null) return [TransposeLhs(ct, ins[1]!, avals[0].Rank, lc, rc, lb, rb, swapAns: false), null];
        return [null, TransposeLhs(ct, ins[0]!, avals[1].Rank, rc, lc, rb, lb, swapAns: true)];
    }

    // The cotangent of x in dot_general(x, y) (or of y, with the roles and the result's free axes swapped).
    private static Tensor TransposeLhs(Tensor g, Tensor y, int xRank, int[] xContract, int[] yContract, int[] xBatch, int[] yBatch, bool swapAns)
    {
        int[] xKept = Enumerable.Range(0, xRank).Where(d => !xContract.Contains(d) && !xBatch.Contains(d)).ToArray();
        int[] yKept = Enumerable.Range(0, y.Rank).Where(d => !yContract.Contains(d) && !yBatch.Contains(d)).ToArray();
        int nb = xBatch.Length;
        int[] ansBatch = Enumerable.Range(0, nb).ToArray();
        int[] ansY = swapAns
            ? Enumerable.Range(nb, yKept.Length).ToArray()
            : Enumerable.Range(nb + xKept.Length, yKept.Length).ToArray();
        var r = Prims.DotGeneral.Bind1([g, y], new DotGeneralParams(ansY, yKept, ansBatch, yBatch));
        // r is (batch, x kept, x contracting ordered by y's contracting axes).
        int[] xContractByY = Enumerable.Range(0, yContract.Length).OrderBy(i => yContract[i]).Select(i => xContract[i]).ToArray();
        int[] order = [.. xBatch, .. xKept, .. xContractByY];
        int[] perm = Enumerable.Range(0, order.Length).OrderBy(i => order[i]).ToArray();
        return Ops.Transpose(r, perm);
    }

    /// <summary>
    /// dot_general: a batch axis on both operands becomes a leading dot batch dimension; on one
    /// operand it stays a free dimension of that operand and lands among the result's free dims.
    /// </summary>
    private static (Tensor[], int?[]) DotGeneralBatch(Tensor[] xs, int?[] axes, Params p)
    {
        var dp = (DotGeneralParams)p;
        var (lc, rc, lb, rb) = Arrays(dp);
        var (x, y) = (xs[0], xs[1]);
        if (axes[0] is int a0 && axes[1] is int b0)
        {
            x = MoveAxis(x, a0, 0);
            y = MoveAxis(y, b0, 0);
            var q = new DotGeneralParams(Shift(lc, 0), Shift(rc, 0), Insert(Shift(lb, 0), 0, 0), Insert(Shift(rb, 0), 0, 0));
            return ([Prims.DotGeneral.Bind1([x, y], q)], [0]);
        }
        if (axes[0] is int a)
        {
            int[] lc2 = Shift(lc, a), lb2 = Shift(lb, a);
            int before = Enumerable.Range(0, a).Count(d => !lc2.Contains(d) && !lb2.Contains(d));
            var q = dp with { LhsContracting = lc2, LhsBatch = lb2 };
            return ([Prims.DotGeneral.Bind1([x, y], q)], [lb.Length + before]);
        }
        int b = axes[1]!.Value;
        int[] rc2 = Shift(rc, b), rb2 = Shift(rb, b);
        int lhsFree = x.Rank - lc.Length - lb.Length;
        int beforeR = Enumerable.Range(0, b).Count(d => !rc2.Contains(d) && !rb2.Contains(d));
        var qr = dp with { RhsContracting = rc2, RhsBatch = rb2 };
        return ([Prims.DotGeneral.Bind1([x, y], qr)], [lb.Length + lhsFree + beforeR]);
    }

    private static (int[] Lc, int[] Rc, int[] Lb, int[] Rb) Arrays(DotGeneralParams p) =>
        (p.LhsContracting.ToArray(), p.RhsContracting.ToArray(), p.LhsBatch.ToArray(), p.RhsBatch.ToArray());
}
