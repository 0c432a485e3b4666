using Axle.Lowering;

namespace Axle;

/// <summary>
/// Linear-algebra primitives lowering to the StableHLO ops of the same names. Operands carry any
/// number of leading batch dimensions; the last two are the matrix. Transform rules join each
/// stanza in a later issue.
/// </summary>
internal static partial class Prims
{
    // cholesky[lower]: the factor L (L·Lᴴ = a) or U (Uᴴ·U = a). The other triangle is
    // implementation-defined (StableHLO leaves it open); the public op zeroes it.
    public static readonly Primitive Cholesky = new Primitive("cholesky", (ins, p) =>
    {
        Elementwise.Expect("cholesky", ins, 1);
        Elementwise.CheckKind("cholesky", "a", ins[0].DType, Kinds.Float);
        Linalg.CheckSquare("cholesky", "a", ins[0].Shape);
        return [ins[0].Strong()];
    }, (ctx, xs, p) => [ctx.Op("stablehlo.cholesky", xs, ("lower", Attr.Bool(p.Get<bool>("lower"))))])
        .LeadingBatching()
        .DefJvp(JvpLinalg.Cholesky).NonLinear();

    // triangular_solve[left_side, lower, transpose_a, unit_diagonal]: x with op(a)·x = b
    // (left side) or x·op(a) = b; only the named triangle of a is read.
    public static readonly Primitive TriangularSolve = new Primitive("triangular_solve", (ins, p) =>
    {
        Elementwise.Expect("triangular_solve", ins, 2);
        var (a, b) = (ins[0], ins[1]);
        Elementwise.CheckKind("triangular_solve", "a", a.DType, Kinds.Float);
        if (a.DType != b.DType) throw Errors.DTypes("triangular_solve", "b", b.DType, "a", a.DType);
        Linalg.CheckSquare("triangular_solve", "a", a.Shape);
        if (b.Rank != a.Rank)
            throw Errors.Shapes("triangular_solve", "b", b.Shape, "a", a.Shape, "operands must have the same rank");
        for (int i = 0; i < a.Rank - 2; i++)
            if (a.Shape[i] != b.Shape[i])
                throw Errors.Shapes("triangular_solve", "b", b.Shape, "a", a.Shape, "batch dimensions differ");
        bool left = p.Get<bool>("left_side");
        if (b.Shape[left ? ^2 : ^1] != a.Shape[^1])
            throw Errors.Shapes("triangular_solve", "b", b.Shape, "a", a.Shape,
                $"the {(left ? "rows" : "columns")} of 'b' must match the order of 'a'");
        return [b.Strong()];
    }, (ctx, xs, p) => [ctx.Op("stablehlo.triangular_solve", xs,
        ("left_side", Attr.Bool(p.Get<bool>("left_side"))),
        ("lower", Attr.Bool(p.Get<bool>("lower"))),
        ("unit_diagonal", Attr.Bool(p.Get<bool>("unit_diagonal"))),
        ("transpose_a", Attr.Enum("transpose", p.Get<bool>("transpose_a") ? "TRANSPOSE" : "NO_TRANSPOSE")))])
        .LeadingBatching()
        .DefJvp(JvpLinalg.TriangularSolve)
        .DefTranspose(JvpLinalg.TriangularSolveTranspose).Linear();
}

/// <summary>Checks shared by the linear-algebra primitives and ops.</summary>
internal static class Linalg
{
    /// <summary>Throws unless <paramref name="shape"/> is a (batch of) square matrices.</summary>
    public static void CheckSquare(string op, string arg, Shape shape)
    {
        if (shape.Rank < 2 || shape[^1] != shape[^2])
            throw Errors.Arg(op, arg, $"'{arg}' must be a square matrix or a batch of them (shape [..., n, n]); got shape {shape}");
    }
}
