namespace Axle;

public static partial class Ops
{
    /// <summary>
    /// Matrix product with numpy semantics: 1-D operands are promoted to a row (left) or column
    /// (right) and the added axis removed afterwards; leading axes are batch axes and broadcast.
    /// </summary>
    public static Tensor MatMul(Tensor x, Tensor y)
    {
        Check(x, y);
        if (x.Rank == 0 || y.Rank == 0)
            throw Errors.Arg("matmul", x.Rank == 0 ? "x" : "y", "operands must have rank >= 1 (use Multiply for scalars)");
        bool xVec = x.Rank == 1, yVec = y.Rank == 1;
        if (xVec) x = ExpandDims(x, 0);
        if (yVec) y = ExpandDims(y, 1);
        if (x.Shape[^1] != y.Shape[^2])
            throw Errors.Shapes("matmul", "y", y.Shape, "x", x.Shape, $"contracting dimensions differ ({x.Shape[^1]} vs {y.Shape[^2]})");

        // Broadcast the batch axes to a common shape.
        // Name the whole shapes: the batch dims alone would read as if the operands were vectors.
        Shape batch;
        try
        {
            batch = Broadcasting.Shapes("matmul", ("x", BatchOf(x, 2)), ("y", BatchOf(y, 2)));
        }
        catch (ArgumentException)
        {
            throw Errors.Shapes("matmul", "y", y.Shape, "x", x.Shape, "batch dimensions do not broadcast");
        }
        int nb = batch.Rank;
        x = Broadcasting.To(x, new Shape(batch.Concat(x.Shape.Skip(x.Rank - 2))), "matmul");
        y = Broadcasting.To(y, new Shape(batch.Concat(y.Shape.Skip(y.Rank - 2))), "matmul");
        int[] b = Enumerable.Range(0, nb).ToArray();
        var r = Contract("matmul", x, y, [nb + 1], [nb], b, b, "x", "y");
        if (xVec && yVec) return Squeeze(r, -1, -2);
        if (xVec) return Squeeze(r, -2);
        if (yVec) return Squeeze(r, -1);
        return r;
    }

    /// <summary>
    /// Cholesky factor of symmetric positive-definite matrices <c>[..., n, n]</c>: lower
    /// <c>L</c> with <c>L·Lᵀ = a</c> (or upper <c>U</c> with <c>Uᵀ·U = a</c>); the other triangle is
    /// zero. As in JAX the input is symmetrized first (<c>(a + aᵀ) / 2</c>) unless
    /// <paramref name="symmetrizeInput"/> is false, in which case only the named triangle is read.
    /// Not positive definite: the result is unspecified (NaN on the bundled plugin and on XLA).
    /// Integers are promoted to the default float.
    /// </summary>
    public static Tensor Cholesky(Tensor a, bool lower = true, bool symmetrizeInput = true)
    {
        Check(a);
        a = Inexact(a);
        Linalg.CheckSquare("cholesky", "a", a.Shape);
        if (symmetrizeInput) a = (a + SwapLastAxes(a)) / 2.0;
        var factor = Prims.Cholesky.Bind1([a], new CholeskyParams(lower));
        int n = a.Shape[^1];
        var keep = lower ? GreaterEqual(Reshape(Arange(n), n, 1), Arange(n)) : LessEqual(Reshape(Arange(n), n, 1), Arange(n));
        return Where(keep, factor, 0.0);
    }

