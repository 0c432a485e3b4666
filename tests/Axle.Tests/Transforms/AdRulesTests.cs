using System.Reflection;

namespace Axle.Tests.Transforms;

/// <summary>
/// Every primitive (every static field of <c>Prims</c>, including ones added later) has a jvp
/// rule, and every primitive that can appear linearly has a transpose rule — unless listed
/// below with the reason. Integer-valued and piecewise-constant primitives have zero-tangent
/// jvp rules rather than none.
/// </summary>
public class AdRulesTests
{
    // Primitives without a jvp rule, and why.
    private static readonly Dictionary<string, string> NoJvp = new()
    {
        ["custom_lin"] = "the linear stand-in for a CustomVjp tangent: reverse mode transposes it; forward mode of CustomVjp is unsupported, as in JAX",
        ["random_variable"] = "a node of a symbolic graph only: Ax.Function replaces it by its sampler before any transform sees it",
    };

    // Primitives without a transpose rule, and why: they never appear linearly in a jvp.
    private static readonly Dictionary<string, string> NoTranspose = new()
    {
    };

    private static readonly HashSet<string> NonLinear =
    [
        // elementwise math: their jvps multiply the tangent by a primal-only derivative (mul is transposed)
        "abs", "sign", "floor", "ceil", "round", "exp", "log", "tanh", "sin", "cos", "tan", "sqrt", "rsqrt", "cbrt",
        "logistic", "log1p", "expm1", "atan", "asin", "acos", "sinh", "cosh", "asinh", "acosh", "atanh",
        "erf", "erfc", "erf_inv", "lgamma", "digamma", "polygamma", "rem", "max", "min", "pow", "atan2",
        // integer / bool valued: zero tangents
        "not", "and", "or", "xor", "shift_left", "shift_right_arithmetic", "shift_right_logical",
        "eq", "ne", "lt", "le", "gt", "ge", "is_finite", "iota", "reduce_and", "reduce_or",
        // reductions whose jvps are built from mul / reduce_sum / div
        "reduce_prod", "reduce_max", "reduce_min",
        // zero derivative
        "stop_gradient",
        // linear algebra: cholesky's jvp is built from triangular_solve (transposed) and dot_general
        "cholesky", "lu",
        // random numbers: integer bit manipulation and the sampler loop have zero tangents
        "bitcast_convert_type", "random_variable",
    ];

    private static IEnumerable<object> Primitives()
    {
        var prims = typeof(Tensor).Assembly.GetType("Axle.Prims", throwOnError: true)!;
        return prims.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType.Name == "Primitive")
            .Select(f => f.GetValue(null)!);
    }

    private static string Name(object p) => (string)p.GetType().GetProperty("Name")!.GetValue(p)!;

    private static bool Has(object p, string rule) => p.GetType().GetProperty(rule)!.GetValue(p) is not null;

    [Fact]
    public void EveryPrimitiveHasAJvpRule()
    {
        var missing = Primitives().Where(p => !Has(p, "JvpRule") && !NoJvp.ContainsKey(Name(p))).Select(Name).ToList();
        Assert.True(missing.Count == 0, $"primitives without a jvp rule: {string.Join(", ", missing)}");
    }

    [Fact]
    public void EveryLinearPrimitiveHasATransposeRule()
    {
        var missing = Primitives()
            .Where(p => !Has(p, "TransposeRule") && !NonLinear.Contains(Name(p)) && !NoTranspose.ContainsKey(Name(p)))
            .Select(Name).ToList();
        Assert.True(missing.Count == 0,
            $"primitives without a transpose rule (add one, or list them as non-linear): {string.Join(", ", missing)}");
    }

    [Fact]
    public void AMissingRuleNamesThePrimitiveAndTheTransform()
    {
        // A primitive of this test only (every real one has its rules): the identity, with no jvp.
        var bare = new Primitive("test_without_rules", (ins, _) => [ins[0]], (_, xs, _) => xs);
        var x = Tensor.From(new double[] { 1, 2 });
        var ex = Assert.Throws<NotImplementedException>(() => Ax.Grad((Tensor t) => Axle.Ops.Sum(bare.Bind1([t])))(x));
        Assert.Contains("'jvp' rule for primitive 'test_without_rules'", ex.Message);
    }
}
