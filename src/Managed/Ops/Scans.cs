namespace Axle;

/// <summary>
/// Cumulative reductions as an associative scan (Blelloch-style odd/even recursion, as in JAX's
/// <c>lax.associative_scan</c>): a composition of slice, concatenate, reshape and the combining op,
/// so O(n log n) work, O(log n) program depth, no scan primitive, and every transform rule comes free.
/// </summary>
public static partial class Ops
{
    /// <summary>Running sum along <paramref name="axis"/> (of the flattened tensor when null); small integers and bool accumulate in I32, as in JAX.</summary>
    public static Tensor Cumsum(Tensor x, int? axis = null, bool reverse = false) =>
        Cumulative("cumsum", x, axis, reverse, widen: true, Add);

    /// <summary>Running product along <paramref name="axis"/> (of the flattened tensor when null).</summary>
    public static Tensor Cumprod(Tensor x, int? axis = null, bool reverse = false) =>
        Cumulative("cumprod", x, axis, reverse, widen: true, Multiply);

    /// <summary>Running maximum along <paramref name="axis"/> (of the flattened tensor when null); NaN propagates.</summary>
    public static Tensor Cummax(Tensor x, int? axis = null, bool reverse = false) =>
        Cumulative("cummax", x, axis, reverse, widen: false, Maximum);

    /// <summary>Running minimum along <paramref name="axis"/> (of the flattened tensor when null); NaN propagates.</summary>
    public static Tensor Cummin(Tensor x, int? axis = null, bool reverse = false) =>
        Cumulative("cummin", x, axis, reverse, widen: false, Minimum);

    private static Tensor Cumulative(string op, Tensor x, int? axis, bool reverse, bool widen, Func<Tensor, Tensor, Tensor> combine)
    {
        Check(x);
        if (axis is null) (x, axis) = (Ravel(x), 0);
        int a = Errors.NormalizeAxis(op, axis.Value, x.Rank);
        x = widen ? SumDType(x) : x;
        if (x.IsWeak) x = ConvertElementType(x, x.DType, weak: false);
        if (reverse) x = Flip(x, a);
        var r = AssociativeScan(x, a, combine);
        return reverse ? Flip(r, a) : r;
    }

    /// <summary>Inclusive scan of <paramref name="x"/> along <paramref name="axis"/> with an associative <paramref name="f"/>.</summary>
    internal static Tensor AssociativeScan(Tensor x, int axis, Func<Tensor, Tensor, Tensor> f)
    {
        int n = x.Shape[axis];
        if (n < 2 || x.Shape.ElementCount == 0) return x;
        // Combine neighbouring pairs, scan the half-length result: that gives every odd position.
        var pairs = f(SliceAxis(x, axis, 0, n - 1, 2), SliceAxis(x, axis, 1, n, 2));
        var odd = AssociativeScan(pairs, axis, f);
        // Even positions 2, 4, ...: the scan up to the previous odd position, combined with the element.
        var evenTail = SliceAxis(x, axis, 2, n, 2);
        int m = evenTail.Shape[axis];
        var even = m == 0 ? SliceAxis(x, axis, 0, 1) : Concatenate([SliceAxis(x, axis, 0, 1), f(SliceAxis(odd, axis, 0, m), evenTail)], axis);
        return Interleave(even, odd, axis);
    }

    /// <summary><c>even[0], odd[0], even[1], odd[1], ...</c> along <paramref name="axis"/>; even has as many or one more.</summary>
    private static Tensor Interleave(Tensor even, Tensor odd, int axis)
    {
        int ne = even.Shape[axis], no = odd.Shape[axis];
        // Pad odd to even's length, pair them on a new axis, merge the two axes, drop the padding.
        var oddPadded = no == ne ? odd : Concatenate([odd, SliceAxis(even, axis, 0, 1)], axis);
        var pairs = Concatenate([ExpandDims(even, axis + 1), ExpandDims(oddPadded, axis + 1)], axis + 1);
        var dims = even.Shape.ToArray();
        dims[axis] = 2 * ne;
        return SliceAxis(Reshape(pairs, dims), axis, 0, ne + no);
    }
}
