namespace Axle;

/// <summary>
/// Graph surgery shared by the control-flow primitives, whose params hold closed sub-graphs
/// (no const vars: captured values are hoisted to explicit operands, so transforms see them).
/// </summary>
internal static class ControlFlowGraphs
{
    /// <summary>
    /// Traces <paramref name="f"/> at <paramref name="avals"/> into a graph whose captured values are
    /// hoisted: the graph's inputs are the captures first, then the arguments.
    /// </summary>
    public static (Graph Graph, Tensor[] Captured) TraceHoisted(Func<Tensor[], Tensor[]> f, Aval[] avals)
    {
        var g = Tracer.Trace(f, avals);
        return (new Graph([.. g.ConstVars, .. g.Inputs], [], [], [.. g.Equations], [.. g.Outputs]), [.. g.ConstValues]);
    }

    /// <summary>Traces a function that rules build from closed graphs; it must capture nothing.</summary>
    public static Graph TraceClosed(Func<Tensor[], Tensor[]> f, Aval[] avals, string what)
    {
        var g = Tracer.Trace(f, avals).Prune();
        if (g.ConstVars.Count != 0)
            throw new InvalidOperationException($"{what}: an internal graph captured {g.ConstVars.Count} tensor(s) (a rule created a concrete tensor)");
        return g;
    }

    /// <summary>
    /// Runs <paramref name="graph"/> batched in the current trace: <paramref name="args"/> carry
    /// their batch at axis 0 where <paramref name="batched"/> is true; every output comes back
    /// batched at axis 0 (broadcast if the graph left it unbatched).
    /// </summary>
    public static Tensor[] EvalBatched(Graph graph, Tensor[] args, bool[] batched, int size)
    {
        var trace = new BatchTrace(Trace.Current, size);
        try
        {
            Tensor[] outs;
            using (Trace.Enter(trace))
                outs = graph.Evaluate(args.Select((a, i) => trace.Wrap(a, batched[i] ? 0 : null)).ToArray());
            return outs.Select(o =>
            {
                var (v, axis) = trace.Unwrap(o);
                return Batching.ToFront(v, axis, size);
            }).ToArray();
        }
        finally
        {
            trace.Finish();
        }
    }

    /// <summary>The graph of <see cref="EvalBatched"/>: batched inputs gain a leading axis of <paramref name="size"/>.</summary>
    public static Graph Batched(Graph graph, bool[] batched, int size) =>
        TraceClosed(args => EvalBatched(graph, args, batched, size),
            graph.InputAvals.Select((a, i) => batched[i] ? a.WithShape(new Shape(a.Shape.Prepend(size))) : a).ToArray(),
            "vmap of control flow");

    /// <summary>The per-example aval of a value batched at axis 0 (or the aval itself).</summary>
    public static Aval WithBatch(Aval a, int size) => a.WithShape(new Shape(a.Shape.Prepend(size)));

    /// <summary>
    /// Transposes the linear part of <paramref name="graph"/> in the current trace: inputs whose
    /// <paramref name="known"/> entry is null are linear; the non-linear equations run forward on
    /// the known values, then the linear ones backwards from <paramref name="outCts"/> (null = zero).
    /// Returns the cotangents of the linear inputs (zeros where nothing flows; null at known ones).
    /// </summary>
    public static Tensor?[] Transpose(Graph graph, Tensor?[] known, Tensor?[] outCts)
    {
        var linear = new HashSet<Var>();
        var env = new Dictionary<Var, Tensor>();
        for (int i = 0; i < known.Length; i++)
        {
            if (known[i] is Tensor k) env[graph.Inputs[i]] = k;
            else linear.Add(graph.Inputs[i]);
        }
        Tensor Read(Atom a) => a is Literal l ? l.Value : env[(Var)a];
        foreach (var eq in graph.Equations)
        {
            if (eq.Inputs.Any(a => a is Var v && linear.Contains(v)))
            {
                foreach (var o in eq.Outputs) linear.Add(o);
                continue;
            }
            var outs = eq.Primitive.Bind(eq.Inputs.Select(Read).ToArray(), eq.Params);
            for (int i = 0; i < outs.Length; i++) env[eq.Outputs[i]] = outs[i];
        }
        var cts = new Dictionary<Var, Tensor>();
        for (int i = 0; i < outCts.Length; i++)
            if (outCts[i] is Tensor ct && graph.Outputs[i] is Var v && linear.Contains(v))
                Transposer.Accumulate(cts, v, ct);
        Transposer.Backward(graph.Equations, linear, env, cts);
        return known.Select((k, i) => k is not null ? null
            : cts.TryGetValue(graph.Inputs[i], out var ct) ? ct : Transposer.Zeros(graph.Inputs[i].Aval)).ToArray();
    }

