namespace Axle;

public static partial class Ops
{
    /// <summary><c>log(sum(exp(x)))</c> over <paramref name="axis"/>, computed stably (shifted by the finite maximum).</summary>
    public static Tensor LogSumExp(Tensor x, int? axis = null, bool keepDims = false)
    {
        Check(x);
        if (!x.DType.IsFloat()) x = ConvertElementType(x, DTypes.DefaultFloat, x.IsWeak);
        int[]? axes = axis is int a ? [a] : null;
        var m = Max(x, axes, keepDims: true);
        // An all -inf (or inf) slice would give inf - inf = NaN; shift by 0 there instead.
        m = Where(IsFinite(m), m, 0.0);
        var r = Add(Log(Sum(Exp(Subtract(x, m)), axes, keepDims: true)), m);
        return keepDims ? r : Squeeze(r, NormalizeAxes("logsumexp", x, axes));
    }

    /// <summary><c>x - logsumexp(x)</c> along <paramref name="axis"/> (default: the last).</summary>
    public static Tensor LogSoftmax(Tensor x, int axis = -1)
    {
        Check(x);
        var shifted = Subtract(x, Max(x, axis, keepDims: true));
        return Subtract(shifted, Log(Sum(Exp(shifted), axis, keepDims: true)));
    }

    /// <summary><c>exp(x) / sum(exp(x))</c> along <paramref name="axis"/> (default: the last).</summary>
    public static Tensor Softmax(Tensor x, int axis = -1)
    {
        Check(x);
        var e = Exp(Subtract(x, Max(x, axis, keepDims: true)));
        return Divide(e, Sum(e, axis, keepDims: true));
    }

    /// <summary>True where <paramref name="x"/> is neither infinite nor NaN.</summary>
    public static Tensor IsFinite(Tensor x)
    {
        Check(x);
        if (!x.DType.IsFloat()) return Full(x.Shape.ToArray(), true);
        return Less(Abs(x), double.PositiveInfinity);
    }
}
