using Axle.Lowering;
using static Axle.Ops;

namespace Axle;

/// <summary>
/// lu: LU decomposition with partial pivoting, <c>a[perm] = L·U</c>, as JAX's <c>lax.linalg.lu</c>.
/// Outputs: the packed factors (L below the diagonal with an implied unit diagonal, U on and
/// above it), <c>pivots</c> (I32 [..., min(m, n)]: row i was swapped with row pivots[i]) and
/// <c>permutation</c> (I32 [..., m]).
/// StableHLO has no LU op, so the lowering emits a <c>stablehlo.while</c> over the columns whose
/// body is one elimination step written with Ops and traced at lowering time: the same program
/// on every plugin, O(min(m, n)) program size, and the per-step work is whole-matrix masked
/// arithmetic (no dynamic indexing), O(m·n) per step.
/// </summary>
internal static partial class Prims
{
    public static readonly Primitive Lu = new Primitive("lu", (ins, p) =>
    {
        Elementwise.Expect("lu", ins, 1);
        var a = ins[0];
        Elementwise.CheckKind("lu", "a", a.DType, Kinds.Float);
        if (a.Rank < 2) throw Errors.Arg("lu", "a", $"'a' must be a matrix or a batch of them (rank >= 2); got shape {a.Shape}");
        var batch = a.Shape.Take(a.Rank - 2).ToArray();
        int m = a.Shape[^2], n = a.Shape[^1];
        return [a.Strong(),
            new Aval(DType.I32, new Shape(batch.Append(Math.Min(m, n)))),
            new Aval(DType.I32, new Shape(batch.Append(m)))];
    }, LuLowering.Lower)
        .LeadingBatching()
        .DefJvp(LuJvp).NonLinear();

    // === rules ===
    // The jvp of <c>lu</c> (JAX's rule, after de Hoog, Anderssen and Lukas, "Differentiation of
    // matrix functionals using triangular factorization"): from <c>P·A = L·U</c>,
    // <c>L⁻¹·P·dA·U⁻¹ = L⁻¹·dL + dU·U⁻¹</c>, a strictly lower plus an upper triangular matrix, so
    // <c>dL = L·tril(L⁻¹·P·dA·U⁻¹, -1)</c> and <c>dU = triu(L⁻¹·P·dA·U⁻¹)·U</c>. Rectangular
    // factors are padded to square ones (L with identity columns, U with identity rows) first.
    // Pivots and the permutation are piecewise constant: zero tangents.

    private static (Tensor[] Primals, Tensor?[] Tangents) LuJvp(Tensor[] xs, Tensor?[] ts, Params p)
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

/// <summary>The while-loop lowering of <see cref="Prims.Lu"/>.</summary>
internal static class LuLowering
{
    public static Value[] Lower(LoweringContext ctx, Value[] xs, Params p)
    {
        Aval a = ctx.OutAvals[0], pivots = ctx.OutAvals[1], perm = ctx.OutAvals[2];
        int m = a.Shape[^2], n = a.Shape[^1], steps = Math.Min(m, n);
        var counter = new Aval(DType.I32, Shape.Scalar);
        Aval[] carried = [counter, a, pivots, perm];

        // Loop state: (k, a, pivots, permutation); pivots start at 0, the permutation at iota.
        var k0 = ctx.Scalar(DType.I32, 0);
        var pivots0 = ctx.Op("stablehlo.broadcast_in_dim", [ctx.Scalar(DType.I32, 0)], LoweringContext.TypeOf(pivots),
            ("broadcast_dimensions", Attr.I64Array()));
        var perm0 = ctx.Op("stablehlo.iota", [], LoweringContext.TypeOf(perm), ("iota_dimension", Attr.Int(perm.Rank - 1)));
        if (steps == 0) return [xs[0], pivots0, perm0];

        var cond = Region(ctx, carried, s => [Less(s[0], steps)]);
        var body = Region(ctx, carried, s => Step(s, m, n, steps));
        var types = carried.Select(LoweringContext.TypeOf).ToArray();
        var results = ctx.Block.Op("stablehlo.while", [k0, xs[0], pivots0, perm0], types, null, [cond, body]);
        return results[1..];
    }

    /// <summary>One elimination step on column k: pick the pivot row, swap it up, eliminate below.</summary>
    private static Tensor[] Step(Tensor[] s, int m, int n, int steps)
    {
        var (k, a, pivots, perm) = (s[0], s[1], s[2], s[3]);
        var rows = Arange(m);
        var rowsCol = Reshape(rows, m, 1);
        var isColK = Equal(Arange(n), k);

        // Pivot: the largest |a[i, k]| for i >= k, first on ties; a NaN column keeps row k.
        var colK = Sum(Where(isColK, a, 0.0), -1);
        var candidates = Where(GreaterEqual(rows, k), Abs(colK), -1.0);
        var best = Max(candidates, -1, keepDims: true);
        var pivot = Min(Where(Equal(candidates, best), rows, m), -1);
        pivot = Where(GreaterEqual(pivot, m), k, pivot);

        // Swap rows k and pivot (masked sums pick single rows exactly: the rest adds zeros).
        var pivotVec = ExpandDims(pivot, -1);
        var isRowK = Equal(rowsCol, k);
        var isRowP = Equal(rowsCol, ExpandDims(pivotVec, -1));
        var rowK = Sum(Where(isRowK, a, 0.0), -2, keepDims: true);
        var rowP = Sum(Where(isRowP, a, 0.0), -2, keepDims: true);
        a = Where(isRowK, rowP, Where(isRowP, rowK, a));

        var atK = Equal(rows, k);
        var atP = Equal(rows, pivotVec);
        var permK = Sum(Where(atK, perm, 0), -1, keepDims: true);
        var permP = Sum(Where(atP, perm, 0), -1, keepDims: true);
        perm = Where(atK, permP, Where(atP, permK, perm));
        pivots = Where(Equal(Arange(steps), k), pivotVec, pivots);

        // Eliminate below the pivot. A zero pivot (singular) skips the step, as LAPACK's getrf
        // does, leaving a zero on U's diagonal instead of NaNs.
        var diag = Sum(Where(isColK, rowP, 0.0), -1, keepDims: true);
        var colAfter = Sum(Where(isColK, a, 0.0), -1, keepDims: true);
        var below = Greater(rowsCol, k);
        var l = Where(below, Where(NotEqual(diag, 0.0), colAfter / diag, 0.0), 0.0);
        var right = Where(Greater(Arange(n), k), rowP, 0.0);
        a = a - l * right;
        a = Where(below, Where(isColK, l, a), a);
        return [k + 1, a, pivots, perm];
    }

    /// <summary>A region over the loop state whose body is <paramref name="f"/>, traced and inlined.</summary>
    private static Block Region(LoweringContext ctx, Aval[] carried, Func<Tensor[], Tensor[]> f)
    {
        var graph = Tracer.Trace(f, carried);
        if (graph.ConstVars.Count != 0)
            throw new InvalidOperationException("lu: the loop body captured a tensor; it must be built from its arguments and literals only");
        return ctx.Region(carried.Select(LoweringContext.TypeOf).ToArray(), args => GraphToStablehlo.Emit(ctx, graph, args));
    }
}
