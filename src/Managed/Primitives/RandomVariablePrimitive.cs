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
        var rv = p.Get<Axle.RandomVariable>("rv");
        int[]? size = p.Contains("size") ? p.Get<int[]>("size") : null;
        return [new Aval(rv.DType, rv.InferShape(ins.Select(a => a.Shape).ToArray(), size))];
    }, (_, _, p) => throw new InvalidOperationException(
        $"random variable {p.Get<Axle.RandomVariable>("rv")} can only be drawn by a function built with Ax.Function, which takes a key first")).NonLinear();
}
