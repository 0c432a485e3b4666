namespace Axle;

public static partial class Ops
{
    /// <summary>Sum over <paramref name="axis"/> (all axes when null). Bool and small integers sum in I32 (U32 for unsigned), as JAX does.</summary>
    public static Tensor Sum(Tensor x, int? axis = null, bool keepDims = false) => Sum(x, AxisList(axis), keepDims);

    /// <summary>Sum over several axes.</summary>
    public static Tensor Sum(Tensor x, int[]? axis, bool keepDims = false)
    {
        Check(x);
        DType t = x.DType;
        if (t == DType.Bool || (t.IsSignedInteger() && t.ByteSize() < 4)) x = ConvertElementType(x, DType.I32, x.IsWeak);
        else if (t.IsUnsigned() && t.ByteSize() < 4) x = ConvertElementType(x, DType.U32, x.IsWeak);
        return Reduce(Prims.ReduceSum, "sum", x, axis, keepDims);
    }

    /// <summary>Maximum over <paramref name="axis"/> (all axes when null).</summary>
    public static Tensor Max(Tensor x, int? axis = null, bool keepDims = false) => Max(x, AxisList(axis), keepDims);

    /// <summary>Maximum over several axes.</summary>
    public static Tensor Max(Tensor x, int[]? axis, bool keepDims = false) => Reduce(Prims.ReduceMax, "max", x, axis, keepDims, nonEmpty: true);

    /// <summary>Minimum over <paramref name="axis"/> (all axes when null).</summary>
    public static Tensor Min(Tensor x, int? axis = null, bool keepDims = false) => Min(x, AxisList(axis), keepDims);

    /// <summary>Minimum over several axes.</summary>
    public static Tensor Min(Tensor x, int[]? axis, bool keepDims = false) => Reduce(Prims.ReduceMin, "min", x, axis, keepDims, nonEmpty: true);

    /// <summary>Arithmetic mean over <paramref name="axis"/> (all axes when null); integers average in the default float.</summary>
    public static Tensor Mean(Tensor x, int? axis = null, bool keepDims = false) => Mean(x, AxisList(axis), keepDims);

    /// <summary>Mean over several axes.</summary>
    public static Tensor Mean(Tensor x, int[]? axis, bool keepDims = false)
    {
        Check(x);
        if (!x.DType.IsFloat()) x = ConvertElementType(x, DTypes.DefaultFloat, x.IsWeak);
        int[] axes = NormalizeAxes("mean", x, axis);
        long count = axes.Aggregate(1L, (n, a) => n * x.Shape[a]);
        return Divide(Sum(x, axes, keepDims), (double)count);
    }

    /// <summary>Product over <paramref name="axis"/> (all axes when null); dtypes widen like <see cref="Sum(Tensor, int?, bool)"/>.</summary>
    public static Tensor Prod(Tensor x, int? axis = null, bool keepDims = false) => Prod(x, AxisList(axis), keepDims);

    /// <summary>Product over several axes (1 for an empty reduction).</summary>
    public static Tensor Prod(Tensor x, int[]? axis, bool keepDims = false)
    {
        Check(x);
        return Reduce(Prims.ReduceProd, "prod", SumDType(x), axis, keepDims);
    }

    /// <summary>
    /// Index (I32) of the first maximum along <paramref name="axis"/>, or of the flattened tensor
    /// when null. A NaN counts as the maximum, so a slice holding NaN gives its first NaN (numpy/JAX).
    /// </summary>
    /// <exception cref="ArgumentException">The axis is out of range or the reduced axis is empty.</exception>
    public static Tensor ArgMax(Tensor x, int? axis = null, bool keepDims = false) => ArgExtreme("argmax", x, axis, keepDims, max: true);

    /// <summary>Index (I32) of the first minimum along <paramref name="axis"/> (flattened when null); NaN counts as the minimum.</summary>
    /// <exception cref="ArgumentException">The axis is out of range or the reduced axis is empty.</exception>
    public static Tensor ArgMin(Tensor x, int? axis = null, bool keepDims = false) => ArgExtreme("argmin", x, axis, keepDims, max: false);

    /// <summary>
    /// <c>log(sum(exp(x)))</c> over several axes (all when null), shifted by the finite maximum so it
    /// neither overflows nor turns an all <c>-inf</c> slice into NaN (that slice gives <c>-inf</c>).
    /// </summary>
    public static Tensor LogSumExp(Tensor x, int[]? axis, bool keepDims = false)
    {
        Check(x);
        if (!x.DType.IsFloat()) x = ConvertElementType(x, DTypes.DefaultFloat, x.IsWeak);
        int[] axes = NormalizeAxes("logsumexp", x, axis);
        if (axes.Any(a => x.Shape[a] == 0)) return Log(Sum(x, axes, keepDims));
        var m = Max(x, axes, keepDims: true);
        m = Where(Less(Abs(m), double.PositiveInfinity), m, 0.0);
        var r = Add(Log(Sum(Exp(Subtract(x, m)), axes, keepDims: true)), m);
        return keepDims ? r : Reshape(r, Enumerable.Range(0, x.Rank).Where(i => !axes.Contains(i)).Select(i => x.Shape[i].Value).ToArray());
    }

    /// <summary>Variance over <paramref name="axis"/> (all when null), dividing by <c>n - ddof</c>; integers compute in the default float.</summary>
    public static Tensor Var(Tensor x, int? axis = null, bool keepDims = false, int ddof = 0) => Var(x, AxisList(axis), keepDims, ddof);

