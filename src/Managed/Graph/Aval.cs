namespace Axle;

/// <summary>
/// The abstract value every graph variable and tracer carries: dtype, shape, and whether the
/// dtype is weak (born from a C# literal, so it yields to the other operand's dtype, as JAX's
/// weak types do).
/// </summary>
internal sealed record Aval(DType DType, Shape Shape, bool Weak = false)
{
    public int Rank => Shape.Rank;

    public Aval WithDType(DType dtype, bool weak = false) => new(dtype, Shape, weak);

    public Aval WithShape(Shape shape) => new(DType, shape, Weak);

    public Aval Strong() => Weak ? this with { Weak = false } : this;

    /// <summary>jaxpr spelling: <c>f32[3,2]</c>, weak scalars <c>f32[]{weak}</c>.</summary>
    public override string ToString() =>
        $"{DType.ShortName()}[{string.Join(",", Shape)}]{(Weak ? "{weak}" : "")}";
}
