using static Axle.Batching;

namespace Axle;

/// <summary>
/// Batching rules of gather, dynamic_slice and dynamic_update_slice (Indexing/IndexingPrimitives.cs).
/// Batched positions turn into StableHLO gathers with batching dimensions (operand_batching_dims /
/// start_indices_batching_dims), so per-example indices never need a loop.
/// </summary>
internal static partial class Prims
{
    private static (Tensor[], int?[]) GatherBatch(Tensor[] xs, int?[] axes, Params p)
    {
        var g = (GatherParams)p;
        int[] offset = g.OffsetDims.ToArray(), collapsed = g.CollapsedSliceDims.ToArray();
        int[] ob = g.OperandBatchingDims.ToArray(), sib = g.StartIndicesBatchingDims.ToArray();
        int[] map = g.StartIndexMap.ToArray(), sizes = g.SliceSizes.ToArray();
        int ivd = g.IndexVectorDim;
        int n = Size(xs, axes);
        var (x, idx) = (xs[0], xs[1]);
        GatherParams q;
        if (axes[1] is null)
        {
            // Only the operand is batched: its batch axis becomes the first window dimension.
            x = MoveAxis(x, axes[0]!.Value, 0);
            q = g with
            {
                OffsetDims = Insert(Shift(offset, 0), 0, 0),
                CollapsedSliceDims = Shift(collapsed, 0),
                OperandBatchingDims = Shift(ob, 0),
                StartIndexMap = Shift(map, 0),
                SliceSizes = Insert(sizes, 0, n),
            };
        }
        else if (axes[0] is null)
        {
            // Only the indices are batched: one more batch dimension of the indices, leading the result.
            idx = MoveAxis(idx, axes[1]!.Value, 0);
            q = g with { OffsetDims = Shift(offset, 0), StartIndicesBatchingDims = Shift(sib, 0), IndexVectorDim = ivd + 1 };
        }
        else
        {
            x = MoveAxis(x, axes[0]!.Value, 0);
            idx = MoveAxis(idx, axes[1]!.Value, 0);
            q = new GatherParams(Shift(offset, 0), Shift(collapsed, 0), Insert(Shift(ob, 0), 0, 0),
                Insert(Shift(sib, 0), 0, 0), Shift(map, 0), ivd + 1, Insert(sizes, 0, 1));
        }
        return ([Prims.Gather.Bind1([x, idx], q)], [0]);
    }

    private static (Tensor[], int?[]) DynamicSliceBatch(Tensor[] xs, int?[] axes, Params p)
    {
        int[] sizes = ((DynamicSliceParams)p).SliceSizes.ToArray();
        int n = Size(xs, axes);
        if (axes.Skip(1).All(a => a is null))
        {
            // Same window for every example: slice the whole batch axis too.
            int a = axes[0]!.Value;
            DType t = xs.Length > 1 ? xs[1].DType : DType.I32;
            Tensor[] ins = [xs[0], .. xs[1..(a + 1)], IndexScalar(0, t), .. xs[(a + 1)..]];
            return ([Prims.DynamicSlice.Bind1(ins, new DynamicSliceParams(Insert(sizes, a, n)))], [a]);
        }
        // Per-example starts: a gather whose index vectors are the starts, batched with the operand.
        var x = ToFront(xs[0], axes[0], n);
        var starts = StackStarts(xs[1..], axes[1..], n);
        int r = sizes.Length;
        int[] window = Enumerable.Range(1, r).ToArray();
        var q = new GatherParams(window, Array.Empty<int>(), new[] { 0 }, new[] { 0 }, window, IndexVectorDim: 1, Insert(sizes, 0, 1));
        return ([Prims.Gather.Bind1([x, starts], q)], [0]);
    }

    private static (Tensor[], int?[]) DynamicUpdateSliceBatch(Tensor[] xs, int?[] axes, Params p)
    {
        int n = Size(xs, axes);
        if (axes.Skip(2).All(a => a is null))
        {
            int a = axes[0] ?? axes[1]!.Value;
            var x = MoveOrBroadcast(xs[0], axes[0], a, n);
            var u = MoveOrBroadcast(xs[1], axes[1], a, n);
            DType t = xs.Length > 2 ? xs[2].DType : DType.I32;
            Tensor[] ins = [x, u, .. xs[2..(a + 2)], IndexScalar(0, t), .. xs[(a + 2)..]];
            return ([Prims.DynamicUpdateSlice.Bind1(ins, p)], [a]);
        }
        return ([UpdateAtBatchedStarts(xs, axes, n)], [0]);
    }

