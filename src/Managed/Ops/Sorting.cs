namespace Axle;

public static partial class Ops
{
    /// <summary>
    /// <paramref name="x"/> sorted along <paramref name="axis"/> (default: the last; the flattened tensor when null).
    /// Stable; NaN sorts last (first when <paramref name="descending"/>), and -0.0 ties with 0.0, as in numpy/JAX.
    /// </summary>
    public static Tensor Sort(Tensor x, int? axis = -1, bool descending = false)
    {
        Check(x);
        if (axis is null) (x, axis) = (Ravel(x), 0);
        if (x.Rank == 0) return x;
        int a = Errors.NormalizeAxis("sort", axis.Value, x.Rank);
        var key = SortKey(x);
        if (ReferenceEquals(key, x)) return SortPrim([x], a, descending)[0];
        return SortPrim([key, x], a, descending)[1];
    }

    /// <summary>
    /// The indices (I32) that sort <paramref name="x"/> along <paramref name="axis"/> (default: the last; flattened
    /// when null), stable: equal elements keep their order. NaN sorts last (first when <paramref name="descending"/>).
    /// </summary>
    public static Tensor ArgSort(Tensor x, int? axis = -1, bool descending = false)
    {
        Check(x);
        if (axis is null) (x, axis) = (Ravel(x), 0);
        if (x.Rank == 0) return Tensor.From(0);
        int a = Errors.NormalizeAxis("argsort", axis.Value, x.Rank);
        var iota = Prims.Iota.Bind1([], new IotaParams(DType.I32, x.Shape.ToArray(), a));
        return SortPrim([SortKey(x), iota], a, descending)[1];
    }

    /// <summary>
    /// The <paramref name="k"/> largest entries along the last axis, largest first, and their indices (I32); ties
    /// keep the lower index first and NaN counts as the largest.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="k"/> is negative or exceeds the last axis.</exception>
    public static (Tensor Values, Tensor Indices) TopK(Tensor x, int k)
    {
        Check(x);
        if (x.Rank == 0) throw Errors.Arg("top_k", "x", "needs at least one axis; got a scalar");
        int a = x.Rank - 1, n = x.Shape[a];
        if (k < 0 || k > n) throw Errors.Arg("top_k", "k", $"k = {k} must lie in [0, {n}] for shape {x.Shape}");
        var iota = Prims.Iota.Bind1([], new IotaParams(DType.I32, x.Shape.ToArray(), a));
        var sorted = SortPrim([SortKey(x), iota, x], a, descending: true);
        return (SliceAxis(sorted[2], a, 0, k), SliceAxis(sorted[1], a, 0, k));
    }

    private static Tensor[] SortPrim(Tensor[] operands, int axis, bool descending) =>
        Prims.Sort.Bind(operands, new SortParams(axis, NumKeys: 1, descending, IsStable: true));

    /// <summary>
    /// The comparison key: floats canonicalized (every NaN to +NaN, -0.0 to 0.0) so IEEE total order agrees with
    /// numpy; bool as U8; other dtypes as they are (the same tensor).
    /// </summary>
    private static Tensor SortKey(Tensor x)
    {
        if (x.DType == DType.Bool) return ConvertElementType(x, DType.U8, weak: false);
        if (x.IsWeak) x = ConvertElementType(x, x.DType, weak: false);
        if (!x.DType.IsFloat()) return x;
        var nan = Tensor.FromBytes(HostData.FromDouble(x.DType, BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0000)), x.DType, Shape.Scalar);
        var zero = Tensor.FromBytes(new byte[x.DType.ByteSize()], x.DType, Shape.Scalar);
        return Where(NotEqual(x, x), nan, Where(Equal(x, zero), zero, x));
    }
}
