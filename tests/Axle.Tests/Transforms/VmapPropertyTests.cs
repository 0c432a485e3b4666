using static Axle.Ops;

namespace Axle.Tests.Transforms;

/// <summary>
/// <c>Vmap(f)(xs)</c> equals stacking <c>f(x)</c> for a table of functions covering every
/// primitive's batch rule through the public ops, with random in/out axes.
/// </summary>
public class VmapPropertyTests
{
    private static readonly ArgSpec M = new([2, 3]);
    private static readonly ArgSpec V = new([3]);
    private static readonly ArgSpec S = new([]);
    private static readonly ArgSpec P = new([2, 3], ArgKind.Positive);
    private static readonly ArgSpec B = new([2, 3], ArgKind.Bool);
    private static readonly ArgSpec I = new([2, 3], ArgKind.Index, 7);

    private static readonly VmapCase[] Cases =
    [
        // elementwise: unary, binary with broadcasting, comparisons, select, convert
        new("neg_abs_sign", a => Negate(a[0]) + Abs(a[0]) * Sign(a[0]), M),
        new("floor_ceil_round", a => Floor(a[0] * 3) + Ceil(a[0]) - Round(a[0] * 2), M),
        new("exp_log_sqrt_rsqrt", a => Exp(a[0]) + Log(a[1]) + Sqrt(a[1]) * Rsqrt(a[1]), M, P),
        new("trig", a => Sin(a[0]) + Cos(a[0]) * Tan(a[0] * 0.3) + Tanh(a[0]), M),
        new("inverse_trig", a => Asin(a[0] * 0.4) + Acos(a[0] * 0.4) + Atan(a[0]) + Atan2(a[0], a[1]), M, M),
        new("hyperbolic", a => Sinh(a[0]) + Cosh(a[0]) + Asinh(a[0]) + Acosh(a[1] + 1) + Atanh(a[0] * 0.4), M, P),
        new("log1p_expm1_sigmoid_cbrt", a => Log1p(a[1]) + Expm1(a[0]) + Sigmoid(a[0]) + Cbrt(a[0]), M, P),
        new("special", a => Erf(a[0]) + Erfc(a[0]) + ErfInv(a[0] * 0.4) + Lgamma(a[1]) + Digamma(a[1]), M, P),
        new("arith_broadcast", a => (a[0] + a[1]) * a[1] - a[0] / (Abs(a[1]) + 1), M, V),
        new("scalar_operand", a => a[0] * a[1] + Maximum(a[0], a[1]) - Minimum(a[0], 0.5), M, S),
        new("pow_rem", a => Power(a[1], a[0]) + Remainder(a[0], 0.7) + Fmod(a[0], a[1]), M, P),
        new("compare_where", a => Where(Less(a[0], a[1]), a[0], a[1] * 2) + Astype(GreaterEqual(a[0], 0.0), DType.F64), M, V),
        new("eq_ne_le_gt", a => Astype(Equal(Floor(a[0]), Floor(a[1])), DType.F64) + Astype(NotEqual(a[0], a[1]), DType.F64)
            + Astype(LessEqual(a[0], a[1]), DType.F64) * 2 + Astype(Greater(a[0], a[1]), DType.F64) * 4, M, M),
        new("logical", a => Astype(LogicalAnd(a[0], a[1]), DType.I32) + Astype(LogicalOr(a[0], LogicalNot(a[1])), DType.I32)
            + Astype(LogicalXor(a[0], a[1]), DType.I32) * 4, B, B),
        new("bitwise_shifts", a => BitwiseAnd(a[0], a[1]) + BitwiseOr(a[0], 8) + BitwiseXor(a[0], a[1]) + BitwiseNot(a[0])
            + ShiftLeft(a[0], 2) + ShiftRight(a[1], 1), I, I),
        new("convert_isfinite", a => Astype(Astype(a[0] * 3, DType.I32), DType.F64) + Astype(IsFinite(Log(Abs(a[0]))), DType.F64)
            + Astype(Astype(a[0], DType.F32), DType.F64), M),

        // reductions and reductions built on them
        new("sum_axes", a => Sum(a[0], 0) * 2 + Sum(Sum(a[0], 1, keepDims: true)) + Sum(a[0], [0, 1]), M),
        new("prod_max_min", a => Prod(a[0], 1) + Sum(Max(a[0], 0)) + Min(a[0]), M),
        new("mean_var_logsumexp", a => Mean(a[0], -1) + Var(a[0], 1) + Sum(LogSumExp(a[0], 0)), M),
        new("all_any", a => Sum(Astype(All(a[0], 0), DType.I32)) + Sum(Astype(Any(a[0], 1), DType.I32)) * 10, B),
        new("argmax_argmin", a => ArgMax(a[0], 1) * 10 + Sum(ArgMin(a[0], 0)), M),
        new("softmax", a => Softmax(a[0], 0) + LogSoftmax(a[0]), M),
        new("cumulative", a => Cumsum(a[0], 1) + Cumprod(a[0], 0) + Cummax(a[0], 1) + Cummin(a[0], 0), M),

        // shapes
        new("reshape_transpose", a => Reshape(a[0], 3, 2) + Transpose(a[0]), M),
        new("expand_squeeze_broadcast", a => Squeeze(ExpandDims(a[0], 1), 1) + BroadcastTo(a[1], 2, 3), M, V),
        new("slice", a => Axle.Ops.Slice(a[0], [0, 1], [2, 3], [1, 1]) * 2 + Sum(Axle.Ops.Slice(a[0], [1, 0], [2, 3], [1, 2])), M),
        new("pad", a => Pad(a[0], [(1, 0), (2, 1)], a[1]), M, S),
        new("pad_constant", a => Pad(a[0], 1), M),
        new("concatenate_stack", a => Concatenate([a[0], a[1]], 1) + Sum(Stack([a[1], a[1]], 0)), M, M),
        new("concatenate_with_unbatched", a => Concatenate([a[0], Ones([1, 3], DType.F64)], 0), M),
        new("flip_tile_repeat", a => Flip(a[0], 1) + Tile(a[1], 2, 1) + Reshape(Repeat(a[1], 1, 0), 1, 3), M, V),
        new("split_moveaxis", a => Reshape(Split(a[0], 3, 1)[1], 2) + Sum(MoveAxis(a[0], 0, 1), 0), M),
        new("iota_creation", a => a[0] + Arange(3) + Eye(2, 3, dtype: DType.F64) + Zeros([2, 3], DType.F64), M),

        // indexing
        new("take", a => Take(a[0], a[1], 1), M, new([4], ArgKind.Index, 3)),
        new("take_flat", a => Take(a[0], a[1]), M, I),
        new("take_along_axis", a => TakeAlongAxis(a[0], a[1], 1), M, new([2, 2], ArgKind.Index, 3)),
        new("gather_rows", a => Gather(a[0], a[1]), new([4, 3]), new([2, 1], ArgKind.Index, 4)),
        new("dynamic_slice", a => DynamicSlice(a[0], [a[1], a[2]], [2, 2]), new([4, 5]), new([], ArgKind.Index, 4), new([], ArgKind.Index, 5)),
        new("dynamic_update_slice", a => DynamicUpdateSlice(a[0], a[1], [a[2], a[3]]), new([4, 5]), new([2, 3]),
            new([], ArgKind.Index, 4), new([], ArgKind.Index, 5)),
        // Windows of one element or a whole axis (a row into a table; starts past the end clamp).
        new("dynamic_update_slice_row", a => DynamicUpdateSlice(a[0], a[1], [a[2], a[3]]), new([4, 5]), new([1, 5]),
            new([], ArgKind.Index, 6), new([], ArgKind.Index, 5)),
        new("dynamic_update_slice_cell", a => DynamicUpdateSlice(a[0], a[1], [a[2], a[3]]), new([4, 5]), new([1, 1]),
            new([], ArgKind.Index, 4), new([], ArgKind.Index, 7)),

        // contractions
        new("matmul", a => MatMul(a[0], a[1]), M, new([3, 4])),
        new("matvec", a => MatMul(a[0], a[1]), M, V),
        new("vecvec_dot_outer", a => MatMul(a[0], a[1]) + Sum(Outer(a[0], a[1])) + Dot(a[0], a[1]), V, V),
        new("batched_matmul", a => MatMul(a[0], a[1]), new([2, 2, 3]), new([2, 3, 2])),
        new("einsum", a => Einsum("ij,kj->ik", a[0], a[1]), M, M),

        // sorting
        new("sort_argsort", a => Sort(a[0], 1) + Astype(ArgSort(a[0], 0), DType.F64), M),
        new("topk", a => TopK(a[0], 2).Values, M),

        // linear algebra (well-conditioned inputs built inside the function)
        new("cholesky", a => Cholesky(MatMul(a[0], Transpose(a[0])) + 3 * Eye(2, dtype: DType.F64)), M),
        new("triangular_solve", a => TriangularSolve(Cholesky(MatMul(a[0], Transpose(a[0])) + 3 * Eye(2, dtype: DType.F64)), a[1]),
            M, new([2, 2])),
        new("lu_solve_det_inv", a =>
        {
            var m = a[0] + 4 * Eye(3, dtype: DType.F64);
            return Solve(m, a[1]) + Det(m) + Sum(Inv(m), 0) + Sum(Lu(m).Lu, 1);
        }, new([3, 3]), V),
    ];

    public static TheoryData<string> Names() => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void JittedVmapMatchesLoop(string name)
    {
        var c = Cases.Single(x => x.Name == name);
        for (int seed = 0; seed < 2; seed++) VmapHarness.Check(c, 1000 * seed + name.Length, jit: true);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EagerVmapMatchesLoop(string name) =>
        VmapHarness.Check(Cases.Single(x => x.Name == name), 7 + name.Length, jit: false);
}
