using Axle.Lowering;

namespace Axle;

/// <summary>
/// scatter_add: StableHLO's scatter with an add update computation. Windows that do not fit in
/// the operand are dropped (StableHLO's rule), so public ops get JAX's "fill or drop" semantics
/// for free. It is the transpose of gather, and gather's transpose is a scatter_add.
/// </summary>
internal static partial class Prims
{
    // scatter_add[update_window_dims, inserted_window_dims, input_batching_dims,
    //             scatter_indices_batching_dims, scatter_dims_to_operand_dims, index_vector_dim](x, indices, updates)
    public static readonly Primitive ScatterAdd = new Primitive("scatter_add", (ins, p) =>
    {
        Elementwise.Expect("scatter_add", ins, 3);
        var (x, idx, u) = (ins[0], ins[1], ins[2]);
        Elementwise.CheckKind("scatter_add", "x", x.DType, Kinds.Numeric);
        if (!idx.DType.IsInteger()) throw Errors.Arg("scatter_add", "indices", $"indices must be integers; got {idx.DType.ShortName()}");
        if (u.DType != x.DType) throw Errors.DTypes("scatter_add", "updates", u.DType, "x", x.DType);
        var expected = ScatterDims.UpdatesShape(x.Shape.ToArray(), idx.Shape.ToArray(), u.Shape.ToArray(), p);
        if (expected is not null) throw Errors.Shapes("scatter_add", "updates", u.Shape, "x", x.Shape, expected);
        return [x.Strong()];
    }, (ctx, xs, p) =>
    {
        DType t = ctx.InAvals[0].DType;
        var add = ctx.Region([t, t], a => [ctx.Op("stablehlo.add", a, LoweringContext.TypeOf(t))]);
        var s = (ScatterParams)p;
        var numbers = ScatterDims.DimensionNumbers("scatter", s.IndexVectorDim, ("update_window_dims", s.UpdateWindowDims),
            ("inserted_window_dims", s.InsertedWindowDims), ("input_batching_dims", s.InputBatchingDims),
            ("scatter_indices_batching_dims", s.ScatterIndicesBatchingDims), ("scatter_dims_to_operand_dims", s.ScatterDimsToOperandDims));
        KeyValuePair<string, Attr>[] attrs =
        [
            new("scatter_dimension_numbers", numbers),
            new("indices_are_sorted", Attr.Bool(false)),
            new("unique_indices", Attr.Bool(false)),
        ];
        return [ctx.Block.Op("stablehlo.scatter", xs, LoweringContext.TypeOf(ctx.OutAvals[0]), attrs, [add])];
    })
        .DefJvp(self => (xs, ts, p) =>
        {
            var y = self.Bind1(xs, p);
            if (ts[0] is null && ts[2] is null) return ([y], [null]);
            var t = self.Bind1([ts[0] ?? Ad.ZerosLike(xs[0]), xs[1], ts[2] ?? Ad.ZerosLike(xs[2])], p);
            return ([y], [t]);
        })
        .DefTranspose(ScatterDims.ScatterAddTranspose)
        .DefBatch(ScatterDims.ScatterAddBatch).Linear();
}

/// <summary>
/// Dimension bookkeeping shared by gather and scatter_add, and the rules that turn one into the
/// other: the two primitives' dimension numbers correspond one to one (offset ↔ update window,
/// collapsed ↔ inserted, batching ↔ batching, start_index_map ↔ scatter_dims_to_operand_dims).
/// </summary>
internal static class ScatterDims
{
    /// <summary>
    /// StableHLO's <c>#stablehlo.gather&lt;...&gt;</c> / <c>#stablehlo.scatter&lt;...&gt;</c> dimension
    /// numbers: the non-empty lists in order, then index_vector_dim.
    /// </summary>
    public static Attr DimensionNumbers(string kind, int indexVectorDim, params (string Name, Ints Dims)[] lists)
    {
        var parts = lists.Where(l => l.Dims.Length > 0).Select(l => $"{l.Name} = {l.Dims}")
            .Append($"index_vector_dim = {indexVectorDim}");
        return new Attr($"#stablehlo.{kind}<{string.Join(", ", parts)}>");
    }

