using Axle.Lowering;

namespace Axle;

/// <summary>cholesky: whether the factor is lower (L·Lᴴ = a) or upper (Uᴴ·U = a).</summary>
internal sealed record CholeskyParams(bool Lower) : Params;

/// <summary>triangular_solve: StableHLO's attributes (which side, which triangle, transposed, unit diagonal).</summary>
internal sealed record TriangularSolveParams(bool LeftSide, bool Lower, bool TransposeA, bool UnitDiagonal) : Params;

/// <summary>
/// Linear-algebra primitives lowering to the StableHLO ops of the same names. Operands carry any
/// number of leading batch dimensions; the last two are the matrix. Each stanza holds its jvp,
/// transpose and batching rules (below it in this file).
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
    }, (ctx, xs, p) => [ctx.Op("stablehlo.cholesky", xs, ("lower", Attr.Bool(((CholeskyParams)p).Lower)))])
        .LeadingBatching()
        .DefJvp(CholeskyJvp).NonLinear();

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
        bool left = ((TriangularSolveParams)p).LeftSide;
        if (b.Shape[left ? ^2 : ^1] != a.Shape[^1])
            throw Errors.Shapes("triangular_solve", "b", b.Shape, "a", a.Shape,
                $"the {(left ? "rows" : "columns")} of 'b' must match the order of 'a'");
        return [b.Strong()];
    }, (ctx, xs, p) => [ctx.Op("stablehlo.triangular_solve", xs,
        ("left_side", Attr.Bool(((TriangularSolveParams)p).LeftSide)),
        ("lower", Attr.Bool(((TriangularSolveParams)p).Lower)),
        ("unit_diagonal", Attr.Bool(((TriangularSolveParams)p).UnitDiagonal)),
        ("transpose_a", Attr.Enum("transpose", ((TriangularSolveParams)p).TransposeA ? "TRANSPOSE" : "NO_TRANSPOSE")))])
        .LeadingBatching()
        .DefJvp(TriangularSolveJvp)
        .DefTranspose(TriangularSolveTranspose).Linear();

    // === rules ===
    // Derivative rules of the linear-algebra primitives (registered in their stanzas). Both read
    // only one triangle of their matrix operand, so tangents of that operand are masked to it.

    /// <summary>
    /// cholesky (lower): <c>dL = L·Φ(L⁻¹·dA·L⁻ᵀ)</c>, Φ = lower triangle with the diagonal halved;
    /// dA is the symmetric matrix the primitive sees (its lower triangle mirrored). Upper factors
    /// go through the transpose.
    /// </summary>
    private static (Tensor[] Primals, Tensor?[] Tangents) CholeskyJvp(Tensor[] xs, Tensor?[] ts, Params p)
    {
        bool lower = ((CholeskyParams)p).Lower;
        var raw = Prims.Cholesky.Bind1(xs, p);
        var da = ts[0]!;
        if (!lower) da = SwapLast(da);
        var l = Triangle(lower ? raw : SwapLast(raw), lower: true, strict: false);
        da = Triangle(da, true, false) + SwapLast(Triangle(da, true, strict: true));
        var solve = new TriangularSolveParams(LeftSide: true, Lower: true, TransposeA: false, UnitDiagonal: false);
        var inner = Prims.TriangularSolve.Bind1([l, da], solve);
        inner = Prims.TriangularSolve.Bind1([l, inner], solve with { LeftSide = false, TransposeA = true });
        var phi = Triangle(inner, true, strict: true) + 0.5 * Diagonal(inner);
        var dl = Ops.MatMul(l, phi);
        return ([raw], [lower ? dl : SwapLast(dl)]);
    }

    /// <summary>
    /// triangular_solve: linear in b (the same solve); in a, <c>dx = -op(a)⁻¹·op(da)·x</c> (left side)
    /// or <c>-x·op(da)·op(a)⁻¹</c>, with da masked to the triangle the primitive reads.
    /// </summary>
    private static (Tensor[] Primals, Tensor?[] Tangents) TriangularSolveJvp(Tensor[] xs, Tensor?[] ts, Params p)
    {
        var x = Prims.TriangularSolve.Bind1(xs, p);
        Tensor? dx = ts[1] is Tensor tb ? Prims.TriangularSolve.Bind1([xs[0], tb], p) : null;
        if (ts[0] is Tensor da)
        {
            var q = (TriangularSolveParams)p;
            da = Triangle(da, q.Lower, strict: q.UnitDiagonal);
            if (q.TransposeA) da = SwapLast(da);
            var rhs = q.LeftSide ? Ops.MatMul(da, x) : Ops.MatMul(x, da);
            dx = Ad.AddTangents(dx, Ops.Negate(Prims.TriangularSolve.Bind1([xs[0], rhs], p)));
        }
        return ([x], [dx]);
    }

    /// <summary>triangular_solve in b: the solve with op(a) transposed.</summary>
    private static Tensor?[] TriangularSolveTranspose(Tensor?[] cts, Tensor?[] ins, Aval[] avals, Params p)
    {
        if (ins[0] is null) throw Ad.NotLinear("triangular_solve", "a");
        var ct = cts[0]!;
        return [null, Prims.TriangularSolve.Bind1([ins[0]!, ct], (TriangularSolveParams)p with { TransposeA = !((TriangularSolveParams)p).TransposeA })];
    }

    private static Tensor SwapLast(Tensor x)
    {
        var perm = Enumerable.Range(0, x.Rank).ToArray();
        (perm[^1], perm[^2]) = (perm[^2], perm[^1]);
        return Ops.Transpose(x, perm);
    }

    // The lower (or upper) triangle of the last two axes, without the diagonal when strict.
    private static Tensor Triangle(Tensor x, bool lower, bool strict)
    {
        int n = x.Shape[^1];
        var rows = Ops.Reshape(Ops.Arange(n), n, 1);
        var cols = Ops.Arange(n);
        var keep = lower
            ? (strict ? Ops.Greater(rows, cols) : Ops.GreaterEqual(rows, cols))
            : (strict ? Ops.Less(rows, cols) : Ops.LessEqual(rows, cols));
        return Ops.Where(keep, x, Ad.Scalar(0, x));
    }

    private static Tensor Diagonal(Tensor x)
    {
        int n = x.Shape[^1];
        var eye = Ops.Equal(Ops.Reshape(Ops.Arange(n), n, 1), Ops.Arange(n));
        return Ops.Where(eye, x, Ad.Scalar(0, x));
    }
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
