namespace Axle;

/// <summary>
/// The longer derivative rules of structural primitives (the stanzas register them by name):
/// transposes of shape primitives and of <c>dot_general</c>, and the jvps of reductions and
/// sort. In a transpose rule a null input is a linear operand (JAX's undefined primal).
/// </summary>
internal static class TransposeRules
{
    // === shape ===

    /// <summary>broadcast_in_dim: sum over the added and the stretched axes.</summary>
    public static Tensor?[] BroadcastInDim(Tensor?[] cts, Tensor?[] ins, Aval[] avals, Params p)
    {
        var x = avals[0];
        int[] dims = p.Get<int[]>("broadcast_dimensions"), shape = p.Get<int[]>("shape");
        var sum = Enumerable.Range(0, shape.Length)
            .Where(d => Array.IndexOf(dims, d) is int i && (i < 0 || (x.Shape[i] == 1 && shape[d] != 1)))
            .ToArray();
        var ct = cts[0]!;
        if (sum.Length > 0) ct = Prims.ReduceSum.Bind1([ct], Params.Of(("axes", sum)));
        return [Ops.Reshape(ct, x.Shape.ToArray())];
    }

    /// <summary>slice: the cotangent padded back into place with zeros (strides become interior padding).</summary>
    public static Tensor?[] Slice(Tensor?[] cts, Tensor?[] ins, Aval[] avals, Params p)
    {
        var ct = cts[0]!;
        int[] start = p.Get<int[]>("start_indices"), strides = p.Get<int[]>("strides");
        int rank = start.Length;
        var lo = new int[rank];
        var hi = new int[rank];
        var interior = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int n = avals[0].Shape[i], m = ct.Shape[i];
            lo[i] = start[i];
            interior[i] = strides[i] - 1;
            hi[i] = m == 0 ? n - start[i] : n - start[i] - (m - 1) * strides[i] - 1;
        }
        return [Prims.Pad.Bind1([ct, Ad.Scalar(0, ct)], Params.Of(("low", lo), ("high", hi), ("interior", interior)))];
    }

    /// <summary>pad: unpad with negated edges, then drop the interior padding with a strided slice; the padding value gets the rest.</summary>
    public static Tensor?[] Pad(Tensor?[] cts, Tensor?[] ins, Aval[] avals, Params p)
    {
        var ct = cts[0]!;
        int[] lo = p.Get<int[]>("low"), hi = p.Get<int[]>("high"), interior = p.Get<int[]>("interior");
        int rank = lo.Length;
        var unpadded = Prims.Pad.Bind1([ct, Ad.Scalar(0, ct)], Params.Of(
            ("low", lo.Select(v => -v).ToArray()), ("high", hi.Select(v => -v).ToArray()), ("interior", new int[rank])));
        var tx = Ops.Slice(unpadded, new int[rank], unpadded.Shape.ToArray(), interior.Select(v => v + 1).ToArray());
        Tensor? tv = null;
        if (ins[1] is null)
        {
            var all = Enumerable.Range(0, rank).ToArray();
            tv = rank == 0 ? Ad.ZerosLike(ct) : Prims.Sub.Bind1([Prims.ReduceSum.Bind1([ct], Params.Of(("axes", all))),
                Prims.ReduceSum.Bind1([tx], Params.Of(("axes", all)))]);
        }
        return [ins[0] is null ? tx : null, tv];
    }

    /// <summary>concatenate: each linear operand gets its slice of the cotangent.</summary>
    public static Tensor?[] Concatenate(Tensor?[] cts, Tensor?[] ins, Aval[] avals, Params p)
    {
        var ct = cts[0]!;
        int axis = p.Get<int>("dimension");
        var result = new Tensor?[ins.Length];
        int offset = 0;
        for (int k = 0; k < ins.Length; k++)
        {
            int size = avals[k].Shape[axis];
            if (ins[k] is null)
            {
                var start = new int[ct.Rank];
                var limit = ct.Shape.ToArray();
                start[axis] = offset;
                limit[axis] = offset + size;
                result[k] = Ops.Slice(ct, start, limit, Enumerable.Repeat(1, ct.Rank).ToArray());
            }
            offset += size;
        }
        return result;
    }

    // === dot_general ===

    /// <summary>dot_general is bilinear: each linear operand's cotangent is a dot_general of the cotangent with the other operand.</summary>
    public static Tensor?[] DotGeneral(Tensor?[] cts, Tensor?[] ins, Aval[] avals, Params p)
    {
        if (ins[0] is null && ins[1] is null) throw Ad.NotLinear("dot_general", "x and y together");
        var ct = cts[0]!;
        int[] lc = p.Get<int[]>("lhs_contracting"), rc = p.Get<int[]>("rhs_contracting");
        int[] lb = p.Get<int[]>("lhs_batch"), rb = p.Get<int[]>("rhs_batch");
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
        var r = Prims.DotGeneral.Bind1([g, y], Params.Of(
            ("lhs_contracting", ansY), ("rhs_contracting", yKept), ("lhs_batch", ansBatch), ("rhs_batch", yBatch)));
        // r is (batch, x kept, x contracting ordered by y's contracting axes).
        int[] xContractByY = Enumerable.Range(0, yContract.Length).OrderBy(i => yContract[i]).Select(i => xContract[i]).ToArray();
        int[] order = [.. xBatch, .. xKept, .. xContractByY];
        int[] perm = Enumerable.Range(0, order.Length).OrderBy(i => order[i]).ToArray();
        return Ops.Transpose(r, perm);
    }

    // === reductions (jvp) ===

    /// <summary>reduce_max / reduce_min: the tangent averaged over the positions that attain the extreme (JAX's rule).</summary>
    public static Primitive DefExtremeJvp(this Primitive prim) => prim.DefJvp((xs, ts, p) =>
    {
        var x = xs[0];
        var y = prim.Bind1(xs, p);
        int[] axes = p.Get<int[]>("axes");
        var kept = Enumerable.Range(0, x.Rank).Where(d => !axes.Contains(d)).ToArray();
        var yb = Prims.BroadcastInDim.Bind1([y], Params.Of(("shape", x.Shape.ToArray()), ("broadcast_dimensions", kept)));
        var at = Ops.ConvertElementType(Prims.Eq.Bind1([x, yb]), x.DType, weak: false);
        var count = Prims.ReduceSum.Bind1([at], p);
        var picked = Prims.ReduceSum.Bind1([Prims.Mul.Bind1([ts[0]!, at])], p);
        return ([y], [Prims.Div.Bind1([picked, count])]);
    });

    // === sort ===

    /// <summary>
    /// sort: the tangents ride along as extra non-key operands, so they are permuted exactly as
    /// the primals; that second sort is linear in them (see <see cref="Sort"/>).
    /// </summary>
    public static (Tensor[] Primals, Tensor?[] Tangents) SortJvp(Tensor[] xs, Tensor?[] ts, Params p)
    {
        var outs = Prims.Sort.Bind(xs, p);
        int n = xs.Length;
        var withTangents = Prims.Sort.Bind([.. xs, .. xs.Select((x, i) => ts[i] ?? Ad.ZerosLike(x))], p);
        return (outs, withTangents.Skip(n).Select((t, i) => ts[i] is null ? null : t).ToArray());
    }

    /// <summary>
    /// sort with linear non-key operands: sorting the cotangents by the forward permutation
    /// (itself got by sorting an iota along with the keys) applies the inverse permutation.
    /// </summary>
    public static Tensor?[] Sort(Tensor?[] cts, Tensor?[] ins, Aval[] avals, Params p)
    {
        int keys = p.Get<int>("num_keys"), dim = p.Get<int>("dimension");
        for (int k = 0; k < keys; k++)
            if (ins[k] is null) throw Ad.NotLinear("sort", $"keys[{k}]");
        var shape = avals[0].Shape.ToArray();
        var iota = Prims.Iota.Bind1([], Params.Of(("dtype", DType.I32), ("shape", shape), ("dimension", dim)));
        var perm = Prims.Sort.Bind([.. ins.Take(keys).Select(t => t!), iota], p.With("num_keys", keys))[keys];
        var byPerm = Params.Of(("dimension", dim), ("num_keys", 1), ("descending", false), ("is_stable", true));
        var result = new Tensor?[ins.Length];
        for (int i = keys; i < ins.Length; i++)
            if (ins[i] is null)
                result[i] = Prims.Sort.Bind([perm, cts[i] ?? Ad.Zeros(avals[i])], byPerm)[1];
        return result;
    }
}