    /// <summary>Null when <paramref name="u"/> is the updates shape the params ask for, else why not.</summary>
    public static string? UpdatesShape(int[] x, int[] idx, int[] u, Params p)
    {
        var q = (ScatterParams)p;
        int[] window = q.UpdateWindowDims.ToArray(), inserted = q.InsertedWindowDims.ToArray();
        int[] ib = q.InputBatchingDims.ToArray(), sib = q.ScatterIndicesBatchingDims.ToArray();
        int[] map = q.ScatterDimsToOperandDims.ToArray();
        int ivd = q.IndexVectorDim;
        if (ivd < 0 || ivd > idx.Length) return $"index_vector_dim {ivd} is out of range for indices of rank {idx.Length}";
        int vector = ivd == idx.Length ? 1 : idx[ivd];
        if (vector != map.Length) return $"index vectors have {vector} entries but scatter_dims_to_operand_dims has {map.Length}";
        if (ib.Length != sib.Length) return "input_batching_dims and scatter_indices_batching_dims differ in length";
        if (map.Concat(inserted).Concat(ib).Any(d => d < 0 || d >= x.Length)) return "a dimension number is outside the operand";
        var scatter = Enumerable.Range(0, idx.Length).Where(d => d != ivd).Select(d => idx[d]).ToArray();
        var windowDims = Enumerable.Range(0, x.Length).Where(d => !inserted.Contains(d) && !ib.Contains(d)).ToArray();
        if (windowDims.Length != window.Length) return $"update_window_dims has {window.Length} entries for {windowDims.Length} window dimensions";
        if (u.Length != scatter.Length + window.Length) return $"updates need rank {scatter.Length + window.Length}";
        for (int i = 0; i < window.Length; i++)
            if (window[i] < 0 || window[i] >= u.Length || (i > 0 && window[i] <= window[i - 1])) return "update_window_dims must be sorted and within the updates' rank";
        for (int d = 0, s = 0, w = 0; d < u.Length; d++)
        {
            if (Array.IndexOf(window, d) >= 0)
            {
                if (u[d] > x[windowDims[w]]) return $"window dimension {d} of size {u[d]} does not fit operand axis {windowDims[w]}";
                w++;
            }
            else if (u[d] != scatter[s++]) return $"updates axis {d} must match the indices' batch shape ({string.Join(", ", scatter)})";
        }
        return null;
    }

    /// <summary>The scatter_add params that undo a gather with params <paramref name="p"/>.</summary>
    public static ScatterParams FromGather(GatherParams p) => new(
        p.OffsetDims, p.CollapsedSliceDims, p.OperandBatchingDims, p.StartIndicesBatchingDims, p.StartIndexMap, p.IndexVectorDim);

    /// <summary>The gather params that read what a scatter_add with params <paramref name="p"/> writes.</summary>
    public static GatherParams ToGather(ScatterParams p, int[] sliceSizes) => new(
        p.UpdateWindowDims, p.InsertedWindowDims, p.InputBatchingDims, p.ScatterIndicesBatchingDims,
        p.ScatterDimsToOperandDims, p.IndexVectorDim, sliceSizes);

    /// <summary>
    /// gather in its operand: the cotangent is added back where each window was read. Gather
    /// clamps its starts while scatter drops windows that do not fit, so the starts are clamped
    /// first, exactly as gather did.
    /// </summary>
    public static Tensor?[] GatherTranspose(Tensor?[] cts, Tensor?[] ins, Aval[] avals, Params p)
    {
        if (ins[1] is not Tensor idx) throw Ad.NotLinear("gather", "indices");
        if (ins[0] is not null) return [null, null];
        var g = (GatherParams)p;
        int[] shape = avals[0].Shape.ToArray(), sizes = g.SliceSizes.ToArray(), map = g.StartIndexMap.ToArray();
        int ivd = g.IndexVectorDim;
        var hi = Bounds(idx, ivd, map.Select(d => shape[d] - sizes[d]).ToArray());
        var clamped = Ops.Minimum(Ops.Maximum(idx, Ops.ZerosLike(hi)), hi);
        var zeros = Ad.Zeros(avals[0]);
        return [Prims.ScatterAdd.Bind1([zeros, clamped, cts[0]!], FromGather(g)), null];
    }

