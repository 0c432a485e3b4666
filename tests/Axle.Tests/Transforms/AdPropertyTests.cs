using static Axle.Ops;

namespace Axle.Tests.Transforms;

/// <summary>Gradient and jvp checks against finite differences for every differentiable primitive, through public ops.</summary>
public class AdPropertyTests
{
    private static readonly Tensor Row = Tensor.From(new double[] { 0.5, -1.5, 2, 0.25 });
    private static readonly Tensor Mat = Tensor.From(new double[] { 1, 2, -1, 0.5, 0.3, -0.7, 1.1, 2.2, -0.4, 0.9, 1.3, -2 }, 4, 3);
    private static readonly Tensor BatchMat = Tensor.From(Enumerable.Range(0, 24).Select(i => Math.Sin(i)).ToArray(), 3, 4, 2);
    private static readonly Tensor Start = Tensor.From(1);

    public static TheoryData<AdCase> Cases() =>
    [
        // unary elementwise
        new("exp", Exp), new("log", Log, 0.5, 3), new("tanh", Tanh), new("sin", Sin), new("cos", Cos),
        new("sqrt", Sqrt, 0.5, 3), new("rsqrt", Rsqrt, 0.5, 3), new("sigmoid", Sigmoid), new("log1p", Log1p, -0.5, 2),
        new("expm1", Expm1), new("abs", Abs, 0.1, 2), new("negate", x => -x), new("square", Square), new("reciprocal", Reciprocal, 0.5, 2),
        new("tan", Tan, -1, 1), new("atan", Atan), new("asin", Asin, -0.9, 0.9), new("acos", Acos, -0.9, 0.9),
        new("sinh", Sinh), new("cosh", Cosh), new("asinh", Asinh), new("acosh", Acosh, 1.2, 3), new("atanh", Atanh, -0.9, 0.9),
        new("erf", Erf), new("erfc", Erfc), new("erf_inv", ErfInv, -0.9, 0.9), new("lgamma", Lgamma, 0.5, 4), new("cbrt", Cbrt, 0.5, 3),
        new("softplus", Softplus), new("log_sigmoid", LogSigmoid), new("relu", Relu, 0.1, 2),

        // binary elementwise, with broadcasting and weak scalars
        new("add_broadcast", x => x + Row), new("sub_broadcast", x => Row - x), new("mul_broadcast", x => x * Row * 3.0),
        new("div", x => Row / x, 0.5, 2), new("div_by_x", x => x / (x * x + 1)), new("maximum", x => Maximum(x, Row)),
        new("minimum", x => Minimum(x, Row)), new("pow", x => Power(x, Row), 0.5, 2), new("pow_exponent", x => Power(1.5, x)),
        new("atan2", x => Atan2(x, Row + 3)), new("fmod", x => Fmod(x * 3, Row + 3)), new("hypot", x => Hypot(x, Row)),
        new("where", x => Where(x > 0, Sin(x), x * x)), new("clip", x => Clip(x, -1.0, 1.0)),
        new("astype", x => Astype(Astype(x, DType.F32), DType.F64) * 0 + x * 2),

        // reductions with axes
        new("sum_axis0", x => Sum(x, 0)), new("sum_keep", x => Sum(x * x, 1, keepDims: true) * x), new("mean", x => Mean(Sin(x), 1)),
        new("max_axis", x => Max(x, 1)), new("min_all", x => Min(x)), new("prod", x => Prod(x, 1), 0.5, 1.5),
        new("logsumexp", x => LogSumExp(x, 1)), new("softmax", x => Softmax(x)), new("var", x => Var(x, 0)), new("std", x => Std(x, 1)),

        // shapes
        new("reshape", x => Reshape(x, 2, 6) * Tensor.From(Enumerable.Range(0, 6).Select(i => (double)i).ToArray())),
        new("transpose", x => MatMul(Transpose(x), Transpose(Mat))), new("concatenate", x => Concatenate([x, Sin(x)], 1)),
        new("stack", x => Stack([x, x * x], 2)), new("flip", x => Flip(x, 1) * x), new("tile", x => Tile(x, 2, 1)),
        new("pad", x => Pad(x, [(1, 2), (0, 1)], 3.0)), new("broadcast_to", x => BroadcastTo(Sum(x, 0), 5, 4)),
        new("expand_squeeze", x => Squeeze(ExpandDims(x, 1), 1)), new("slice_index", x => x[1..3, 1..]),

        // indexing and sorting
        new("dynamic_slice", x => DynamicSlice(x, [Start, Start], [2, 2])),
        new("dynamic_update_slice", x => DynamicUpdateSlice(x * x, Sin(x)[..2, ..2], [Start, Start])),
        new("sort", x => Sort(x, 1) * Row), new("sort_axis0", x => Sort(x * x, 0)),

        // contractions
        new("matmul", x => MatMul(x, Mat)), new("matmul_vec", x => MatMul(x, Row)), new("matmul_self", x => MatMul(x, Transpose(x))),
        new("cholesky", x => Cholesky(MatMul(x, Transpose(x)) + 3.0 * Identity(3, DType.F64))),
        new("triangular_solve", x => TriangularSolve(Cholesky(MatMul(x, Transpose(x)) + Identity(3, DType.F64)), x)),
        new("triangular_solve_right_upper", x => TriangularSolve(Transpose(x[.., ..3]) + 4.0 * Identity(3, DType.F64), Transpose(x),
            leftSide: false, lower: false, transposeA: true)),
        new("cholesky_solve", x => CholeskySolve(Cholesky(MatMul(x, Transpose(x)) + Identity(3, DType.F64)), Sin(x))),
        new("matmul_batch", x => MatMul(Reshape(x, 3, 2, 2), Reshape(BatchMat, 3, 2, 4))), new("einsum", x => Einsum("ij,jk->ik", x, Mat)),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientsMatchFiniteDifferences(AdCase c) => AdHarness.Check(c);
}
