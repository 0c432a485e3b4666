using Axle.Lowering;

namespace Axle;

/// <summary>
/// Primitives that read positions from tensors: dynamic_slice, dynamic_update_slice and gather.
/// As in StableHLO, start positions are clamped so the window stays inside the operand; public
/// ops add numpy's negative indices and JAX's fill semantics on top.
/// </summary>
internal static partial class Prims
{
    // dynamic_slice[slice_sizes](x, start_0, ..., start_{r-1}): scalar integer starts, clamped.
    public static readonly Primitive DynamicSlice = new Primitive("dynamic_slice", (ins, p) =>
    {
        if (ins.Length == 0) throw new ArgumentException("dynamic_slice: needs an operand");
        var x = ins[0];
        int[] sizes = ((DynamicSliceParams)p).SliceSizes.ToArray();
        CheckStarts("dynamic_slice", x, ins[1..]);
        if (sizes.Length != x.Rank)
            throw Errors.Arg("dynamic_slice", "sizes", $"needs {x.Rank} sizes for shape {x.Shape}; got {sizes.Length}");
        for (int i = 0; i < x.Rank; i++)
            if (sizes[i] < 0 || sizes[i] > x.Shape[i])
                throw Errors.Arg("dynamic_slice", "sizes", $"size {sizes[i]} of axis {i} does not fit in {x.Shape}");
        return [x.WithShape(new Shape(sizes))];
    }, (ctx, xs, p) => [ctx.Op("stablehlo.dynamic_slice", xs, ("slice_sizes", LoweringContext.Dims(((DynamicSliceParams)p).SliceSizes)))])
        .DefLinear(DynamicSliceTranspose, linearOperands: 1)
        .DefBatch(DynamicSliceBatch);

    // dynamic_update_slice(x, update, start_0, ..., start_{r-1}): `update` written at the clamped starts.
    public static readonly Primitive DynamicUpdateSlice = new Primitive("dynamic_update_slice", (ins, p) =>
    {
        if (ins.Length < 2) throw new ArgumentException("dynamic_update_slice: needs an operand and an update");
        var (x, u) = (ins[0], ins[1]);
        if (u.DType != x.DType) throw Errors.DTypes("dynamic_update_slice", "update", u.DType, "x", x.DType);
        if (u.Rank != x.Rank || Enumerable.Range(0, x.Rank).Any(i => u.Shape[i] > x.Shape[i]))
            throw Errors.Shapes("dynamic_update_slice", "update", u.Shape, "x", x.Shape, "the update does not fit");
        CheckStarts("dynamic_update_slice", x, ins[2..]);
        return [x.Strong()];
    }, (ctx, xs, _) => [ctx.Op("stablehlo.dynamic_update_slice", xs)])
        .DefLinear(self => (ct, ins, avals, p) => [
            Ad.IfLinear(ins, 0, () => self.Bind1([ct[0]!, Ad.Zeros(avals[1]), .. ins[2..].Select(s => s!)])),
            Ad.IfLinear(ins, 1, () => Prims.DynamicSlice.Bind1([ct[0]!, .. ins[2..].Select(s => s!)], new DynamicSliceParams(avals[1].Shape.ToArray()))),
            .. new Tensor?[ins.Length - 2]], linearOperands: 2)
        .DefBatch(DynamicUpdateSliceBatch);

