namespace Axle;

/// <summary>What an indexing op does with an index outside <c>[-n, n)</c> (negative indices always count from the end).</summary>
public enum IndexMode
{
    /// <summary>JAX's default: the result element is a fill value (NaN for floats, the lowest value for signed integers, the highest for unsigned, true for bool).</summary>
    Fill,

    /// <summary>The index is clamped into range (XLA's native gather semantics).</summary>
    Clip,
}

public static partial class Ops
{
    /// <summary>
    /// Elements of <paramref name="x"/> at <paramref name="indices"/> along <paramref name="axis"/> (of the
    /// flattened tensor when null): the result's shape is <c>x.shape[:axis] + indices.shape + x.shape[axis+1:]</c>.
    /// Negative indices count from the end; others out of range follow <paramref name="mode"/> (default: fill, as JAX).
    /// </summary>
    public static Tensor Take(Tensor x, Tensor indices, int? axis = null, IndexMode mode = IndexMode.Fill)
    {
        Check(x, indices);
        if (axis is null) (x, axis) = (Ravel(x), 0);
        int a = Errors.NormalizeAxis("take", axis.Value, x.Rank);
        var idx = IndexTensor("take", indices);
        int n = x.Shape[a], r = x.Rank, q = idx.Rank;
        int[] outShape = [.. x.Shape.ToArray()[..a], .. idx.Shape.ToArray(), .. x.Shape.ToArray()[(a + 1)..]];
        if (n == 0) return FillOrEmpty("take", x, outShape, mode);
        idx = Where(Less(idx, 0), Add(idx, n), idx);
        var sizes = x.Shape.ToArray();
        sizes[a] = 1;
        var g = GatherPrim(x, idx, offsetDims: [.. Enumerable.Range(0, a), .. Enumerable.Range(a + q, r - a - 1)],
            collapsed: [a], startMap: [a], batching: [], indexBatching: [], indexVectorDim: q, sizes);
        if (mode == IndexMode.Clip) return g;
        var valid = LogicalAnd(GreaterEqual(idx, 0), Less(idx, n));
        int[] validShape = [.. Enumerable.Repeat(1, a), .. idx.Shape.ToArray(), .. Enumerable.Repeat(1, r - a - 1)];
        return Where(Reshape(valid, validShape), g, FillValue(x.DType));
    }

    /// <summary>
    /// numpy's <c>take_along_axis</c>: <c>result[..., j, ...] = x[..., indices[..., j, ...], ...]</c> along
    /// <paramref name="axis"/> (the flattened tensor when null); the other axes broadcast.
    /// Out-of-range indices follow <paramref name="mode"/>.
    /// </summary>
    public static Tensor TakeAlongAxis(Tensor x, Tensor indices, int? axis, IndexMode mode = IndexMode.Fill)
    {
        Check(x, indices);
        var idx = IndexTensor("take_along_axis", indices);
        if (axis is null)
        {
            if (idx.Rank != 1) throw Errors.Arg("take_along_axis", "indices", $"with axis null, indices must be 1-D; got shape {idx.Shape}");
            (x, axis) = (Ravel(x), 0);
        }
        if (idx.Rank != x.Rank)
            throw Errors.Shapes("take_along_axis", "indices", idx.Shape, "x", x.Shape, "indices must have the rank of x");
        int a = Errors.NormalizeAxis("take_along_axis", axis.Value, x.Rank);
        int n = x.Shape[a], r = x.Rank;
        Shape Other(Shape s, int at) => new(s.Select((d, i) => i == a ? (Dim)at : d));
        var common = Broadcasting.Shapes("take_along_axis", ("x", Other(x.Shape, 1)), ("indices", Other(idx.Shape, 1)));
        x = Broadcasting.To(x, Other(common, n), "take_along_axis");
        idx = Broadcasting.To(idx, Other(common, idx.Shape[a]), "take_along_axis");
        if (n == 0) return FillOrEmpty("take_along_axis", x, idx.Shape.ToArray(), mode);
        idx = Where(Less(idx, 0), Add(idx, n), idx);
        int[] others = Enumerable.Range(0, r).Where(i => i != a).ToArray();
        var sizes = Enumerable.Repeat(1, r).ToArray();
        var g = GatherPrim(x, ExpandDims(idx, r), offsetDims: [], collapsed: [a], startMap: [a],
            batching: others, indexBatching: others, indexVectorDim: r, sizes);
        if (mode == IndexMode.Clip) return g;
        return Where(LogicalAnd(GreaterEqual(idx, 0), Less(idx, n)), g, FillValue(x.DType));
    }

