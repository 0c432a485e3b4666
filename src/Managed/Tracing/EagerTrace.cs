namespace Axle;

/// <summary>
/// The root interpreter (no transform active): runs each primitive at once on concrete tensors
/// through a one-equation program, compiled once per (primitive, params, input dtypes and shapes).
/// </summary>
internal sealed class EagerTrace : Trace
{
    public static readonly EagerTrace Instance = new();

    private EagerTrace() { }

    public override Tensor[] Process(Primitive primitive, Tensor[] inputs, Params p)
    {
        // Symbolic tensors live outside any transform, so their ops arrive here: record them.
        if (SymbolicTrace.Claims(inputs, p)) return SymbolicTrace.Instance.Process(primitive, inputs, p);
        var inAvals = new Aval[inputs.Length];
        var strong = new Aval[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            var t = inputs[i];
            if (t.IsTraced) throw Escaped(t);
            inAvals[i] = t.Aval;
            // Weakness does not change the program, so it is not part of the key.
            strong[i] = t.Aval.Strong();
        }
        Aval[] outAvals = primitive.Infer(inAvals, p);

        var key = new ExecutableCache.Key(new EagerOp(primitive, p), Signature.Owning(strong));
        CompiledGraph program = ExecutableCache.GetOrCompile(key, () => OneEquation(primitive, p, inAvals));
        return program.Run(inputs, outAvals);
    }

    private static (Graph Graph, string Name) OneEquation(Primitive primitive, Params p, Aval[] inAvals)
    {
        Var[] ins = inAvals.Select(a => new Var(a.Strong())).ToArray();
        Var[] outs = primitive.Infer(ins.Select(v => v.Aval).ToArray(), p).Select(a => new Var(a)).ToArray();
        var graph = new Graph(ins, [], [], [new Equation(primitive, p, ins, outs)], outs);
        return (graph, "eager_" + primitive.Name);
    }

    private sealed record EagerOp(Primitive Primitive, Params Params);
}
