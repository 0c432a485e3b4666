using System.Reflection;

namespace Axle.Tests.Transforms;

/// <summary>
/// Every primitive (every static field of <c>Prims</c>, including ones added later) has a jvp
/// rule (unless listed below with the reason), declares its linearity in its stanza, and every
/// primitive declared linear has a transpose rule. Integer-valued and piecewise-constant
/// primitives have zero-tangent jvp rules rather than none.
/// </summary>
public class AdRulesTests
{
    // Primitives without a jvp rule, and why.
    private static readonly Dictionary<string, string> NoJvp = new()
    {
        ["custom_lin"] = "the linear stand-in for a CustomVjp tangent: reverse mode transposes it; forward mode of CustomVjp is unsupported, as in JAX",
        ["random_variable"] = "a node of a symbolic graph only: Ax.Function replaces it by its sampler before any transform sees it",
    };

    private static IEnumerable<object> Primitives()
    {
        var prims = typeof(Tensor).Assembly.GetType("Axle.Prims", throwOnError: true)!;
        return prims.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType.Name == "Primitive")
            .Select(f => f.GetValue(null)!);
    }

    private static string Name(object p) => (string)p.GetType().GetProperty("Name")!.GetValue(p)!;

    private static string Linearity(object p) => p.GetType().GetProperty("Linearity")!.GetValue(p)!.ToString()!;

    private static bool Has(object p, string rule) => p.GetType().GetProperty(rule)!.GetValue(p) is not null;

    [Fact]
    public void EveryPrimitiveHasAJvpRule()
    {
        var missing = Primitives().Where(p => !Has(p, "JvpRule") && !NoJvp.ContainsKey(Name(p))).Select(Name).ToList();
        Assert.True(missing.Count == 0, $"primitives without a jvp rule: {string.Join(", ", missing)}");
    }

    [Fact]
    public void EveryPrimitiveDeclaresItsLinearity()
    {
        var missing = Primitives().Where(p => Linearity(p) == "Undeclared").Select(Name).ToList();
        Assert.True(missing.Count == 0,
            $"primitives that declare neither .Linear() nor .NonLinear() in their stanza: {string.Join(", ", missing)}");
    }

    [Fact]
    public void EveryLinearPrimitiveHasATransposeRule()
    {
        var missing = Primitives()
            .Where(p => Linearity(p) == "Linear" && !Has(p, "TransposeRule"))
            .Select(Name).ToList();
        Assert.True(missing.Count == 0,
            $"primitives declared linear without a transpose rule (add one, or declare them .NonLinear()): {string.Join(", ", missing)}");
    }

    [Fact]
    public void NoNonLinearPrimitiveHasATransposeRule()
    {
        // A transpose rule on a primitive declared non-linear is a contradiction in its stanza.
        var both = Primitives().Where(p => Linearity(p) == "NonLinear" && Has(p, "TransposeRule")).Select(Name).ToList();
        Assert.True(both.Count == 0, $"primitives declared non-linear that have a transpose rule: {string.Join(", ", both)}");
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
