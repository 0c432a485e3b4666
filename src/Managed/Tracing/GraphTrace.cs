namespace Axle;

/// <summary>
/// Records equations into a <see cref="Graph"/> being built. Its own tracers map to graph vars;
/// concrete tensors and outer-trace tracers are captured as const vars (hidden parameters of the
/// compiled program, never large literals); concrete host scalars become literals.
/// </summary>
internal sealed class GraphTrace : Trace
{
    private readonly List<Var> _inputs = [];
    private readonly List<Equation> _equations = [];
    private readonly Dictionary<Tensor, Var> _consts = new(ReferenceEqualityComparer.Instance);
    private readonly List<Var> _constVars = [];
    private readonly List<Tensor> _constValues = [];

    public GraphTrace(Trace parent) : base(parent) { }

    private sealed class GraphTracer(GraphTrace trace, Var v) : TracerState(trace, v.Aval)
    {
        public Var Var { get; } = v;
    }

    /// <summary>A new explicit input of the graph.</summary>
    public Tensor NewInput(Aval aval)
    {
        var v = new Var(aval);
        _inputs.Add(v);
        return new Tensor(new GraphTracer(this, v));
    }

    public override Tensor[] Process(Primitive primitive, Tensor[] inputs, Params p)
    {
        Atom[] atoms = inputs.Select(ToAtom).ToArray();
        Aval[] outAvals = primitive.Infer(atoms.Select(a => a.Aval).ToArray(), p);
        Var[] outs = outAvals.Select(a => new Var(a)).ToArray();
        _equations.Add(new Equation(primitive, p, atoms, outs));
        return outs.Select(v => new Tensor(new GraphTracer(this, v))).ToArray();
    }

    /// <summary>The atom standing for <paramref name="t"/> in this graph.</summary>
    public Atom ToAtom(Tensor t)
    {
        if (t.Tracer is GraphTracer own && own.Trace == this) return own.Var;
        if (t.Tracer is { Trace.IsActive: false }) throw Escaped(t);
        if (t.IsHostScalar) return new Literal(t);
        if (!_consts.TryGetValue(t, out var v))
        {
            v = new Var(t.Aval);
            _consts[t] = v;
            _constVars.Add(v);
            _constValues.Add(t);
        }
        return v;
    }

    /// <summary>The finished graph with <paramref name="outputs"/> as its results.</summary>
    public Graph Build(Tensor[] outputs)
    {
        Atom[] outAtoms = outputs.Select(ToAtom).ToArray();
        return new Graph([.. _inputs], [.. _constVars], [.. _constValues], [.. _equations], outAtoms);
    }
}