    /// <summary>
    /// Solves a triangular system: <c>op(a)·x = b</c> when <paramref name="leftSide"/>, else
    /// <c>x·op(a) = b</c>, with <c>op(a) = aᵀ</c> when <paramref name="transposeA"/>. Only the lower
    /// (<paramref name="lower"/>) or upper triangle of <paramref name="a"/> is read; with
    /// <paramref name="unitDiagonal"/> its diagonal is taken as ones. <paramref name="a"/> is
    /// <c>[..., n, n]</c>, <paramref name="b"/> <c>[..., n, k]</c> (left) or <c>[..., k, n]</c>
    /// (right), or a vector <c>[n]</c>; batch axes broadcast.
    /// </summary>
    public static Tensor TriangularSolve(Tensor a, Tensor b, bool leftSide = true, bool lower = true,
        bool transposeA = false, bool unitDiagonal = false)
    {
        Check(a, b);
        (a, b) = InexactPair(a, b);
        Linalg.CheckSquare("triangular_solve", "a", a.Shape);
        bool vec = b.Rank == 1;
        if (vec) b = ExpandDims(b, leftSide ? 1 : 0);
        int n = a.Shape[^1];
        if (b.Shape[leftSide ? ^2 : ^1] != n)
            throw Errors.Shapes("triangular_solve", "b", b.Shape, "a", a.Shape,
                $"the {(leftSide ? "rows" : "columns")} of 'b' ({b.Shape[leftSide ? ^2 : ^1]}) must match the order of 'a' ({n})");
        (a, b) = BroadcastBatch("triangular_solve", a, b);
        var x = Prims.TriangularSolve.Bind1([a, b], new TriangularSolveParams(leftSide, lower, transposeA, unitDiagonal));
        return vec ? Squeeze(x, leftSide ? -1 : -2) : x;
    }

    /// <summary>
    /// LU decomposition with partial pivoting of <c>[..., m, n]</c> matrices (JAX's
    /// <c>lax.linalg.lu</c>): <c>Lu</c> packs unit-lower <c>L</c> below the diagonal and <c>U</c>
    /// on and above it, with <c>a[..., Permutation, :] = L·U</c>; <c>Pivots[i]</c> is the row
    /// swapped with row i at step i (I32 <c>[..., min(m, n)]</c>); <c>Permutation</c> is I32 <c>[..., m]</c>.
    /// </summary>
    public static (Tensor Lu, Tensor Pivots, Tensor Permutation) Lu(Tensor a)
    {
        Check(a);
        a = Inexact(a);
        if (a.Rank < 2) throw Errors.Arg("lu", "a", $"'a' must be a matrix or a batch of them (rank >= 2); got shape {a.Shape}");
        var r = Prims.Lu.Bind([a]);
        return (r[0], r[1], r[2]);
    }

    /// <summary>
    /// Solves <c>a·x = b</c> for square <paramref name="a"/> <c>[..., n, n]</c> by LU with partial
    /// pivoting. <paramref name="b"/> is a vector <c>[n]</c> or a batch of right-hand sides
    /// <c>[..., n, k]</c> (numpy 2 rule); batch axes broadcast. Singular <paramref name="a"/> gives
    /// inf/NaN entries.
    /// </summary>
    public static Tensor Solve(Tensor a, Tensor b)
    {
        Check(a, b);
        (a, b) = InexactPair(a, b);
        Linalg.CheckSquare("solve", "a", a.Shape);
        int n = a.Shape[^1];
        bool vec = b.Rank == 1;
        if (b.Rank == 0 || b.Shape[vec ? ^1 : ^2] != n)
            throw Errors.Shapes("solve", "b", b.Shape, "a", a.Shape, $"'b' must be [{n}] or [..., {n}, k] for 'a' of order {n}");
        if (vec) b = ExpandDims(b, 1);
        var (lu, _, perm) = Lu(a);
        // a[perm] = L·U, so a·x = b becomes L·U·x = P·b; P·b is a one-hot product (exact).
        var permuted = Astype(Equal(ExpandDims(perm, -1), Arange(n)), a.DType);
        (lu, b) = BroadcastBatch("solve", lu, b);
        (permuted, _) = BroadcastBatch("solve", permuted, b);
        var y = TriangularSolve(lu, MatMul(permuted, b), lower: true, unitDiagonal: true);
        var x = TriangularSolve(lu, y, lower: false);
        return vec ? Squeeze(x, -1) : x;
    }

    /// <summary>The inverse of square matrices <c>[..., n, n]</c> (<see cref="Solve"/> against the identity).</summary>
    public static Tensor Inv(Tensor a)
    {
        Check(a);
        a = Inexact(a);
        Linalg.CheckSquare("inv", "a", a.Shape);
        return Solve(a, Broadcasting.To(Identity(a.Shape[^1], a.DType), a.Shape));
    }

