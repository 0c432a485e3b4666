namespace Axle;

/// <summary>
/// Axle's public operations, <c>using static Axle.Ops;</c>-friendly. Split by family; every op is
/// a composition of primitives with numpy broadcasting and JAX type promotion.
/// </summary>
public static partial class Ops
{
    /// <summary>Elementwise <c>x + y</c>.</summary>
    public static Tensor Add(Tensor x, Tensor y) => Binary(Prims.Add, x, y);

    /// <summary>Elementwise <c>x - y</c>.</summary>
    public static Tensor Subtract(Tensor x, Tensor y) => Binary(Prims.Sub, x, y);

    /// <summary>Elementwise <c>x * y</c>.</summary>
    public static Tensor Multiply(Tensor x, Tensor y) => Binary(Prims.Mul, x, y);

    /// <summary>True division: integer operands are promoted to the default float first.</summary>
    public static Tensor Divide(Tensor x, Tensor y)
    {
        Check(x, y);
        var (dtype, weak) = TypePromotion.Result(x.Aval, y.Aval);
        if (!dtype.IsFloat())
        {
            x = ConvertElementType(x, DTypes.DefaultFloat, weak);
            y = ConvertElementType(y, DTypes.DefaultFloat, weak);
        }
        return Binary(Prims.Div, x, y);
    }

    /// <summary>Floor modulo with the sign of <paramref name="y"/> (numpy/JAX <c>remainder</c>, C#'s <c>%</c> on tensors).</summary>
    public static Tensor Remainder(Tensor x, Tensor y)
    {
        Check(x, y);
        (x, y) = PromoteAndBroadcast("remainder", x, y);
        var r = Prims.Rem.Bind1([x, y]);
        if (x.DType.IsUnsigned()) return r;
        var zero = ConvertElementType(0, r.DType, weak: false);
        var signsDiffer = Prims.Ne.Bind1([Less(r, zero), Less(y, zero)]);
        var fix = Where(signsDiffer, Add(r, y), r);
        return Where(NotEqual(r, zero), fix, r);
    }

    /// <summary>Elementwise maximum (NaN-propagating on the bundled plugin, as StableHLO specifies).</summary>
    public static Tensor Maximum(Tensor x, Tensor y) => Binary(Prims.Max, x, y);

    /// <summary>Elementwise minimum.</summary>
    public static Tensor Minimum(Tensor x, Tensor y) => Binary(Prims.Min, x, y);

    /// <summary>Elementwise <c>-x</c>.</summary>
    public static Tensor Negate(Tensor x)
    {
        Check(x);
        return Prims.Neg.Bind1([x]);
    }

    /// <summary>Elementwise absolute value.</summary>
    public static Tensor Abs(Tensor x)
    {
        Check(x);
        return x.DType.IsUnsigned() || x.DType == DType.Bool ? x : Prims.Abs.Bind1([x]);
    }

    /// <summary>Elementwise <c>x &lt; y</c> (Bool).</summary>
    public static Tensor Less(Tensor x, Tensor y) => Binary(Prims.Lt, x, y);

    /// <summary>Elementwise <c>x &lt;= y</c> (Bool).</summary>
    public static Tensor LessEqual(Tensor x, Tensor y) => Binary(Prims.Le, x, y);

    /// <summary>Elementwise <c>x &gt; y</c> (Bool).</summary>
    public static Tensor Greater(Tensor x, Tensor y) => Binary(Prims.Gt, x, y);

    /// <summary>Elementwise <c>x &gt;= y</c> (Bool).</summary>
    public static Tensor GreaterEqual(Tensor x, Tensor y) => Binary(Prims.Ge, x, y);

    /// <summary>Elementwise <c>x == y</c> (Bool).</summary>
    public static Tensor Equal(Tensor x, Tensor y) => Binary(Prims.Eq, x, y);

    /// <summary>Elementwise <c>x != y</c> (Bool).</summary>
    public static Tensor NotEqual(Tensor x, Tensor y) => Binary(Prims.Ne, x, y);

    /// <summary>Elementwise <c>condition ? x : y</c>, broadcasting all three; a non-bool condition means "non-zero".</summary>
    public static Tensor Where(Tensor condition, Tensor x, Tensor y)
    {
        Check(condition, x, y);
        if (condition.DType != DType.Bool) condition = ConvertElementType(condition, DType.Bool, weak: false);
        var xy = TypePromotion.Promote(x, y);
        (x, y) = (xy[0], xy[1]);
        var shape = Broadcasting.Shapes("where", ("condition", condition.Shape), ("x", x.Shape), ("y", y.Shape));
        return Prims.Select.Bind1([Broadcasting.To(condition, shape), Broadcasting.To(y, shape), Broadcasting.To(x, shape)]);
    }

    /// <summary><paramref name="x"/> converted to <paramref name="dtype"/> (numpy <c>astype</c>: floats truncate toward zero, non-zero → true).</summary>
    public static Tensor Astype(Tensor x, DType dtype)
    {
        Check(x);
        return x.DType == dtype && !x.IsWeak ? x : ConvertElementType(x, dtype, weak: false);
    }

    internal static Tensor ConvertElementType(Tensor x, DType dtype, bool weak) =>
        Prims.ConvertElementType.Bind1([x], new ConvertElementTypeParams(dtype, weak));

    /// <summary>Promotes, broadcasts, and binds a binary primitive.</summary>
    internal static Tensor Binary(Primitive p, Tensor x, Tensor y)
    {
        Check(x, y);
        (x, y) = PromoteAndBroadcast(p.Name, x, y);
        return p.Bind1([x, y]);
    }

    internal static (Tensor, Tensor) PromoteAndBroadcast(string op, Tensor x, Tensor y)
    {
        var both = TypePromotion.Promote(x, y);
        var shape = Broadcasting.Shapes(op, ("x", x.Shape), ("y", y.Shape));
        return (Broadcasting.To(both[0], shape, op), Broadcasting.To(both[1], shape, op));
    }

    /// <summary>Unary float op: integer and bool inputs are promoted to the default float first (as jnp does).</summary>
    internal static Tensor FloatUnary(Primitive p, Tensor x)
    {
        Check(x);
        if (!x.DType.IsFloat()) x = ConvertElementType(x, DTypes.DefaultFloat, x.IsWeak);
        return p.Bind1([x]);
    }

    internal static void Check(Tensor x) => ArgumentNullException.ThrowIfNull(x);

    internal static void Check(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
    }

    internal static void Check(Tensor x, Tensor y, Tensor z)
    {
        Check(x, y);
        ArgumentNullException.ThrowIfNull(z);
    }
}