    /// <summary>
    /// scatter_add: the operand's cotangent passes through; the updates' is a gather of it at the
    /// same windows, zero for windows the forward pass dropped.
    /// </summary>
    public static Tensor?[] ScatterAddTranspose(Tensor?[] cts, Tensor?[] ins, Aval[] avals, Params p)
    {
        if (ins[1] is not Tensor idx) throw Ad.NotLinear("scatter_add", "indices");
        var ct = cts[0]!;
        Tensor? cu = null;
        if (ins[2] is null)
        {
            var s = (ScatterParams)p;
            int[] x = avals[0].Shape.ToArray(), u = avals[2].Shape.ToArray(), window = s.UpdateWindowDims.ToArray();
            int[] inserted = s.InsertedWindowDims.ToArray(), ib = s.InputBatchingDims.ToArray();
            int[] map = s.ScatterDimsToOperandDims.ToArray();
            int ivd = s.IndexVectorDim;
            var sizes = new int[x.Length];
            for (int d = 0, w = 0; d < x.Length; d++) sizes[d] = inserted.Contains(d) || ib.Contains(d) ? 1 : u[window[w++]];
            var g = Prims.Gather.Bind1([ct, idx], ToGather(s, sizes));
            var hi = Bounds(idx, ivd, map.Select(d => x[d] - sizes[d]).ToArray());
            var fits = Ops.LogicalAnd(Ops.GreaterEqual(idx, Ops.ZerosLike(hi)), Ops.LessEqual(idx, hi));
            if (ivd < idx.Rank) fits = Ops.All(fits, ivd);
            var scatterDims = Enumerable.Range(0, u.Length).Where(d => !window.Contains(d)).ToArray();
            fits = Prims.BroadcastInDim.Bind1([fits], new BroadcastInDimParams(u, scatterDims));
            cu = Prims.Select.Bind1([fits, Ad.Zeros(avals[2]), g]);
        }
        return [ins[0] is null ? ct : null, null, cu];
    }

    /// <summary>
    /// Every operand is moved (or broadcast) to batch axis 0, which becomes a batching dimension
    /// of both the operand and the indices: one scatter for the whole batch.
    /// </summary>
    public static (Tensor[], int?[]) ScatterAddBatch(Tensor[] xs, int?[] axes, Params p)
    {
        int n = Batching.Size(xs, axes);
        var x = Batching.ToFront(xs[0], axes[0], n);
        var idx = Batching.ToFront(xs[1], axes[1], n);
        var u = Batching.ToFront(xs[2], axes[2], n);
        var s = (ScatterParams)p;
        static int[] Up(Ints dims) => dims.Select(d => d + 1).ToArray();
        var q = new ScatterParams(Up(s.UpdateWindowDims), Up(s.InsertedWindowDims),
            Batching.Insert(Up(s.InputBatchingDims), 0, 0), Batching.Insert(Up(s.ScatterIndicesBatchingDims), 0, 0),
            Up(s.ScatterDimsToOperandDims), s.IndexVectorDim + 1);
        return ([Prims.ScatterAdd.Bind1([x, idx, u], q)], [0]);
    }

    // The largest start of each index-vector entry, shaped to broadcast against the indices
    // (entries along index_vector_dim, or a scalar when that dim is implicit).
    private static Tensor Bounds(Tensor idx, int ivd, int[] hi)
    {
        var t = Ops.ConvertElementType(Tensor.From(hi), idx.DType, weak: false);
        if (ivd == idx.Rank) return Ops.Reshape(t);
        var shape = Enumerable.Repeat(1, idx.Rank).ToArray();
        shape[ivd] = hi.Length;
        return Ops.Reshape(t, shape);
    }
}