    /// <summary>
    /// JAX's partial evaluation of a jvp: <paramref name="jvp"/> takes primals (the first
    /// <paramref name="numPrimals"/> inputs) then tangents and returns <paramref name="numPrimalOuts"/>
    /// primal outputs then tangent outputs. Splits it into a known graph (primals → primal outputs
    /// and residuals) and a linear graph (residuals, tangents → tangent outputs).
    /// </summary>
    public static (Graph Known, Graph Linear, Var[] Residuals) Split(Graph jvp, int numPrimals, int numPrimalOuts)
    {
        var linear = new HashSet<Var>(jvp.Inputs.Skip(numPrimals));
        var knownEqs = new List<Equation>();
        var linearEqs = new List<Equation>();
        foreach (var eq in jvp.Equations)
        {
            if (eq.Inputs.Any(a => a is Var v && linear.Contains(v)))
            {
                foreach (var o in eq.Outputs) linear.Add(o);
                linearEqs.Add(eq);
            }
            else knownEqs.Add(eq);
        }
        for (int i = 0; i < numPrimalOuts; i++)
            if (jvp.Outputs[i] is Var v && linear.Contains(v))
                throw new InvalidOperationException($"primal output {i} depends on a tangent (a jvp rule is wrong)");
        var residuals = new List<Var>();
        var seen = new HashSet<Var>();
        void Need(Atom a)
        {
            if (a is Var v && !linear.Contains(v) && seen.Add(v)) residuals.Add(v);
        }
        foreach (var eq in linearEqs)
            foreach (var a in eq.Inputs) Need(a);
        foreach (var a in jvp.Outputs.Skip(numPrimalOuts)) Need(a);

        var known = new Graph([.. jvp.Inputs.Take(numPrimals)], [], [], [.. knownEqs],
            [.. jvp.Outputs.Take(numPrimalOuts), .. residuals]).Prune();
        var lin = new Graph([.. residuals, .. jvp.Inputs.Skip(numPrimals)], [], [], [.. linearEqs],
            [.. jvp.Outputs.Skip(numPrimalOuts)]).Prune();
        return (known, lin, [.. residuals]);
    }

    /// <summary>
    /// Traces the jvp of <paramref name="graph"/> with tangents for the inputs where
    /// <paramref name="withTangent"/> holds; returns the graph (primals, tangents → outputs,
    /// tangents with zeros instantiated where <paramref name="instantiate"/> holds) and which
    /// output tangents are non-zero.
    /// </summary>
    public static (Graph Jvp, bool[] NonZero) JvpGraph(Graph graph, bool[] withTangent, bool[]? instantiate = null)
    {
        int n = graph.Inputs.Count;
        int[] diff = Enumerable.Range(0, n).Where(i => withTangent[i]).ToArray();
        var avals = graph.InputAvals.Concat(diff.Select(i => graph.Inputs[i].Aval.Strong())).ToArray();
        bool[] nonZero = [];
        var g = TraceClosed(args =>
        {
            var tangents = new Tensor?[n];
            for (int k = 0; k < diff.Length; k++) tangents[diff[k]] = args[n + k];
            var (outs, touts) = Jvp.Run(graph.Evaluate, args[..n], tangents);
            nonZero = touts.Select((t, i) => t is not null || (instantiate?[i] ?? false)).ToArray();
            var ts = touts.Select((t, i) => t ?? (nonZero[i] ? Transposer.Zeros(outs[i].Aval.Strong()) : null))
                .Where(t => t is not null).Select(t => t!);
            return [.. outs, .. ts];
        }, avals, "jvp of control flow");
        return (g, nonZero);
    }

    /// <summary>Whether a value of <paramref name="a"/> can carry a tangent.</summary>
    public static bool Differentiable(Aval a) => a.DType.IsFloat();

    /// <summary>Operands must match a graph's inputs exactly (dtype and shape).</summary>
    public static void CheckOperands(string op, Aval[] ins, Aval[] expected)
    {
        if (ins.Length != expected.Length)
            throw new ArgumentException($"{op}: {ins.Length} operand(s) for a graph of {expected.Length}");
        for (int i = 0; i < ins.Length; i++)
            if (ins[i].DType != expected[i].DType || ins[i].Shape != expected[i].Shape)
                throw new ArgumentException($"{op}: operand {i} is {ins[i]} but the graph expects {expected[i]}");
    }
}
