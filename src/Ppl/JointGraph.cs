namespace Axle;

/// <summary>
/// The symbolic joint log-density of a list of random variables (aeppl's value-variable scheme),
/// kept term by term: <c>Ppl.JointLogprob</c> sums every term, <c>Ppl.Posterior</c> leaves out the
/// terms of non-centered variables (their bijector carries them) and reads the rewritten parameters
/// for the bounds of the constraining transforms.
/// </summary>
internal sealed class JointGraph
{
    private JointGraph(RandomVariable[] variables, Tensor[] valueVariables, Tensor[][] parameters, Tensor[] terms, Tensor? logJacobian)
    {
        Variables = variables;
        ValueVariables = valueVariables;
        Parameters = parameters;
        Terms = terms;
        LogJacobian = logJacobian;
    }

    /// <summary>The random variables, in the order given.</summary>
    public RandomVariable[] Variables { get; }

    /// <summary>One symbolic leaf per variable, named after it (plus "_log"/"_logit" when transformed).</summary>
    public Tensor[] ValueVariables { get; }

    /// <summary>Each variable's parameters with every listed variable replaced by its (constrained) value.</summary>
    public Tensor[][] Parameters { get; }

    /// <summary>Each variable's scalar term Σ log p(value | parameters).</summary>
    public Tensor[] Terms { get; }

    /// <summary>Σ log-Jacobian of the transforms (null when nothing was transformed).</summary>
    public Tensor? LogJacobian { get; }

    /// <summary>Checks <paramref name="rvs"/> and builds their value variables, rewritten parameters and terms.</summary>
    /// <param name="caller">Names the public entry point in messages.</param>
    /// <param name="argument">The argument that holds <paramref name="rvs"/> (for <see cref="ArgumentException.ParamName"/>).</param>
    /// <param name="rvs">Random variables made by a <see cref="RandomStream"/>, each at most once.</param>
    /// <param name="transform">Unconstrain the value variables of constrained families (see <see cref="Unconstrain"/>).</param>
    public static JointGraph Build(string caller, string argument, Tensor[] rvs, bool transform)
    {
        var vars = Check(caller, argument, rvs);
        // Every value variable exists before any parameter is rewritten, so the order of the list
        // does not matter (beta may come before tau).
        var valueVars = new Tensor[rvs.Length];
        for (int i = 0; i < rvs.Length; i++)
        {
            string? suffix = transform ? Unconstrain.Name(vars[i]) : null;
            string name = vars[i].Name + (suffix is null ? "" : "_" + suffix);
            valueVars[i] = Sym.Tensor(name, ValueDType(vars[i]), rvs[i].Shape.Select(d => (Dim?)d).ToArray());
            if (!vars[i].DType.IsFloat()) Axle.ValueVariables.MarkAcceptsAnyRealDType(valueVars[i]);
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
            var ps = vars[i].Parameters.Select(ResolveReads).ToArray();
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

        var terms = new Tensor[rvs.Length];
        for (int i = 0; i < rvs.Length; i++) terms[i] = Ops.Sum(LogDensities.Of(vars[i], values[i], parameters[i]));
        return new JointGraph(vars, valueVars, parameters, terms, logJacobian);
    }

    /// <summary>
    /// Σ <paramref name="terms"/> (+ <paramref name="extra"/>), -inf as soon as one term is -inf: a value
    /// outside its support makes the joint density 0 even when another term, whose parameter it is
    /// (a negative scale), is NaN.
    /// </summary>
    public static Tensor Combine(IReadOnlyList<Tensor> terms, Tensor? extra)
    {
        Tensor? total = extra, outside = null;
        foreach (var term in terms)
        {
            total = Add(total, term);
            var minusInf = Ops.Equal(term, double.NegativeInfinity);
            outside = outside is null ? minusInf : Ops.LogicalOr(outside, minusInf);
        }
        if (total is null) throw new InvalidOperationException("JointGraph.Combine: no terms");
        return outside is null ? total : Ops.Where(outside, double.NegativeInfinity, total);
    }

    /// <summary>True when <paramref name="t"/>'s graph reads <paramref name="target"/>.</summary>
    public static bool DependsOn(Tensor t, Tensor target)
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

    private static RandomVariable[] Check(string caller, string argument, Tensor[] rvs)
    {
        ArgumentNullException.ThrowIfNull(rvs, argument);
        var vars = new RandomVariable[rvs.Length];
        for (int i = 0; i < rvs.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(rvs[i], $"{argument}[{i}]");
            vars[i] = RandomVariable.Of(rvs[i]) ?? throw new ArgumentException(
                $"{caller}: {argument}[{i}] ({Describe(rvs[i])}) is not a random variable of a RandomStream", argument);
            int first = Array.IndexOf(vars, vars[i], 0, i);
            if (first >= 0)
                throw new ArgumentException($"{caller}: {vars[i]} is listed twice ({argument}[{first}] and [{i}])", argument);
            if (!LogDensities.Knows(vars[i].Distribution))
                throw new NotSupportedException($"{caller}: no log-density is known for {vars[i]}");
        }
        return vars;
    }

    /// <summary>For messages: a symbolic leaf's name, else the aval.</summary>
    public static string Describe(Tensor t) => t.Tracer is SymTracer { Name: { } name } ? $"'{name}' {t.Aval}" : t.Aval.ToString();

    private static Tensor Add(Tensor? a, Tensor b) => a is null ? b : a + b;

    /// <summary>Float variables: their dtype; discrete ones: the stream's float dtype (see <see cref="ValueVariables"/>).</summary>
    private static DType ValueDType(RandomVariable rv) => rv.DType.IsFloat() ? rv.DType : rv.Stream.DType;
}
