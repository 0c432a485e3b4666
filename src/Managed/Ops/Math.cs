namespace Axle;

public static partial class Ops
{
    // ---------------- rounding and sign ----------------

    /// <summary>Elementwise sign: -1, 0 or 1 (NaN stays NaN; unsigned and bool give 0 or 1).</summary>
    public static Tensor Sign(Tensor x)
    {
        Check(x);
        if (x.DType == DType.Bool) return x;
        if (x.DType.IsUnsigned()) return ConvertElementType(Greater(x, 0), x.DType, x.IsWeak);
        return Prims.Sign.Bind1([x]);
    }

    /// <summary>Elementwise floor; integers are returned unchanged (as jnp does).</summary>
    public static Tensor Floor(Tensor x) => IntegerIdentity(Prims.Floor, x);

    /// <summary>Elementwise ceiling; integers are returned unchanged.</summary>
    public static Tensor Ceil(Tensor x) => IntegerIdentity(Prims.Ceil, x);

    /// <summary>
    /// Rounds to <paramref name="decimals"/> decimal places, halves to even (numpy <c>round</c>:
    /// 0.5 → 0, 1.5 → 2, -2.5 → -2); integers are returned unchanged.
    /// </summary>
    public static Tensor Round(Tensor x, int decimals = 0)
    {
        Check(x);
        if (!x.DType.IsFloat()) return x;
        if (decimals == 0) return Prims.Round.Bind1([x]);
        double factor = Math.Pow(10, decimals);
        return Divide(Prims.Round.Bind1([Multiply(x, factor)]), factor);
    }

    // ---------------- powers, roots, exponentials, logarithms ----------------

    /// <summary>Elementwise <c>x²</c> (keeps integer dtypes).</summary>
    public static Tensor Square(Tensor x)
    {
        Check(x);
        return Multiply(x, x);
    }

    /// <summary>Elementwise <c>1 / x</c>; integers become the default float (as jnp does).</summary>
    public static Tensor Reciprocal(Tensor x)
    {
        Check(x);
        return Divide(1.0, x);
    }

    /// <summary>Elementwise <c>2^x</c>, as JAX lowers it: <c>exp(x · ln 2)</c>.</summary>
    public static Tensor Exp2(Tensor x)
    {
        x = ToFloat(x);
        return Prims.Exp.Bind1([Multiply(x, Math.Log(2))]);
    }

    /// <summary>Elementwise base-2 logarithm (<c>log(x) / ln 2</c>, as jnp computes it).</summary>
    public static Tensor Log2(Tensor x) => Divide(Log(x), Math.Log(2));

    /// <summary>Elementwise base-10 logarithm (<c>log(x) / ln 10</c>, as jnp computes it).</summary>
    public static Tensor Log10(Tensor x) => Divide(Log(x), Math.Log(10));

    /// <summary>
    /// Elementwise <c>x^y</c> with broadcasting and promotion. Integer operands give integer powers
    /// (a negative exponent gives 0 unless the base is ±1, as XLA's integer power does); floats
    /// follow C's <c>pow</c>.
    /// </summary>
    public static Tensor Power(Tensor x, Tensor y) => Binary(Prims.Pow, x, y);

    /// <summary>Same as <see cref="Power"/>.</summary>
    public static Tensor Pow(Tensor x, Tensor y) => Power(x, y);

    /// <summary>Elementwise <c>sqrt(x² + y²)</c> without overflow or underflow in the squares.</summary>
    public static Tensor Hypot(Tensor x, Tensor y)
    {
        Check(x, y);
        (x, y) = FloatPair(x, y);
        Tensor a = Abs(x), b = Abs(y);
        Tensor big = Maximum(a, b), small = Minimum(a, b);
        var r = Divide(small, Where(Equal(big, 0), 1.0, big));
        var h = Multiply(big, Sqrt(Add(1.0, Multiply(r, r))));
        return Where(LogicalOr(IsInf(a), IsInf(b)), double.PositiveInfinity, h);
    }

