namespace Axle;

/// <summary>
/// The jvp of <c>lu</c> (JAX's rule, after de Hoog, Anderssen and Lukas, "Differentiation of
/// matrix functionals using triangular factorization"): from <c>P·A = L·U</c>,
/// <c>L⁻¹·P·dA·U⁻¹ = L⁻¹·dL + dU·U⁻¹</c>, a strictly lower plus an upper triangular matrix, so
/// <c>dL = L·tril(L⁻¹·P·dA·U⁻¹, -1)</c> and <c>dU = triu(L⁻¹·P·dA·U⁻¹)·U</c>. Rectangular
/// factors are padded to square ones (L with identity columns, U with identity rows) first.
/// Pivots and the permutation are piecewise constant: zero tangents.
/// </summary>
internal static class JvpLu
{
    public static (Tensor[] Primals, Tensor?[] Tangents) Lu(Tensor[] xs, Tensor?[] ts, Params p)
    {
        var outs = Prims.Lu.Bind(xs, p);
        if (ts[0] is not Tensor da) return (outs, [null, null, null]);
        var (lu, perm) = (outs[0], outs[2]);
        int r = lu.Rank, m = lu.Shape[^2], n = lu.Shape[^1], k = Math.Min(m, n);
        var dtype = lu.DType;

        // P·dA as a one-hot product: exact, and linear in dA.
        var onehot = Ops.Astype(Ops.Equal(Ops.ExpandDims(perm, -1), Ops.Arange(m)), dtype);
        var x = Ops.MatMul(onehot, da);

        var l = Ops.Pad(Band(Last(lu, k, cols: true), lower: true, strict: true), Widths(r, 0, m - k));
        l = Ops.Add(l, Ops.Identity(m, dtype));
        var u = Ops.Pad(Band(Last(lu, k, cols: false), lower: false, strict: false), Widths(r, n - k, 0));
        var tail = Ops.Astype(Ops.LogicalAnd(Ops.Equal(Rows(n), Ops.Arange(n)), Ops.GreaterEqual(Rows(n), k)), dtype);
        u = Ops.Add(u, tail);

        var la = Ops.TriangularSolve(l, x, leftSide: true, lower: true, unitDiagonal: true);
        var lau = Ops.TriangularSolve(u, la, leftSide: false, lower: false);
        var dl = Ops.MatMul(l, Band(lau, lower: true, strict: true));
        var du = Ops.MatMul(Band(lau, lower: false, strict: false), u);
        return (outs, [Ops.Add(dl, du), null, null]);
    }

    // The first k columns (or rows) of the last two axes.
    private static Tensor Last(Tensor x, int k, bool cols)
    {
        var limit = x.Shape.ToArray();
        limit[cols ? ^1 : ^2] = k;
        return Ops.Slice(x, new int[x.Rank], limit, Enumerable.Repeat(1, x.Rank).ToArray());
    }

    // Zero padding after the last (or second-to-last) axis.
    private static (int, int)[] Widths(int rank, int rows, int cols)
    {
        var w = new (int, int)[rank];
        w[^2] = (0, rows);
        w[^1] = (0, cols);
        return w;
    }

    private static Tensor Rows(int m) => Ops.Reshape(Ops.Arange(m), m, 1);

    // The lower (or upper) triangle of a possibly rectangular matrix stack; strict drops the diagonal.
    private static Tensor Band(Tensor x, bool lower, bool strict)
    {
        var (rows, cols) = (Rows(x.Shape[^2]), Ops.Arange(x.Shape[^1]));
        var keep = lower
            ? (strict ? Ops.Greater(rows, cols) : Ops.GreaterEqual(rows, cols))
            : (strict ? Ops.Less(rows, cols) : Ops.LessEqual(rows, cols));
        return Ops.Where(keep, x, Ad.Scalar(0, x));
    }
}