    /// <summary>The determinant of square matrices <c>[..., n, n]</c>, from the LU factors (1 for n = 0).</summary>
    public static Tensor Det(Tensor a)
    {
        Check(a);
        a = Inexact(a);
        Linalg.CheckSquare("det", "a", a.Shape);
        var (diag, odd) = LuDiagonal(a);
        var prod = Prod(diag, -1);
        return Where(odd, Negate(prod), prod);
    }

    /// <summary>
    /// Sign and natural log of the absolute determinant (numpy <c>slogdet</c>), stable where
    /// <see cref="Det"/> over- or underflows: <c>det = Sign · exp(LogAbsDet)</c>; singular
    /// matrices give sign 0 and -inf.
    /// </summary>
    public static (Tensor Sign, Tensor LogAbsDet) SlogDet(Tensor a)
    {
        Check(a);
        a = Inexact(a);
        Linalg.CheckSquare("slogdet", "a", a.Shape);
        var (diag, odd) = LuDiagonal(a);
        var sign = Prod(Prims.Sign.Bind1([diag]), -1);
        return (Where(odd, Negate(sign), sign), Sum(Log(Abs(diag)), -1));
    }

    /// <summary>
    /// Solves <c>a·x = b</c> given the Cholesky factor of <c>a</c> (<see cref="Cholesky"/>, lower
    /// or upper as <paramref name="lower"/> says): two triangular solves. <paramref name="b"/> as in <see cref="Solve"/>.
    /// </summary>
    public static Tensor CholeskySolve(Tensor factor, Tensor b, bool lower = true)
    {
        Check(factor, b);
        var y = TriangularSolve(factor, b, lower: lower, transposeA: !lower);
        return TriangularSolve(factor, y, lower: lower, transposeA: lower);
    }

    /// <summary>The inverse of <c>a</c> from its Cholesky factor (<see cref="CholeskySolve"/> against the identity).</summary>
    public static Tensor CholeskyInverse(Tensor factor, bool lower = true)
    {
        Check(factor);
        factor = Inexact(factor);
        Linalg.CheckSquare("cholesky_inverse", "factor", factor.Shape);
        return CholeskySolve(factor, Broadcasting.To(Identity(factor.Shape[^1], factor.DType), factor.Shape), lower);
    }

    /// <summary>U's diagonal from the LU factors, and whether the row permutation is odd.</summary>
    private static (Tensor Diagonal, Tensor Odd) LuDiagonal(Tensor a)
    {
        var (lu, pivots, _) = Lu(a);
        var swaps = Sum(NotEqual(pivots, Arange(pivots.Shape[^1])), -1);
        return (Diagonal(lu, 0, -2, -1), Equal(swaps % 2, 1));
    }


    private static Tensor SwapLastAxes(Tensor x)
    {
        int[] perm = Enumerable.Range(0, x.Rank).ToArray();
        (perm[^1], perm[^2]) = (perm[^2], perm[^1]);
        return Transpose(x, perm);
    }

    /// <summary>The leading (batch) axes, all but the last <paramref name="core"/>.</summary>
    private static Shape BatchOf(Tensor x, int core) => new(x.Shape.Take(x.Rank - core));

    /// <summary>Broadcasts the batch axes (all but the last two) of two stacks of matrices together.</summary>
    private static (Tensor, Tensor) BroadcastBatch(string op, Tensor a, Tensor b)
    {
        var batch = Broadcasting.Shapes(op, ("a", BatchOf(a, 2)), ("b", BatchOf(b, 2)));
        return (Broadcasting.To(a, new Shape(batch.Concat(a.Shape.Skip(a.Rank - 2))), op),
                Broadcasting.To(b, new Shape(batch.Concat(b.Shape.Skip(b.Rank - 2))), op));
    }

    /// <summary>Integers and bool become the default float, as jnp.linalg promotes to inexact.</summary>
    private static Tensor Inexact(Tensor x) => x.DType.IsFloat() ? x : ConvertElementType(x, DTypes.DefaultFloat, x.IsWeak);

    private static (Tensor, Tensor) InexactPair(Tensor a, Tensor b)
    {
        var ab = TypePromotion.Promote(a, b);
        return (Inexact(ab[0]), Inexact(ab[1]));
    }
}
