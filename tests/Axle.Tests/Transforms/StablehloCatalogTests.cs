using System.Text.RegularExpressions;
using Axle.Lowering;
using static Axle.Ops;

namespace Axle.Tests.Transforms;

/// <summary>
/// Every StableHLO op the managed lowering emits is in the shared catalog
/// (native/src/compiler/StablehloOps.def), so the plugin knows each op the core can produce.
/// </summary>
public class StablehloCatalogTests
{
    // An op name in the text, not an attribute (#stablehlo.dot<...>, #stablehlo<...>).
    private static readonly Regex OpName = new(@"(?<![#\w.])stablehlo\.[a-z0-9_]+");

    private static IEnumerable<string> Programs()
    {
        var x = Tensor.From(new double[] { 0.5, 1, 2, 3, 4, 5 }, [2, 3]);
        var m = Tensor.From(new double[] { 4, 1, 1, 3 }, [2, 2]);
        yield return Ax.Lower((Tensor a) => Sum(Exp(a) * Log(a) + Sin(a) / Sqrt(a) - Tanh(a)), x).AsText();
        yield return Ax.Lower((Tensor a) => Sum(Erf(a) + Lgamma(a) + Digamma(a) + Atan(a) + Sinh(a)), x).AsText();
        yield return Ax.Lower((Tensor a) => Max(Sort(Transpose(a, 1, 0), axis: 0), axis: 0), x).AsText();
        yield return Ax.Lower((Tensor a) => Cumsum(Concatenate([a, a], axis: 0), axis: 1), x).AsText();
        yield return Ax.Lower((Tensor a) => Sum(Pad(a, 1)), x).AsText();
        yield return Ax.Lower((Tensor a) => Where(Less(a, 2.0), a, Sum(MatMul(a, Transpose(a)))), x).AsText();
        yield return Ax.Lower((Tensor a) => Take(a, Tensor.From(new int[] { 1, 0 }), axis: 1), x).AsText();
        yield return Ax.Lower((Tensor a) => Cholesky(a), m).AsText();
        yield return Ax.Lower(Ax.Grad((Tensor a) => Sum(Sin(a) * a)), x).AsText();
        yield return Ax.Lower((Tensor a) => Ax.Scan((c, r) => (c * r + 1.0, Sum(c)), Tensor.From(new double[3]), a).Carry, x).AsText();
        yield return Ax.Lower((Tensor a) => Ax.WhileLoop(c => Less(Sum(c), 100.0), c => c * 2.0, a), x).AsText();
        yield return Ax.Lower((Tensor a) => Ax.Cond(Less(Sum(a), 3.0), b => b + 1.0, b => b * 2.0, a), x).AsText();
    }

    [Fact]
    public void EveryEmittedOpIsInTheCatalog()
    {
        var names = Programs().SelectMany(t => OpName.Matches(t).Select(mt => mt.Value)).ToHashSet();
        Assert.True(names.Count >= 20, $"the programs should cover many ops; found {string.Join(", ", names)}");
        var unknown = names.Where(n => StablehloOps.Find(n) is null).ToList();
        Assert.True(unknown.Count == 0, $"ops emitted but not in StablehloOps.def: {string.Join(", ", unknown)}");
    }
}
