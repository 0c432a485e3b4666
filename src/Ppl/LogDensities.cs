namespace Axle;

/// <summary>
/// A family's log-density: elementwise log p(x | parameters) with the normalizing constant, the
/// parameters broadcasting against x; -inf outside the support.
/// </summary>
/// <param name="x">The value (already in the constrained space).</param>
/// <param name="ps">The parameters in <see cref="RandomVariable.ParameterNames"/> order, random variables among them replaced.</param>
/// <param name="rv">The random variable (names, dtype, size).</param>
internal delegate Tensor LogDensityRule(Tensor x, Tensor[] ps, RandomVariable rv);

/// <summary>The log-density of every family <see cref="RandomStream"/> offers, by distribution name.</summary>
internal static partial class LogDensities
{
    private static readonly Dictionary<string, LogDensityRule> Rules = new(StringComparer.Ordinal)
    {
        ["normal"] = Normal,
        ["half_normal"] = HalfNormal,
        ["cauchy"] = Cauchy,
        ["half_cauchy"] = HalfCauchy,
        ["laplace"] = Laplace,
        ["logistic"] = Logistic,
        ["gumbel"] = Gumbel,
        ["uniform"] = Uniform,
        ["exponential"] = Exponential,
        ["gamma"] = Gamma,
        ["beta"] = Beta,
        ["bernoulli"] = Bernoulli,
        ["poisson"] = Poisson,
        ["categorical"] = Categorical,
        ["dirichlet"] = Dirichlet,
        ["multivariate_normal"] = MultivariateNormal,
        ["truncated_normal"] = TruncatedNormal,
    };

    /// <summary>The elementwise log-density of <paramref name="rv"/> at <paramref name="x"/>.</summary>
    /// <exception cref="NotSupportedException">No log-density is known for the family.</exception>
    public static Tensor Of(RandomVariable rv, Tensor x, Tensor[] ps) =>
        Rules.TryGetValue(rv.Distribution, out var rule)
            ? rule(x, ps, rv)
            : throw new NotSupportedException(
                $"Ppl.JointLogprob: no log-density is known for {rv} (known: {string.Join(", ", Rules.Keys.Order(StringComparer.Ordinal))})");

    /// <summary>True when the family called <paramref name="distribution"/> has a log-density here.</summary>
    public static bool Knows(string distribution) => Rules.ContainsKey(distribution);

    private const double LogTwoPi = 1.8378770664093453; // log(2π)
    private const double LogPi = 1.1447298858494002;
    private const double Log2 = 0.6931471805599453;

    /// <summary><paramref name="lp"/> where <paramref name="inSupport"/>, else -inf (Where keeps NaN out of the gradient too).</summary>
    private static Tensor Support(Tensor inSupport, Tensor lp) => Ops.Where(inSupport, lp, double.NegativeInfinity);

    /// <summary>The parameter of <paramref name="rv"/> called by the first of <paramref name="names"/> it has.</summary>
    private static Tensor Param(RandomVariable rv, Tensor[] ps, params string[] names)
    {
        foreach (string name in names)
        {
            int i = IndexOf(rv, name);
            if (i >= 0) return ps[i];
        }
        throw new NotSupportedException($"Ppl.JointLogprob: {rv} has none of the parameters {string.Join(", ", names)}");
    }

    private static int IndexOf(RandomVariable rv, string name)
    {
        for (int i = 0; i < rv.ParameterNames.Count; i++)
            if (rv.ParameterNames[i] == name) return i;
        return -1;
    }

    private static bool Has(RandomVariable rv, string name) => IndexOf(rv, name) >= 0;
}
