namespace Axle;

public sealed partial class Tensor
{
    /// <summary>Elementwise sum (broadcasting, JAX type promotion).</summary>
    public static Tensor operator +(Tensor x, Tensor y) => Ops.Add(x, y);

    /// <summary>Elementwise difference.</summary>
    public static Tensor operator -(Tensor x, Tensor y) => Ops.Subtract(x, y);

    /// <summary>Elementwise product.</summary>
    public static Tensor operator *(Tensor x, Tensor y) => Ops.Multiply(x, y);

    /// <summary>True division (integers divide as floats).</summary>
    public static Tensor operator /(Tensor x, Tensor y) => Ops.Divide(x, y);

    /// <summary>Floor modulo: the result has the sign of <paramref name="y"/> (numpy/JAX, not C#'s truncated remainder).</summary>
    public static Tensor operator %(Tensor x, Tensor y) => Ops.Remainder(x, y);

    /// <summary>Elementwise negation.</summary>
    public static Tensor operator -(Tensor x) => Ops.Negate(x);

    /// <summary>Elementwise <c>x &lt; y</c> as a Bool tensor.</summary>
    public static Tensor operator <(Tensor x, Tensor y) => Ops.Less(x, y);

    /// <summary>Elementwise <c>x &gt; y</c> as a Bool tensor.</summary>
    public static Tensor operator >(Tensor x, Tensor y) => Ops.Greater(x, y);

    /// <summary>Elementwise <c>x &lt;= y</c> as a Bool tensor.</summary>
    public static Tensor operator <=(Tensor x, Tensor y) => Ops.LessEqual(x, y);

    /// <summary>Elementwise <c>x &gt;= y</c> as a Bool tensor.</summary>
    public static Tensor operator >=(Tensor x, Tensor y) => Ops.GreaterEqual(x, y);

    /// <summary>Elementwise equality as a Bool tensor (C#'s <c>==</c> stays reference equality).</summary>
    public Tensor Equal(Tensor other) => Ops.Equal(this, other);

    /// <summary>Elementwise inequality as a Bool tensor.</summary>
    public Tensor NotEqual(Tensor other) => Ops.NotEqual(this, other);
}