    // ---------------- trigonometric and hyperbolic ----------------

    /// <summary>Elementwise <c>atan(x / y)</c> in the quadrant of <c>(y, x)</c> (numpy <c>arctan2(x, y)</c>).</summary>
    public static Tensor Atan2(Tensor x, Tensor y)
    {
        Check(x, y);
        (x, y) = FloatPair(x, y);
        return Binary(Prims.Atan2, x, y);
    }

    // ---------------- division and remainders ----------------

    /// <summary>C's <c>fmod</c>: the remainder of truncated division, with the sign of <paramref name="x"/>.</summary>
    public static Tensor Fmod(Tensor x, Tensor y) => Binary(Prims.Rem, x, y);

    /// <summary>
    /// <c>floor(x / y)</c> (numpy <c>floor_divide</c>, Python's <c>//</c>): integers stay integers;
    /// floats use the remainder so that <c>FloorDivide(x, y) * y + Remainder(x, y) == x</c>.
    /// </summary>
    public static Tensor FloorDivide(Tensor x, Tensor y)
    {
        Check(x, y);
        (x, y) = PromoteAndBroadcast("floor_divide", x, y);
        if (x.DType == DType.Bool) throw Errors.Arg("floor_divide", "x", "bool operands are not supported; convert them first");
        if (x.DType.IsUnsigned()) return Prims.Div.Bind1([x, y]);
        if (x.DType.IsInteger())
        {
            var q = Prims.Div.Bind1([x, y]);
            var r = Prims.Rem.Bind1([x, y]);
            var adjust = LogicalAnd(NotEqual(r, 0), NotEqual(Less(r, 0), Less(y, 0)));
            return Where(adjust, Subtract(q, 1), q);
        }
        // JAX's float divmod: exact quotient of x - fmod(x, y), then floor with a half-ulp guard.
        var mod = Prims.Rem.Bind1([x, y]);
        var div = Divide(Subtract(x, mod), y);
        var fix = LogicalAnd(NotEqual(mod, 0), NotEqual(Less(y, 0), Less(mod, 0)));
        div = Where(fix, Subtract(div, 1), div);
        var fl = Floor(div);
        fl = Where(Greater(Subtract(div, fl), 0.5), Add(fl, 1), fl);
        return Where(NotEqual(div, 0), fl, Multiply(Divide(x, y), 0.0));
    }

    // ---------------- minimum / maximum / clip ----------------

    /// <summary>
    /// Limits <paramref name="x"/> to <c>[min, max]</c> elementwise (<c>Minimum(Maximum(x, min), max)</c>,
    /// as jnp); either bound may be null. Bounds broadcast and promote like any operand.
    /// </summary>
    public static Tensor Clip(Tensor x, Tensor? min = null, Tensor? max = null)
    {
        Check(x);
        if (min is not null) x = Maximum(x, min);
        if (max is not null) x = Minimum(x, max);
        return x;
    }

    // ---------------- classification ----------------

    /// <summary>True where <paramref name="x"/> is NaN (false for integers).</summary>
    public static Tensor IsNan(Tensor x)
    {
        Check(x);
        return x.DType.IsFloat() ? NotEqual(x, x) : Full(x.Shape.ToArray(), false);
    }

    /// <summary>True where <paramref name="x"/> is +inf or -inf (false for integers).</summary>
    public static Tensor IsInf(Tensor x)
    {
        Check(x);
        return x.DType.IsFloat() ? Equal(Abs(x), double.PositiveInfinity) : Full(x.Shape.ToArray(), false);
    }

    // ---------------- bitwise (integers and bool) ----------------

    /// <summary>Elementwise bitwise AND (logical AND for bool).</summary>
    public static Tensor BitwiseAnd(Tensor x, Tensor y) => Binary(Prims.And, x, y);