    /// <summary>
    /// dynamic_update_slice with per-example starts, without a loop: every position of the
    /// operand gathers the update element it would receive (clamped), and a mask of the window
    /// selects between that and the operand.
    /// </summary>
    private static Tensor UpdateAtBatchedStarts(Tensor[] xs, int?[] axes, int n)
    {
        var x = ToFront(xs[0], axes[0], n);
        var u = ToFront(xs[1], axes[1], n);
        int r = x.Rank - 1;
        int[] full = x.Shape.ToArray();
        if (Enumerable.Range(0, r).All(k => u.Shape[k + 1] == 1 || u.Shape[k + 1] == full[k + 1]))
            return UpdateRowsAtBatchedStarts(xs, axes, n, x, u);
        Tensor? inside = null;
        var index = new Tensor[r];
        for (int k = 0; k < r; k++)
        {
            int dim = full[k + 1], window = u.Shape[k + 1];
            // StableHLO clamps each start to [0, dim - window].
            var s = Ops.Astype(ToFront(xs[2 + k], axes[2 + k], n), DType.I32);
            s = Ops.Minimum(Ops.Maximum(s, 0), dim - window);
            var pos = Prims.Iota.Bind1([], new IotaParams(DType.I32, full, k + 1));
            var sFull = Prims.BroadcastInDim.Bind1([s], new BroadcastInDimParams(full, new[] { 0 }));
            var rel = Ops.Subtract(pos, sFull);
            var ok = Ops.Binary(Prims.And, Ops.GreaterEqual(rel, 0), Ops.Less(rel, window));
            inside = inside is null ? ok : Ops.Binary(Prims.And, inside, ok);
            index[k] = Ops.ExpandDims(Ops.Minimum(Ops.Maximum(rel, 0), Math.Max(window - 1, 0)), -1);
        }
        if (inside is null) return u;
        var indices = r == 1 ? index[0] : Prims.Concatenate.Bind1(index, new ConcatenateParams(r + 1));
        int[] spatial = Enumerable.Range(1, r).ToArray();
        var q = new GatherParams(Array.Empty<int>(), spatial, new[] { 0 }, new[] { 0 }, spatial, IndexVectorDim: r + 1,
            Enumerable.Repeat(1, r + 1).ToArray());
        var gathered = Prims.Gather.Bind1([u, indices], q);
        return Prims.Select.Bind1([inside, x, gathered]);
    }

    /// <summary>
    /// The common case of <see cref="UpdateAtBatchedStarts"/>: along every axis the window is one element or the whole
    /// axis (a row written into a table, as a sampler's trajectory checkpoints are). The update then only needs
    /// broadcasting where the mask holds — no gather, no index arithmetic per element.
    /// </summary>
    private static Tensor UpdateRowsAtBatchedStarts(Tensor[] xs, int?[] axes, int n, Tensor x, Tensor u)
    {
        int r = x.Rank - 1;
        int[] full = x.Shape.ToArray();
        Tensor? inside = null;
        for (int k = 0; k < r; k++)
        {
            // A whole-axis window starts at 0 whatever the start (StableHLO clamps it).
            if (u.Shape[k + 1] == full[k + 1]) continue;
            var s = Ops.Astype(ToFront(xs[2 + k], axes[2 + k], n), DType.I32);
            s = Ops.Minimum(Ops.Maximum(s, 0), full[k + 1] - 1);
            var pos = Prims.Iota.Bind1([], new IotaParams(DType.I32, full, k + 1));
            var sFull = Prims.BroadcastInDim.Bind1([s], new BroadcastInDimParams(full, new[] { 0 }));
            var at = Ops.Equal(pos, sFull);
            inside = inside is null ? at : Ops.Binary(Prims.And, inside, at);
        }
        var spread = Prims.BroadcastInDim.Bind1([u], new BroadcastInDimParams(full, Enumerable.Range(0, r + 1).ToArray()));
        return inside is null ? spread : Prims.Select.Bind1([inside, x, spread]);
    }

    /// <summary>Scalar starts (some batched) as an (n, count) index tensor of their common dtype.</summary>
    private static Tensor StackStarts(Tensor[] starts, int?[] axes, int n)
    {
        var cols = starts.Select((s, i) => Ops.Reshape(ToFront(s, axes[i], n), n, 1)).ToArray();
        return cols.Length == 1 ? cols[0] : Prims.Concatenate.Bind1(cols, new ConcatenateParams(1));
    }
}
