namespace Axle;

/// <summary>
/// random_variable[rv, size](parameters...): the node of a random variable in a symbolic graph.
/// It never lowers: a compiled symbolic function replaces it by its sampler, keyed from the
/// function's key (Symbolic/RandomKeys.cs).
/// </summary>
internal static partial class Prims
{
    public static readonly Primitive RandomVariable = new Primitive("random_variable", (ins, p) =>
    {
        var (rv, size) = ((RandomVariableParams)p).Read();
        return [new Aval(rv.DType, rv.InferShape(ins.Select(a => a.Shape).ToArray(), size))];
    }, (_, _, p) => throw new InvalidOperationException(
        $"random variable {((RandomVariableParams)p).Rv} can only be drawn by a function built with Ax.Function, which takes a key first")).NonLinear();
}

/// <summary>
/// random_variable's parameters: the variable and, when it was drawn with one, its size (concrete, or symbolic
/// until <c>SymbolicSizes.Resolve</c>). Printed as <c>rv=…</c> or <c>rv=…, size=[…]</c>.
/// </summary>
internal sealed record RandomVariableParams(RandomVariable Rv, Sizes? Size) : Params
{
    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, object>> Items =>
        Size is { } s ? [new("rv", Rv), new("size", s.Value)] : [new("rv", Rv)];

    /// <summary>The variable and its concrete size (null when it was drawn without one).</summary>
    public (RandomVariable Rv, int[]? Size) Read() => (Rv, Size is { } s ? s.Concrete.ToArray() : null);
}