    /// <summary>
    /// Gathers by index vectors (numpy <c>x[tuple(indices.T)]</c>, TensorFlow's <c>gather_nd</c>): the last axis of
    /// <paramref name="indices"/> (length k ≤ rank) indexes the first k axes of <paramref name="x"/>; the result has
    /// shape <c>indices.shape[:-1] + x.shape[k:]</c>. Out-of-range positions follow <paramref name="mode"/>.
    /// </summary>
    public static Tensor Gather(Tensor x, Tensor indices, IndexMode mode = IndexMode.Fill)
    {
        Check(x, indices);
        var idx = IndexTensor("gather", indices);
        if (idx.Rank == 0) throw Errors.Arg("gather", "indices", "indices need a last axis holding index vectors; got a scalar");
        int k = idx.Shape[idx.Rank - 1], q = idx.Rank, r = x.Rank;
        if (k > r) throw Errors.Shapes("gather", "indices", idx.Shape, "x", x.Shape, $"index vectors of length {k} exceed the rank {r} of x");
        int[] lead = x.Shape.ToArray()[..k];
        int[] outShape = [.. idx.Shape.ToArray()[..^1], .. x.Shape.ToArray()[k..]];
        if (lead.Any(d => d == 0)) return FillOrEmpty("gather", x, outShape, mode);
        var dims = Tensor.From(lead);
        idx = Where(Less(idx, 0), Add(idx, Astype(dims, idx.DType)), idx);
        int[] sizes = [.. Enumerable.Repeat(1, k), .. x.Shape.ToArray()[k..]];
        var front = Enumerable.Range(0, k).ToArray();
        var g = GatherPrim(x, idx, offsetDims: Enumerable.Range(q - 1, r - k).ToArray(), collapsed: front, startMap: front,
            batching: [], indexBatching: [], indexVectorDim: q - 1, sizes);
        if (mode == IndexMode.Clip) return g;
        var valid = All(LogicalAnd(GreaterEqual(idx, 0), Less(idx, Astype(dims, idx.DType))), -1);
        int[] validShape = [.. valid.Shape.ToArray(), .. Enumerable.Repeat(1, r - k)];
        return Where(Reshape(valid, validShape), g, FillValue(x.DType));
    }

    /// <summary>
    /// The block of <paramref name="sliceSizes"/> starting at <paramref name="startIndices"/> (one integer scalar per
    /// axis, possibly traced). As in JAX, negative starts count from the end and starts are clamped so the block fits.
    /// </summary>
    public static Tensor DynamicSlice(Tensor x, Tensor[] startIndices, int[] sliceSizes)
    {
        Check(x);
        ArgumentNullException.ThrowIfNull(sliceSizes);
        var starts = StartIndices("dynamic_slice", x, startIndices);
        return Prims.DynamicSlice.Bind1([x, .. starts], new DynamicSliceParams(sliceSizes));
    }

    /// <summary>
    /// <paramref name="x"/> with <paramref name="update"/> written at <paramref name="startIndices"/> (negative starts
    /// count from the end; starts are clamped so the update fits). A weakly typed update takes <paramref name="x"/>'s dtype.
    /// </summary>
    public static Tensor DynamicUpdateSlice(Tensor x, Tensor update, Tensor[] startIndices)
    {
        Check(x, update);
        if (update.DType != x.DType)
        {
            if (!update.IsWeak) throw Errors.DTypes("dynamic_update_slice", "update", update.DType, "x", x.DType);
            update = ConvertElementType(update, x.DType, weak: false);
        }
        if (update.Rank == 0 && x.Rank > 0) update = Reshape(update, Enumerable.Repeat(1, x.Rank).ToArray());
        var starts = StartIndices("dynamic_update_slice", x, startIndices);
        return Prims.DynamicUpdateSlice.Bind1([x, update, .. starts]);
    }

    private static Tensor[] StartIndices(string op, Tensor x, Tensor[] startIndices)
    {
        ArgumentNullException.ThrowIfNull(startIndices);
        if (startIndices.Length != x.Rank)
            throw Errors.Arg(op, "startIndices", $"needs one start per axis of {x.Shape} ({x.Rank}); got {startIndices.Length}");
        var starts = new Tensor[x.Rank];
        for (int i = 0; i < x.Rank; i++)
        {
            var s = startIndices[i] ?? throw new ArgumentNullException(nameof(startIndices), $"{op}: startIndices[{i}] is null");
            if (s.Rank != 0) throw Errors.Arg(op, "startIndices", $"startIndices[{i}] must be a scalar; got shape {s.Shape}");
            s = IndexTensor(op, s, "startIndices");
            if (s.DType != DType.I32) s = ConvertElementType(s, DType.I32, weak: false);
            starts[i] = Where(Less(s, 0), Add(s, (int)x.Shape[i]), s);
        }
        return starts;
    }

    /// <summary>Checks for an integer dtype; a weak literal becomes a strong I32.</summary>
    private static Tensor IndexTensor(string op, Tensor indices, string arg = "indices")
    {
        if (!indices.DType.IsInteger())
            throw Errors.Arg(op, arg, $"'{arg}' must have an integer dtype; got {indices.DType.ShortName()}");
        return indices.IsWeak ? ConvertElementType(indices, DType.I32, weak: false) : indices;
    }

    private static Tensor GatherPrim(Tensor x, Tensor idx, int[] offsetDims, int[] collapsed, int[] startMap,
        int[] batching, int[] indexBatching, int indexVectorDim, int[] sizes) =>
        Prims.Gather.Bind1([x, idx], new GatherParams(
            offsetDims, collapsed, batching, indexBatching, startMap, indexVectorDim, sizes));

    /// <summary>Taking from an empty axis: every index is out of range.</summary>
    private static Tensor FillOrEmpty(string op, Tensor x, int[] shape, IndexMode mode)
    {
        if (new Shape(shape).ElementCount == 0) return Full(shape, FillValue(x.DType), x.DType);
        if (mode == IndexMode.Clip) throw Errors.Arg(op, "x", $"cannot index into an empty axis of {x.Shape} in clip mode");
        return Full(shape, FillValue(x.DType), x.DType);
    }

    /// <summary>JAX's fill values for out-of-range reads.</summary>
    private static Tensor FillValue(DType t) => t switch
    {
        DType.Bool => true,
        _ when t.IsFloat() => Tensor.FromBytes(HostData.FromDouble(t, double.NaN), t, Shape.Scalar),
        _ => Tensor.FromBytes(HostData.Extreme(t, max: t.IsUnsigned()), t, Shape.Scalar),
    };

}