    /// <summary>Variance over several axes, dividing by <c>n - ddof</c> (NaN or inf when that is not positive, as in JAX).</summary>
    public static Tensor Var(Tensor x, int[]? axis, bool keepDims = false, int ddof = 0)
    {
        Check(x);
        if (!x.DType.IsFloat()) x = ConvertElementType(x, DTypes.DefaultFloat, x.IsWeak);
        int[] axes = NormalizeAxes("var", x, axis);
        long n = axes.Aggregate(1L, (k, a) => k * x.Shape[a]);
        var d = Subtract(x, Mean(x, axes, keepDims: true));
        return Divide(Sum(Multiply(d, d), axes, keepDims), (double)Math.Max(n - ddof, 0));
    }

    /// <summary>Standard deviation: the square root of <see cref="Var(Tensor, int?, bool, int)"/>.</summary>
    public static Tensor Std(Tensor x, int? axis = null, bool keepDims = false, int ddof = 0) => Sqrt(Var(x, axis, keepDims, ddof));

    /// <summary>Standard deviation over several axes.</summary>
    public static Tensor Std(Tensor x, int[]? axis, bool keepDims = false, int ddof = 0) => Sqrt(Var(x, axis, keepDims, ddof));

    /// <summary>True where every element along <paramref name="axis"/> is non-zero (true for an empty reduction).</summary>
    public static Tensor All(Tensor x, int? axis = null, bool keepDims = false) => All(x, AxisList(axis), keepDims);

    /// <summary><see cref="All(Tensor, int?, bool)"/> over several axes.</summary>
    public static Tensor All(Tensor x, int[]? axis, bool keepDims = false) => Reduce(Prims.ReduceAnd, "all", AsBool(x), axis, keepDims);

    /// <summary>True where some element along <paramref name="axis"/> is non-zero (false for an empty reduction).</summary>
    public static Tensor Any(Tensor x, int? axis = null, bool keepDims = false) => Any(x, AxisList(axis), keepDims);

    /// <summary><see cref="Any(Tensor, int?, bool)"/> over several axes.</summary>
    public static Tensor Any(Tensor x, int[]? axis, bool keepDims = false) => Reduce(Prims.ReduceOr, "any", AsBool(x), axis, keepDims);

    /// <summary>The number (I32) of non-zero elements along <paramref name="axis"/> (all when null).</summary>
    public static Tensor CountNonzero(Tensor x, int? axis = null, bool keepDims = false) => CountNonzero(x, AxisList(axis), keepDims);

    /// <summary><see cref="CountNonzero(Tensor, int?, bool)"/> over several axes.</summary>
    public static Tensor CountNonzero(Tensor x, int[]? axis, bool keepDims = false) => Sum(AsBool(x), axis, keepDims);

    private static Tensor AsBool(Tensor x)
    {
        Check(x);
        return x.DType == DType.Bool ? x : ConvertElementType(x, DType.Bool, weak: false);
    }

    /// <summary>Bool and small integers accumulate in I32 (U32 for unsigned), as JAX's sum and prod do.</summary>
    private static Tensor SumDType(Tensor x)
    {
        DType t = x.DType;
        if (t == DType.Bool || (t.IsSignedInteger() && t.ByteSize() < 4)) return ConvertElementType(x, DType.I32, x.IsWeak);
        if (t.IsUnsigned() && t.ByteSize() < 4) return ConvertElementType(x, DType.U32, x.IsWeak);
        return x;
    }

    // A composition rather than a primitive: the first position where x equals its maximum (or is
    // NaN: a NaN maximum equals nothing, and a slice without NaN has no NaN to match).
    private static Tensor ArgExtreme(string op, Tensor x, int? axis, bool keepDims, bool max)
    {
        Check(x);
        int a, rank = x.Rank;
        if (axis is int given) a = Errors.NormalizeAxis(op, given, x.Rank);
        else if (keepDims) return Reshape(ArgExtreme(op, x, null, false, max), Enumerable.Repeat(1, rank).ToArray());
        else (x, a) = (Ravel(x), 0);
        int n = x.Shape[a];
        if (n == 0) throw Errors.Arg(op, "x", $"cannot take {op} over axis {a} of size zero in {x.Shape}");
        var m = max ? Max(x, [a], keepDims: true) : Min(x, [a], keepDims: true);
        var hit = Equal(x, m);
        if (x.DType.IsFloat()) hit = LogicalOr(hit, NotEqual(x, x));
        var iota = Prims.Iota.Bind1([], new IotaParams(DType.I32, x.Shape.ToArray(), a));
        return Min(Where(hit, iota, n), [a], keepDims);
    }


    internal static Tensor Reduce(Primitive p, string op, Tensor x, int[]? axis, bool keepDims, bool nonEmpty = false)
    {
        Check(x);
        int[] axes = NormalizeAxes(op, x, axis);
        if (nonEmpty)
            foreach (int a in axes)
                if (x.Shape[a] == 0) throw Errors.Arg(op, "x", $"cannot reduce over axis {a} of size zero in {x.Shape} (no identity)");
        var r = axes.Length == 0 ? x : p.Bind1([x], new ReduceParams(axes));
        return keepDims ? Reshape(r, KeptShape(x.Shape, axes)) : r;
    }

    internal static int[] NormalizeAxes(string op, Tensor x, int[]? axis)
    {
        if (axis is null) return Enumerable.Range(0, x.Rank).ToArray();
        var axes = axis.Select(a => Errors.NormalizeAxis(op, a, x.Rank)).Order().ToArray();
        if (axes.Distinct().Count() != axes.Length) throw Errors.Arg(op, "axis", $"repeated axis in [{string.Join(", ", axis)}]");
        return axes;
    }

    internal static int[] KeptShape(Shape s, int[] axes) =>
        Enumerable.Range(0, s.Rank).Select(i => axes.Contains(i) ? 1 : s[i].Value).ToArray();

    private static int[]? AxisList(int? axis) => axis is int a ? [a] : null;
}