    /// <summary>Elementwise bitwise OR (logical OR for bool).</summary>
    public static Tensor BitwiseOr(Tensor x, Tensor y) => Binary(Prims.Or, x, y);

    /// <summary>Elementwise bitwise XOR (logical XOR for bool).</summary>
    public static Tensor BitwiseXor(Tensor x, Tensor y) => Binary(Prims.Xor, x, y);

    /// <summary>Elementwise bitwise NOT (<c>~x</c>; logical NOT for bool).</summary>
    public static Tensor BitwiseNot(Tensor x)
    {
        Check(x);
        return Prims.Not.Bind1([x]);
    }

    /// <summary>Elementwise <c>x &lt;&lt; y</c> for integers (a shift by the bit width or more gives 0).</summary>
    public static Tensor ShiftLeft(Tensor x, Tensor y) => Shift("shift_left", Prims.ShiftLeft, x, y);

    /// <summary>
    /// Elementwise <c>x &gt;&gt; y</c> for integers: arithmetic (sign-filling) for signed dtypes,
    /// logical for unsigned ones, as numpy's <c>right_shift</c>.
    /// </summary>
    public static Tensor ShiftRight(Tensor x, Tensor y)
    {
        Check(x, y);
        var (dtype, _) = TypePromotion.Result(x.Aval, y.Aval);
        return Shift("shift_right", dtype.IsUnsigned() ? Prims.ShiftRightLogical : Prims.ShiftRightArithmetic, x, y);
    }

    // ---------------- logical (any dtype: non-zero is true) ----------------

    /// <summary>Elementwise logical AND; operands are taken as bool (non-zero is true).</summary>
    public static Tensor LogicalAnd(Tensor x, Tensor y) => Logical(Prims.And, x, y);

    /// <summary>Elementwise logical OR.</summary>
    public static Tensor LogicalOr(Tensor x, Tensor y) => Logical(Prims.Or, x, y);

    /// <summary>Elementwise logical XOR.</summary>
    public static Tensor LogicalXor(Tensor x, Tensor y) => Logical(Prims.Xor, x, y);

    /// <summary>Elementwise logical NOT.</summary>
    public static Tensor LogicalNot(Tensor x)
    {
        Check(x);
        return Prims.Not.Bind1([ToBool(x)]);
    }

    // ---------------- helpers ----------------

    private static Tensor Logical(Primitive p, Tensor x, Tensor y)
    {
        Check(x, y);
        return Binary(p, ToBool(x), ToBool(y));
    }

    private static Tensor ToBool(Tensor x) => x.DType == DType.Bool ? x : ConvertElementType(x, DType.Bool, weak: false);

    private static Tensor Shift(string op, Primitive p, Tensor x, Tensor y)
    {
        Check(x, y);
        (x, y) = PromoteAndBroadcast(op, x, y);
        if (!x.DType.IsInteger())
            throw Errors.Arg(op, "x", $"shifts take integer operands; got {x.DType.ShortName()}");
        return p.Bind1([x, y]);
    }

    private static Tensor IntegerIdentity(Primitive p, Tensor x)
    {
        Check(x);
        return x.DType.IsFloat() ? p.Bind1([x]) : x;
    }

    /// <summary><paramref name="x"/> as a float: integers and bool become the default float.</summary>
    internal static Tensor ToFloat(Tensor x)
    {
        Check(x);
        return x.DType.IsFloat() ? x : ConvertElementType(x, DTypes.DefaultFloat, x.IsWeak);
    }

    /// <summary>Promotes two operands to a common float dtype (integers → the default float).</summary>
    private static (Tensor, Tensor) FloatPair(Tensor x, Tensor y)
    {
        var (dtype, weak) = TypePromotion.Result(x.Aval, y.Aval);
        if (dtype.IsFloat()) return (x, y);
        return (ConvertElementType(x, DTypes.DefaultFloat, weak), ConvertElementType(y, DTypes.DefaultFloat, weak));
    }
}
