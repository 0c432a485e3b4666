namespace Axle;

public static partial class Ops
{
    /// <summary>
    /// Adds <paramref name="updates"/> into <paramref name="x"/> at index vectors (the counterpart of
    /// <see cref="Gather(Tensor, Tensor, IndexMode)"/>, JAX's <c>x.at[tuple(indices.T)].add(updates)</c>):
    /// the last axis of <paramref name="indices"/> (length k ≤ rank) indexes the first k axes of
    /// <paramref name="x"/>, and <paramref name="updates"/> broadcasts to
    /// <c>indices.shape[:-1] + x.shape[k:]</c>. Repeated indices accumulate; negative indices count
    /// from the end; updates at positions still out of range are dropped (JAX's default mode).
    /// </summary>
    public static Tensor ScatterAdd(Tensor x, Tensor indices, Tensor updates)
    {
        Check(x, indices, updates);
        var idx = IndexTensor("scatter_add", indices);
        if (idx.Rank == 0) throw Errors.Arg("scatter_add", "indices", "indices need a last axis holding index vectors; got a scalar");
        int k = idx.Shape[idx.Rank - 1], q = idx.Rank, r = x.Rank;
        if (k > r) throw Errors.Shapes("scatter_add", "indices", idx.Shape, "x", x.Shape, $"index vectors of length {k} exceed the rank {r} of x");
        int[] shape = [.. idx.Shape.ToArray()[..^1], .. x.Shape.ToArray()[k..]];
        updates = UpdatesFor("scatter_add", x, updates, shape);
        if (x.Shape.ElementCount == 0 || updates.Shape.ElementCount == 0) return x;
        var dims = ConvertElementType(Tensor.From(x.Shape.ToArray()[..k]), idx.DType, weak: false);
        idx = Where(Less(idx, 0), Add(idx, dims), idx);
        var front = Enumerable.Range(0, k).ToArray();
        return ScatterAddPrim(x, idx, updates, window: Enumerable.Range(q - 1, r - k).ToArray(), inserted: front,
            toOperand: front, indexVectorDim: q - 1);
    }

    /// <summary>
    /// Adds <paramref name="updates"/> into <paramref name="x"/> at <paramref name="indices"/> along
    /// <paramref name="axis"/> (the counterpart of <see cref="Take"/>, JAX's
    /// <c>x.at[..., indices, ...].add(updates)</c>): <paramref name="updates"/> broadcasts to
    /// <c>x.shape[:axis] + indices.shape + x.shape[axis+1:]</c>. Repeated indices accumulate;
    /// negative indices count from the end; updates at positions still out of range are dropped.
    /// </summary>
    public static Tensor IndexAdd(Tensor x, Tensor indices, Tensor updates, int axis = 0)
    {
        Check(x, indices, updates);
        if (x.Rank == 0) throw Errors.Arg("index_add", "x", "cannot index a scalar along an axis");
        int a = Errors.NormalizeAxis("index_add", axis, x.Rank);
        var idx = IndexTensor("index_add", indices);
        int n = x.Shape[a], r = x.Rank, q = idx.Rank;
        int[] shape = [.. x.Shape.ToArray()[..a], .. idx.Shape.ToArray(), .. x.Shape.ToArray()[(a + 1)..]];
        updates = UpdatesFor("index_add", x, updates, shape);
        if (x.Shape.ElementCount == 0 || updates.Shape.ElementCount == 0) return x;
        idx = Where(Less(idx, 0), Add(idx, n), idx);
        int[] window = [.. Enumerable.Range(0, a), .. Enumerable.Range(a + q, r - a - 1)];
        return ScatterAddPrim(x, idx, updates, window, inserted: [a], toOperand: [a], indexVectorDim: q);
    }

    // Updates take x's dtype when weak and broadcast to the shape the indices select.
    private static Tensor UpdatesFor(string op, Tensor x, Tensor updates, int[] shape)
    {
        if (!x.DType.IsInteger() && !x.DType.IsFloat())
            throw Errors.Arg(op, "x", $"'x' must be numeric; got {x.DType.ShortName()}");
        if (updates.DType != x.DType)
        {
            if (!updates.IsWeak) throw Errors.DTypes(op, "updates", updates.DType, "x", x.DType);
            updates = ConvertElementType(updates, x.DType, weak: false);
        }
        return Broadcasting.To(updates, new Shape(shape), op);
    }

    private static Tensor ScatterAddPrim(Tensor x, Tensor idx, Tensor updates, int[] window, int[] inserted, int[] toOperand,
        int indexVectorDim) =>
        Prims.ScatterAdd.Bind1([x.IsWeak ? ConvertElementType(x, x.DType, weak: false) : x, idx, updates], new ScatterParams(
            window, inserted, Array.Empty<int>(), Array.Empty<int>(), toOperand, indexVectorDim));
}
