using System.Runtime.CompilerServices;

namespace Axle;

/// <summary>
/// Value variables of discrete random variables (Bernoulli, Poisson, Categorical): they are float
/// (the stream's dtype) so that a value that is not an integer of the support gives -inf, and a
/// function taking one accepts an argument of any real dtype (bool, integer or float), converted
/// to the float dtype there.
/// </summary>
internal static class ValueVariables
{
    private static readonly ConditionalWeakTable<SymTracer, object> AnyRealDType = [];

    public static void MarkAcceptsAnyRealDType(Tensor valueVariable) => AnyRealDType.AddOrUpdate((SymTracer)valueVariable.Tracer!, true);

    /// <summary>True when <paramref name="input"/> is a discrete variable's value variable.</summary>
    public static bool AcceptsAnyRealDType(SymTracer input) => AnyRealDType.TryGetValue(input, out _);
}
