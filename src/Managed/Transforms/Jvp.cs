namespace Axle;

/// <summary>
/// The forward-mode interpreter (JAX's JVPTrace): each of its tracers carries a primal value and
/// a tangent, both tensors of the parent trace; a null tangent is a symbolic zero, so values that
/// do not depend on the differentiated inputs cost nothing. A primitive with any non-zero tangent
/// input runs its jvp rule in the parent trace; otherwise it is simply bound there.
/// </summary>
internal sealed class JvpTrace : Trace
{
    public JvpTrace(Trace parent) : base(parent) { }

    private sealed class JvpTracer(JvpTrace trace, Tensor primal, Tensor tangent) : TracerState(trace, primal.Aval)
    {
        public Tensor Primal { get; } = primal;

        public Tensor Tangent { get; } = tangent;
    }

    /// <summary>A tensor of this trace; with a null tangent (a zero) the primal itself.</summary>
    public Tensor Wrap(Tensor primal, Tensor? tangent)
    {
        if (tangent is null || !primal.DType.IsFloat()) return primal;
        if (tangent.Shape != primal.Shape || tangent.DType != primal.DType)
            throw new InvalidOperationException($"a tangent {tangent.Aval} does not match its primal {primal.Aval} (a jvp rule is wrong)");
        return new Tensor(new JvpTracer(this, primal, tangent));
    }

    /// <summary>The parent-trace primal and tangent behind <paramref name="t"/> (null tangent: zero).</summary>
    public (Tensor Primal, Tensor? Tangent) Unwrap(Tensor t)
    {
        if (t.Tracer is JvpTracer own && own.Trace == this) return (own.Primal, own.Tangent);
        if (t.Tracer is { Trace.IsActive: false }) throw Escaped(t);
        return (t, null);
    }

    public override Tensor[] Process(Primitive primitive, Tensor[] inputs, Params p)
    {
        var primals = new Tensor[inputs.Length];
        var tangents = new Tensor?[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) (primals[i], tangents[i]) = Unwrap(inputs[i]);
        if (tangents.All(t => t is null))
        {
            using (Enter(Parent!)) return primitive.Bind(primals, p);
        }
        var rule = primitive.RequireJvp();
        Tensor[] outs;
        Tensor?[] outTangents;
        using (Enter(Parent!)) (outs, outTangents) = rule(primals, tangents, p);
        if (outs.Length != outTangents.Length)
            throw new InvalidOperationException($"the jvp rule of '{primitive.Name}' returned {outs.Length} primals but {outTangents.Length} tangents");
        var result = new Tensor[outs.Length];
        for (int i = 0; i < outs.Length; i++) result[i] = Wrap(outs[i], outTangents[i]);
        return result;
    }

    /// <summary>
    /// Runs <paramref name="rule"/> (a custom derivative) instead of tracing through a function:
    /// the rule gets parent-trace primals and tangents (zeros instantiated) and returns both.
    /// </summary>
    public Tensor[] ProcessCustom(Tensor[] inputs, Func<Tensor[], Tensor[]> primal,
        Func<Tensor[], Tensor?[], (Tensor[] Outs, Tensor?[] Tangents)> rule)
    {
        var primals = new Tensor[inputs.Length];
        var tangents = new Tensor?[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) (primals[i], tangents[i]) = Unwrap(inputs[i]);
        Tensor[] outs;
        Tensor?[] outTangents;
        using (Enter(Parent!))
        {
            if (tangents.All(t => t is null)) return primal(primals);
            (outs, outTangents) = rule(primals, tangents);
        }
        if (outs.Length != outTangents.Length)
            throw new InvalidOperationException($"a custom derivative rule returned {outs.Length} outputs but {outTangents.Length} tangents");
        return outs.Select((o, i) => Wrap(o, outTangents[i])).ToArray();
    }
}

/// <summary>Forward-mode differentiation of whole functions.</summary>
internal static class Jvp
{
    /// <summary>
    /// Runs <paramref name="f"/> on <paramref name="primals"/> pushing <paramref name="tangents"/>
    /// (null = zero) forward; returns the outputs and their tangents (null = zero) in the current trace.
    /// </summary>
    public static (Tensor[] Outs, Tensor?[] Tangents) Run(Func<Tensor[], Tensor[]> f, Tensor[] primals, Tensor?[] tangents)
    {
        var trace = new JvpTrace(Trace.Current);
        try
        {
            Tensor[] outs;
            using (Trace.Enter(trace))
            {
                var args = primals.Select((x, i) => trace.Wrap(x, tangents[i])).ToArray();
                outs = f(args) ?? throw new InvalidOperationException("the differentiated function returned null");
            }
            var primalOuts = new Tensor[outs.Length];
            var tangentOuts = new Tensor?[outs.Length];
            for (int i = 0; i < outs.Length; i++)
            {
                if (outs[i] is null) throw new InvalidOperationException($"the differentiated function returned null as output {i}");
                (primalOuts[i], tangentOuts[i]) = trace.Unwrap(outs[i]);
            }
            return (primalOuts, tangentOuts);
        }
        finally
        {
            trace.Finish();
        }
    }

    /// <summary>The innermost active forward-mode trace, if it is the current trace.</summary>
    public static JvpTrace? Current => Trace.Current as JvpTrace;
}