    // gather[offset_dims, collapsed_slice_dims, operand_batching_dims, start_indices_batching_dims,
    //        start_index_map, index_vector_dim, slice_sizes](x, indices): StableHLO's gather.
    public static readonly Primitive Gather = new Primitive("gather", (ins, p) =>
    {
        Elementwise.Expect("gather", ins, 2);
        var (x, idx) = (ins[0], ins[1]);
        if (!idx.DType.IsInteger()) throw Errors.Arg("gather", "indices", $"indices must be integers; got {idx.DType.ShortName()}");
        var g = (GatherParams)p;
        int[] offsetDims = g.OffsetDims.ToArray(), collapsed = g.CollapsedSliceDims.ToArray();
        int[] operandBatch = g.OperandBatchingDims.ToArray(), startMap = g.StartIndexMap.ToArray();
        int[] sizes = g.SliceSizes.ToArray();
        int ivd = g.IndexVectorDim;
        if (sizes.Length != x.Rank) throw Errors.Arg("gather", "sizes", $"needs {x.Rank} slice sizes for {x.Shape}");
        for (int i = 0; i < x.Rank; i++)
            if (sizes[i] < 0 || sizes[i] > x.Shape[i])
                throw Errors.Arg("gather", "sizes", $"slice size {sizes[i]} of axis {i} does not fit in {x.Shape}");
        if (ivd < 0 || ivd > idx.Rank) throw Errors.Arg("gather", "indices", $"index_vector_dim {ivd} is out of range for {idx.Shape}");
        int vector = ivd == idx.Rank ? 1 : idx.Shape[ivd];
        if (vector != startMap.Length)
            throw Errors.Arg("gather", "indices", $"index vectors have {vector} entries but start_index_map has {startMap.Length}");
        var batch = Enumerable.Range(0, idx.Rank).Where(d => d != ivd).Select(d => idx.Shape[d]).ToList();
        var offsets = Enumerable.Range(0, x.Rank).Where(d => !collapsed.Contains(d) && !operandBatch.Contains(d)).Select(d => sizes[d]).ToList();
        if (offsets.Count != offsetDims.Length)
            throw Errors.Arg("gather", "indices", $"offset_dims has {offsetDims.Length} entries for {offsets.Count} window dimensions");
        int rank = batch.Count + offsets.Count;
        var dims = new int[rank];
        int b = 0, o = 0;
        for (int d = 0; d < rank; d++) dims[d] = Array.IndexOf(offsetDims, d) >= 0 ? offsets[o++] : batch[b++];
        return [new Aval(x.DType, new Shape(dims))];
    }, (ctx, xs, p) =>
    {
        var g = (GatherParams)p;
        var numbers = ScatterDims.DimensionNumbers("gather", g.IndexVectorDim, ("offset_dims", g.OffsetDims),
            ("collapsed_slice_dims", g.CollapsedSliceDims), ("operand_batching_dims", g.OperandBatchingDims),
            ("start_indices_batching_dims", g.StartIndicesBatchingDims), ("start_index_map", g.StartIndexMap));
        return [ctx.Op("stablehlo.gather", xs,
            ("dimension_numbers", numbers),
            ("slice_sizes", LoweringContext.Dims(g.SliceSizes)),
            ("indices_are_sorted", Attr.Bool(false)))];
    })
        .DefBatch(GatherBatch)
        .DefJvp(self => (xs, ts, p) => ([self.Bind1(xs, p)], [ts[0] is Tensor t ? self.Bind1([t, xs[1]], p) : null]))
        .DefTranspose(ScatterDims.GatherTranspose).Linear();

    /// <summary>dynamic_slice's transpose: the cotangent written into zeros at the same starts.</summary>
    private static Tensor?[] DynamicSliceTranspose(Tensor?[] ct, Tensor?[] ins, Aval[] avals, Params p) =>
        [DynamicUpdateSlice.Bind1([Ad.Zeros(avals[0]), ct[0]!, .. ins[1..].Select(s => s!)]), .. new Tensor?[ins.Length - 1]];

    private static void CheckStarts(string op, Aval x, Aval[] starts)
    {
        if (starts.Length != x.Rank)
            throw Errors.Arg(op, "starts", $"needs {x.Rank} start indices for shape {x.Shape}; got {starts.Length}");
        foreach (var s in starts)
        {
            if (s.Rank != 0 || !s.DType.IsInteger())
                throw Errors.Arg(op, "starts", $"start indices must be integer scalars; got {s}");
            if (s.DType != starts[0].DType) throw Errors.DTypes(op, "starts", s.DType, "starts[0]", starts[0].DType);
        }
    }
}
