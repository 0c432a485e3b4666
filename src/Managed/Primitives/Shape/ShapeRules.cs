using static Axle.Batching;

namespace Axle;

/// <summary>
/// Transpose and batching rules of the shape primitives (Shape/ShapePrimitives.cs,
/// Shape/ShapePadReverse.cs), registered in their stanzas. In a transpose rule a null input is a
/// linear operand (JAX's undefined primal); a batching rule states where the batch axis ends up,
/// mostly at the front, where StableHLO's leading-dimension conventions want it.
/// </summary>
internal static partial class Prims
{
    // === transpose ===

    /// <summary>broadcast_in_dim: sum over the added and the stretched axes.</summary>
    private static Tensor?[] BroadcastInDimTranspose(Tensor?[] cts, Tensor?[] ins, Aval[] avals, Params p)
    {
        var x = avals[0];
        var q = (BroadcastInDimParams)p;
        int[] dims = q.BroadcastDimensions.ToArray(), shape = q.Shape.Concrete.ToArray();
        var sum = Enumerable.Range(0, shape.Length)
            .Where(d => Array.IndexOf(dims, d) is int i && (i < 0 || (x.Shape[i] == 1 && shape[d] != 1)))
            .ToArray();
        var ct = cts[0]!;
        if (sum.Length > 0) ct = Prims.ReduceSum.Bind1([ct], new ReduceParams(sum));
        return [Ops.Reshape(ct, x.Shape.ToArray())];
    }

    /// <summary>slice: the cotangent padded back into place with zeros (strides become interior padding).</summary>
    private static Tensor?[] SliceTranspose(Tensor?[] cts, Tensor?[] ins, Aval[] avals, Params p)
    {
        var ct = cts[0]!;
        var (start, _, strides) = (SliceParams)p;
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
        return [Prims.Pad.Bind1([ct, Ad.Scalar(0, ct)], new PadParams(lo, hi, interior))];
    }

    /// <summary>pad: unpad with negated edges, then drop the interior padding with a strided slice; the padding value gets the rest.</summary>
    private static Tensor?[] PadTranspose(Tensor?[] cts, Tensor?[] ins, Aval[] avals, Params p)
    {
        var ct = cts[0]!;
        var (lo, hi, interior) = (PadParams)p;
        int rank = lo.Length;
        var unpadded = Prims.Pad.Bind1([ct, Ad.Scalar(0, ct)], new PadParams(lo.Select(v => -v).ToArray(), hi.Select(v => -v).ToArray(), new int[rank]));
        var tx = Ops.Slice(unpadded, new int[rank], unpadded.Shape.ToArray(), interior.Select(v => v + 1).ToArray());
        Tensor? tv = null;
        if (ins[1] is null)
        {
            var all = Enumerable.Range(0, rank).ToArray();
            tv = rank == 0 ? Ad.ZerosLike(ct) : Prims.Sub.Bind1([Prims.ReduceSum.Bind1([ct], new ReduceParams(all)),
                Prims.ReduceSum.Bind1([tx], new ReduceParams(all))]);
        }
        return [ins[0] is null ? tx : null, tv];
    }

    /// <summary>concatenate: each linear operand gets its slice of the cotangent.</summary>
    private static Tensor?[] ConcatenateTranspose(Tensor?[] cts, Tensor?[] ins, Aval[] avals, Params p)
    {
        var ct = cts[0]!;
        int axis = ((ConcatenateParams)p).Dimension;
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

    // === batching ===

    private static (Tensor[], int?[]) BroadcastInDimBatch(Tensor[] xs, int?[] axes, Params p)
    {
        int a = axes[0]!.Value, n = xs[0].Shape[a];
        var x = MoveAxis(xs[0], a, 0);
        var q = (BroadcastInDimParams)p;
        int[] shape = Insert(q.Shape.Concrete.ToArray(), 0, n);
        int[] dims = Insert(q.BroadcastDimensions.Select(d => d + 1).ToArray(), 0, 0);
        return ([Prims.BroadcastInDim.Bind1([x], new BroadcastInDimParams(shape, dims))], [0]);
    }

    private static (Tensor[], int?[]) ReshapeBatch(Tensor[] xs, int?[] axes, Params p)
    {
        int a = axes[0]!.Value, n = xs[0].Shape[a];
        var x = MoveAxis(xs[0], a, 0);
        return ([Prims.Reshape.Bind1([x], new ReshapeParams(Insert(((ReshapeParams)p).NewSizes.Concrete.ToArray(), 0, n)))], [0]);
    }

    private static (Tensor[], int?[]) TransposeBatch(Tensor[] xs, int?[] axes, Params p)
    {
        int a = axes[0]!.Value;
        int[] perm = Insert(Shift(((TransposeParams)p).Permutation.ToArray(), a), 0, a);
        return ([Prims.Transpose.Bind1([xs[0]], new TransposeParams(perm))], [0]);
    }

    private static (Tensor[], int?[]) SliceBatch(Tensor[] xs, int?[] axes, Params p)
    {
        int a = axes[0]!.Value, n = xs[0].Shape[a];
        var (start, limit, strides) = (SliceParams)p;
        var q = new SliceParams(Insert(start.ToArray(), a, 0), Insert(limit.ToArray(), a, n), Insert(strides.ToArray(), a, 1));
        return ([Prims.Slice.Bind1([xs[0]], q)], [a]);
    }

    private static (Tensor[], int?[]) PadBatch(Tensor[] xs, int?[] axes, Params p)
    {
        if (axes[1] is null)
        {
            int a = axes[0]!.Value;
            var q = PadInserting((PadParams)p, a);
            return ([Prims.Pad.Bind1([xs[0], xs[1]], q)], [a]);
        }
        // A per-example padding value: pad with a constant, then select the value where a
        // padded mask says the element is padding.
        int n = Size(xs, axes);
        var x = ToFront(xs[0], axes[0], n);
        var front = PadInserting((PadParams)p, 0);
        var padded = Prims.Pad.Bind1([x, Ops.ConvertElementType(0, x.DType, weak: false)], front);
        var ones = Ops.Full(x.Shape.ToArray(), true);
        var inside = Prims.Pad.Bind1([ones, Ops.ConvertElementType(false, DType.Bool, weak: false)], front);
        var value = Prims.BroadcastInDim.Bind1([xs[1]], new BroadcastInDimParams(padded.Shape.ToArray(), new[] { 0 }));
        return ([Prims.Select.Bind1([inside, value, padded])], [0]);
    }

    private static (Tensor[], int?[]) ConcatenateBatch(Tensor[] xs, int?[] axes, Params p)
    {
        int n = Size(xs, axes);
        var ins = xs.Select((x, i) => ToFront(x, axes[i], n)).ToArray();
        return ([Prims.Concatenate.Bind1(ins, new ConcatenateParams(((ConcatenateParams)p).Dimension + 1))], [0]);
    }

    /// <summary>Pad params with no padding on a new axis at <paramref name="at"/>.</summary>
    private static PadParams PadInserting(PadParams p, int at) =>
        new(Insert(p.Low.ToArray(), at, 0), Insert(p.High.ToArray(), at, 0), Insert(p.Interior.ToArray(), at, 0));
}
