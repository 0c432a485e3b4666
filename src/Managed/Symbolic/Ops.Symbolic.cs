namespace Axle;

// Size-taking ops that accept Dims, so sizes read from a symbolic tensor's shape
// (Ones(X.Shape[^1])) work; with only known Dims they are the int overloads.
public static partial class Ops
{
    /// <summary>An F32 tensor of ones whose shape may name symbolic dimensions (<c>Ones(X.Shape[^1])</c>).</summary>
    public static Tensor Ones(params Dim[] shape) => Full(shape, 1.0, DTypes.DefaultFloat);

    /// <summary>A tensor of ones of <paramref name="dtype"/> whose shape may name symbolic dimensions.</summary>
    public static Tensor Ones(Dim[] shape, DType dtype) => Full(shape, 1.0, dtype);

    /// <summary>An F32 tensor of zeros whose shape may name symbolic dimensions.</summary>
    public static Tensor Zeros(params Dim[] shape) => Full(shape, 0.0, DTypes.DefaultFloat);

    /// <summary>A tensor of zeros of <paramref name="dtype"/> whose shape may name symbolic dimensions.</summary>
    public static Tensor Zeros(Dim[] shape, DType dtype) => Full(shape, 0.0, dtype);

    /// <summary>
    /// A tensor filled with <paramref name="value"/> whose shape may name symbolic dimensions; with
    /// a symbolic dimension the result is symbolic (a node of the symbolic graph).
    /// </summary>
    public static Tensor Full(Dim[] shape, Tensor value, DType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var s = new Shape(shape);
        if (s.IsKnown) return Full(s.ToArray(), value, dtype);
        Check(value);
        if (value.Rank != 0) throw Errors.Arg("full", "value", $"the fill value must be a scalar; got shape {value.Shape}");
        return Broadcasting.To(ConvertElementType(value, dtype ?? value.DType, weak: false), s, "full");
    }

    /// <summary><paramref name="x"/> broadcast to a shape that may name symbolic dimensions.</summary>
    public static Tensor BroadcastTo(Tensor x, params Dim[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var target = new Shape(shape);
        if (target.IsKnown) return BroadcastTo(x, target.ToArray());
        Check(x);
        var s = Broadcasting.Shapes("broadcast_to", ("x", x.Shape), ("shape", target));
        if (s != target) throw Errors.Shapes("broadcast_to", "x", x.Shape, "shape", target, "cannot broadcast");
        return Broadcasting.To(x, target);
    }

    /// <summary>Reshape to a known or symbolic shape (the shape rule checks element counts, symbolically if need be).</summary>
    internal static Tensor ReshapeTo(Tensor x, Shape shape)
    {
        if (shape.IsKnown) return Reshape(x, shape.ToArray());
        if (x.Shape == shape) return x;
        return Prims.Reshape.Bind1([x], new ReshapeParams(Sizes.Of(shape)));
    }
}
