using Axle.Lowering;
using Axle.Lowering.Text;

namespace Axle.Cli.Analysis;

/// <summary>
/// Estimated work of one op, in XLA's <c>cost_analysis</c> terms, without fusion (every op reads its
/// operands and writes its results). The model, per op:
/// <list type="table">
/// <item><term>elementwise arithmetic, compare, select, clamp</term><description>1 flop per result element</description></item>
/// <item><term>exp, log, log1p, expm1, logistic, sin, cos, tan, tanh, sqrt, rsqrt, cbrt, power, atan2</term><description>1 transcendental per result element (no flops, as XLA counts)</description></item>
/// <item><term>dot_general</term><description>2 × result elements × product of the contracted dimensions</description></item>
/// <item><term>reduce, reduce_window</term><description>(input elements − result elements) × the body's cost</description></item>
/// <item><term>sort</term><description>n·⌈log₂ n⌉ comparisons per sorted row × the comparator's cost</description></item>
/// <item><term>cholesky</term><description>n³/3 per matrix</description></item>
/// <item><term>triangular_solve</term><description>n² × right-hand sides per matrix</description></item>
/// <item><term>while</term><description>condition + body once: the trip count is not known statically</description></item>
/// <item><term>case</term><description>the most expensive branch</description></item>
/// <item><term>data movement (reshape, transpose, broadcast, slice, pad, concatenate, gather, scatter, iota, constant, convert, ...)</term><description>0 flops</description></item>
/// </list>
/// Bytes accessed = bytes of every operand + every result of each op outside scalar bodies (the
/// regions of reduce, sort, scatter are charged through their op's formula instead).
/// </summary>
internal static class CostModel
{
    private static readonly HashSet<string> Transcendental =
    [
        "exponential", "exponential_minus_one", "log", "log_plus_one", "logistic", "sine", "cosine", "tan", "tanh",
        "sqrt", "rsqrt", "cbrt", "power", "atan2",
    ];

    private static readonly HashSet<string> Arithmetic =
    [
        "add", "subtract", "multiply", "divide", "remainder", "maximum", "minimum", "and", "or", "xor", "not", "negate",
        "abs", "sign", "floor", "ceil", "round_nearest_even", "round_nearest_afz", "compare", "select", "clamp",
        "shift_left", "shift_right_arithmetic", "shift_right_logical", "is_finite", "popcnt", "count_leading_zeros",
    ];

    /// <summary>
    /// Ops whose regions hold tensor programs (charged op by op), not scalar bodies: the catalog's
    /// control-flow family (while, if, case).
    /// </summary>
    internal static readonly HashSet<string> ControlFlow =
        StablehloOps.All.Where(o => o.Family == "ControlFlow").Select(o => o.Name).ToHashSet(StringComparer.Ordinal);

    public readonly record struct Cost(double Flops, double Transcendentals)
    {
        public static Cost operator +(Cost a, Cost b) => new(a.Flops + b.Flops, a.Transcendentals + b.Transcendentals);

        public static Cost operator *(Cost a, double k) => new(a.Flops * k, a.Transcendentals * k);
    }

    /// <summary>The cost of <paramref name="op"/>, its regions included.</summary>
    public static Cost Of(MlirOperation op)
    {
        string s = op.ShortName;
        double outElements = op.ResultTypes.Count > 0 ? Elements(op.ResultTypes[0]) : 0;
        if (!op.Name.StartsWith("stablehlo.", StringComparison.Ordinal)) return default;
        if (Arithmetic.Contains(s)) return new(outElements, 0);
        if (Transcendental.Contains(s)) return new(0, outElements);
        switch (s)
        {
            case "dot_general":
            {
                var lhs = MlirTypes.TryParseTensor(op.OperandTypes[0]);
                string numbers = op.Attribute("dot_dimension_numbers") ?? "";
                double contracted = MlirTypes.NamedList(numbers, "lhs_contracting_dimensions")
                    .Aggregate(1.0, (p, d) => lhs is not null && d < lhs.Rank ? p * lhs.Dims[(int)d] : p);
                return new(2 * outElements * contracted, 0);
            }
            case "reduce" or "reduce_window" when op.Regions.Count == 1:
                return Block(op.Regions[0]) * Math.Max(0, Elements(op.OperandTypes[0]) - outElements);
            case "sort" when op.Regions.Count == 1:
            {
                var t = MlirTypes.TryParseTensor(op.OperandTypes[0]);
                long dim = MlirTypes.TryParseInt(op.Attribute("dimension")) ?? -1;
                if (t is null || t.Rank == 0) return default;
                double n = t.Dims[(int)(dim < 0 ? t.Rank - 1 : dim)];
                double comparisons = n <= 1 ? 0 : t.ElementCount * Math.Ceiling(Math.Log2(n));
                return Block(op.Regions[0]) * comparisons;
            }
            case "cholesky":
            {
                var (n, batch) = Matrix(op.OperandTypes[0]);
                return new(batch * n * n * n / 3, 0);
            }
            case "triangular_solve" when op.OperandTypes.Count == 2:
            {
                var (n, batch) = Matrix(op.OperandTypes[0]);
                var b = MlirTypes.TryParseTensor(op.OperandTypes[1]);
                double rhs = b is null || b.Rank < 2 ? 1 : b.ElementCount / (batch * n);
                return new(batch * n * n * rhs, 0);
            }
            case "while":
                return op.Regions.Aggregate(default(Cost), (c, r) => c + Block(r));
            case "case" or "if":
                return op.Regions.Select(Block).OrderByDescending(c => c.Flops + c.Transcendentals).FirstOrDefault();
            default:
                return default;
        }
    }

    /// <summary>The cost of every op of a block.</summary>
    public static Cost Block(MlirBlock block) => block.Operations.Aggregate(default(Cost), (c, op) => c + Of(op));

    /// <summary>Operand plus result bytes of <paramref name="op"/> itself (not its regions).</summary>
    public static double Bytes(MlirOperation op) =>
        op.Name is "func.return" or "stablehlo.return" ? 0 : op.OperandTypes.Concat(op.ResultTypes).Sum(TypeBytes);

    public static double TypeBytes(string type) =>
        MlirTypes.TryParseTensor(type) is { } t ? (double)t.ElementCount * t.Element.ByteSize() : 0;

    public static double Elements(string type) => MlirTypes.TryParseTensor(type)?.ElementCount ?? 0;

    private static (double N, double Batch) Matrix(string type)
    {
        var t = MlirTypes.TryParseTensor(type);
        if (t is null || t.Rank < 2) return (0, 0);
        double n = t.Dims[^1];
        return (n, n == 0 ? 0 : t.ElementCount / (n * n));
    }
}
