namespace Axle;

/// <summary>
/// Reverse mode as JAX does it: forward mode + transposition. The jvp of the function is traced
/// into one graph whose inputs are the primals and the tangents; every equation that depends on
/// a tangent is linear in the tangents (jvp rules keep primal and tangent work apart). The other
/// equations are the forward pass: only those the outputs or the linear part read are evaluated
/// (dead code never reaches an outer trace). The linear part is run backwards by
/// <see cref="Transposer"/> when the pullback is called.
/// </summary>
internal sealed class Linearized
{
    private readonly Graph _graph;
    private readonly HashSet<Var> _linear;
    private readonly Dictionary<Var, Tensor> _forward;
    private readonly Var[] _tangentInputs;
    private readonly Atom?[] _tangentOutputs;

    private Linearized(Graph graph, HashSet<Var> linear, Dictionary<Var, Tensor> forward, Var[] tangentInputs,
        Atom?[] tangentOutputs, Tensor[] outputs)
    {
        _graph = graph;
        _linear = linear;
        _forward = forward;
        _tangentInputs = tangentInputs;
        _tangentOutputs = tangentOutputs;
        Outputs = outputs;
    }

    /// <summary>The primal outputs (empty unless asked for).</summary>
    public Tensor[] Outputs { get; }

    /// <summary>The avals of the outputs (what cotangents must look like).</summary>
    public Aval[] OutputAvals => _tangentOutputs.Select((_, i) => _graph.Outputs[i].Aval).ToArray();

    /// <summary>
    /// Linearizes <paramref name="f"/> at <paramref name="primals"/> with respect to the inputs
    /// where <paramref name="wrt"/> is true. With <paramref name="withOutputs"/> false the primal
    /// outputs are not computed (Grad needs only the cotangents). <paramref name="checkOutputs"/>
    /// sees the output avals before anything is evaluated.
    /// </summary>
    public static Linearized Of(Func<Tensor[], Tensor[]> f, Tensor[] primals, bool[] wrt, bool withOutputs,
        Action<Aval[]>? checkOutputs = null)
    {
        int n = primals.Length;
        int[] diff = Enumerable.Range(0, n).Where(i => wrt[i]).ToArray();
        var avals = primals.Select(p => p.Aval).Concat(diff.Select(i => primals[i].Aval.Strong())).ToArray();
        int outCount = 0;
        bool[]? zeroOut = null;
        Graph graph = Tracer.Trace(args =>
        {
            var tangents = new Tensor?[n];
            for (int k = 0; k < diff.Length; k++) tangents[diff[k]] = args[n + k];
            var (outs, touts) = Jvp.Run(f, args[..n], tangents);
            outCount = outs.Length;
            zeroOut = touts.Select(t => t is null).ToArray();
            // A zero tangent output has no graph value: the primal stands in and is ignored.
            return [.. outs, .. touts.Select((t, i) => t ?? outs[i])];
        }, avals);
        checkOutputs?.Invoke(graph.OutputAvals[..outCount]);
        graph = graph.Prune();

        var tangentInputs = graph.Inputs.Skip(n).ToArray();
        var linear = new HashSet<Var>(tangentInputs);
        foreach (var eq in graph.Equations)
            if (eq.Inputs.Any(a => a is Var v && linear.Contains(v)))
                foreach (var o in eq.Outputs) linear.Add(o);
        for (int i = 0; i < outCount; i++)
            if (graph.Outputs[i] is Var v && linear.Contains(v))
                throw new InvalidOperationException($"output {i} depends on a tangent (a jvp rule or custom derivative is wrong)");
        var tangentOutputs = new Atom?[outCount];
        for (int i = 0; i < outCount; i++)
            tangentOutputs[i] = !zeroOut![i] && graph.Outputs[outCount + i] is Var v && linear.Contains(v) ? v : null;

        // What the forward pass must compute: the outputs if asked, and every non-linear operand
        // of a linear equation that reaches a tangent output.
        var needed = new HashSet<Var>();
        var liveLinear = new HashSet<Var>(tangentOutputs.OfType<Var>());
        for (int e = graph.Equations.Count - 1; e >= 0; e--)
        {
            var eq = graph.Equations[e];
            if (!eq.Outputs.Any(liveLinear.Contains)) continue;
            foreach (var a in eq.Inputs.OfType<Var>())
                (linear.Contains(a) ? liveLinear : needed).Add(a);
        }
        if (withOutputs)
            for (int i = 0; i < outCount; i++)
                if (graph.Outputs[i] is Var v) needed.Add(v);

        var env = new Dictionary<Var, Tensor>();
        for (int i = 0; i < n; i++) env[graph.Inputs[i]] = primals[i];
        for (int i = 0; i < graph.ConstVars.Count; i++) env[graph.ConstVars[i]] = graph.ConstValues[i];
        Tensor Read(Atom a) => a is Literal l ? l.Value : env[(Var)a];
        var neededEqs = new List<Equation>();
        for (int e = graph.Equations.Count - 1; e >= 0; e--)
        {
            var eq = graph.Equations[e];
            if (linear.Contains(eq.Outputs[0]) || !eq.Outputs.Any(needed.Contains)) continue;
            neededEqs.Add(eq);
            foreach (var a in eq.Inputs.OfType<Var>()) needed.Add(a);
        }
        neededEqs.Reverse();
        foreach (var eq in neededEqs)
        {
            var outs = eq.Primitive.Bind(eq.Inputs.Select(Read).ToArray(), eq.Params);
            for (int i = 0; i < outs.Length; i++) env[eq.Outputs[i]] = outs[i];
        }
        Tensor[] outputs = withOutputs ? graph.Outputs.Take(outCount).Select(Read).ToArray() : [];
        return new Linearized(graph, linear, env, tangentInputs, tangentOutputs, outputs);
    }

    /// <summary>
    /// The cotangents of the differentiated inputs for output cotangents <paramref name="cotangents"/>
    /// (null = zero), computed in the current trace. Never null: zero where nothing flows.
    /// </summary>
    public Tensor[] Pullback(Tensor?[] cotangents)
    {
        if (cotangents.Length != _tangentOutputs.Length)
            throw new ArgumentException($"the pullback takes {_tangentOutputs.Length} cotangent(s); got {cotangents.Length}", nameof(cotangents));
        var cts = new Dictionary<Var, Tensor>();
        for (int i = 0; i < cotangents.Length; i++)
            if (cotangents[i] is Tensor ct && _tangentOutputs[i] is Var v)
                Transposer.Accumulate(cts, v, ct);
        Transposer.Backward(_graph.Equations, _linear, _forward, cts);
        return _tangentInputs.Select(v => cts.TryGetValue(v, out var ct) ? ct : Transposer.Zeros(v.Aval)).ToArray();
    }
}
