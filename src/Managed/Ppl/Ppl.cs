namespace Axle;

/// <summary>
/// Probabilistic programming on symbolic graphs (aeppl style): the joint log-density of random
/// variables made by a <see cref="RandomStream"/>, as a symbolic graph of value variables.
/// </summary>
public static class Ppl
{
    /// <inheritdoc cref="JointLogprob(Tensor[], bool)"/>
    public static (Tensor Logprob, Tensor[] ValueVariables) JointLogprob(params Tensor[] rvs) => JointLogprob(rvs, transform: false);

    /// <summary>
    /// The joint log-density of <paramref name="rvs"/>: one value variable per random variable (a
    /// symbolic tensor of the same symbolic shape) and the scalar graph
    /// Σ log p(value_i | parameters_i), where every random variable of the list that appears in
    /// another's parameters is replaced by its value variable (hierarchical models). Random
    /// variables not in the list stay random: a function of the graph then takes a key.
    /// </summary>
    /// <param name="rvs">Random variables made by a <see cref="RandomStream"/>, each at most once.</param>
    /// <param name="transform">
    /// When true, the value variables of constrained families live on the real line (log for
    /// positive families, logit for the unit interval and Uniform) and the log-density includes
    /// the log-Jacobian, as a sampler needs.
    /// </param>
    /// <returns>
    /// The scalar log-density and the value variables in the order of <paramref name="rvs"/>.
    /// Value variables of float variables have the variable's dtype; those of discrete variables
    /// (Bernoulli, Poisson, Categorical) have the stream's float dtype, and a function taking one
    /// accepts a value of any real dtype there. Values outside the support give -inf.
    /// </returns>
    /// <exception cref="ArgumentException">An argument is not a random variable, or is listed twice.</exception>
    /// <exception cref="NotSupportedException">A variable's family has no log-density here.</exception>
    public static (Tensor Logprob, Tensor[] ValueVariables) JointLogprob(Tensor[] rvs, bool transform)
    {
        ArgumentNullException.ThrowIfNull(rvs);
        if (rvs.Length == 0) throw new ArgumentException("Ppl.JointLogprob: give at least one random variable", nameof(rvs));
        var vars = new RandomVariable[rvs.Length];
        for (int i = 0; i < rvs.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(rvs[i], $"{nameof(rvs)}[{i}]");
            vars[i] = RandomVariable.Of(rvs[i]) ?? throw new ArgumentException(
                $"Ppl.JointLogprob: argument {i} ({rvs[i].Aval}) is not a random variable of a RandomStream", nameof(rvs));
            if (Array.IndexOf(vars, vars[i], 0, i) >= 0)
                throw new ArgumentException($"Ppl.JointLogprob: {vars[i]} is listed twice (arguments {Array.IndexOf(vars, vars[i], 0, i)} and {i})", nameof(rvs));
            if (!LogDensities.Knows(vars[i].Distribution))
                throw new NotSupportedException($"Ppl.JointLogprob: no log-density is known for {vars[i]}");
        }

        // Every value variable exists before any parameter is rewritten, so the order of the list
        // does not matter (beta may come before tau).
        var valueVars = new Tensor[rvs.Length];
        for (int i = 0; i < rvs.Length; i++)
        {
            string? suffix = transform ? Unconstrain.Name(vars[i]) : null;
            string name = $"{vars[i].Distribution}_{vars[i].Index}" + (suffix is null ? "" : "_" + suffix);
            valueVars[i] = Sym.Tensor(name, ValueDType(vars[i]), rvs[i].Shape.Select(d => (Dim?)d).ToArray());
            if (!vars[i].DType.IsFloat()) ValueVariables.MarkAcceptsAnyRealDType(valueVars[i]);
        }

        var rewrite = new GraphRewrite();
        var parameters = new Tensor[rvs.Length][];
        var values = new Tensor[rvs.Length];
        Tensor? logJacobian = null;
        // A variable's parameters may read other listed variables, which must be replaced first
        // (with their constrained values, which read their own parameters): resolve each variable
        // once, on demand; random variables form a DAG, so this terminates.
        var resolved = new bool[rvs.Length];
        void Resolve(int i)
        {
            if (resolved[i]) return;
            resolved[i] = true;
            values[i] = valueVars[i];
            var ps = vars[i].Parameters.Select(p => ResolveReads(p)).ToArray();
            parameters[i] = ps;
            if (transform && Unconstrain.Constrain(vars[i], ps, valueVars[i]) is var (x, jac))
            {
                values[i] = x;
                logJacobian = Add(logJacobian, Ops.Sum(jac));
            }
            rewrite.Replace(rvs[i], values[i]);
        }
        Tensor ResolveReads(Tensor p)
        {
            for (int j = 0; j < rvs.Length; j++)
                if (!resolved[j] && DependsOn(p, rvs[j])) Resolve(j);
            return rewrite.Apply(p);
        }
        for (int i = 0; i < rvs.Length; i++) Resolve(i);

        Tensor? total = logJacobian, outside = null;
        for (int i = 0; i < rvs.Length; i++)
        {
            var term = Ops.Sum(LogDensities.Of(vars[i], values[i], parameters[i]));
            total = Add(total, term);
            var minusInf = Ops.Equal(term, double.NegativeInfinity);
            outside = outside is null ? minusInf : Ops.LogicalOr(outside, minusInf);
        }
        // A value outside its support makes the joint density 0 even when another term, whose
        // parameter it is (a negative scale), is NaN.
        return (Ops.Where(outside!, double.NegativeInfinity, total!), valueVars);
    }

    private static Tensor Add(Tensor? a, Tensor b) => a is null ? b : a + b;

    /// <summary>Float variables: their dtype; discrete ones: the stream's float dtype (see <see cref="ValueVariables"/>).</summary>
    private static DType ValueDType(RandomVariable rv) => rv.DType.IsFloat() ? rv.DType : rv.Stream.DType;

    /// <summary>True when <paramref name="t"/>'s graph reads <paramref name="target"/>.</summary>
    private static bool DependsOn(Tensor t, Tensor target)
    {
        if (t.Tracer is not SymTracer start || target.Tracer is not SymTracer goal) return false;
        var seen = new HashSet<SymTracer>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<SymTracer>();
        stack.Push(start);
        while (stack.Count > 0)
        {
            var s = stack.Pop();
            if (ReferenceEquals(s, goal)) return true;
            if (!seen.Add(s) || s.Node is null) continue;
            foreach (var input in s.Node.Inputs)
                if (input.Tracer is SymTracer next) stack.Push(next);
        }
        return false;
    }
}
