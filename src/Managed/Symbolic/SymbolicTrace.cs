namespace Axle;

/// <summary>
/// The long-lived trace symbolic tensors belong to. It records each primitive applied to a
/// symbolic tensor (or given a symbolic size) as a <see cref="SymNode"/> and never finishes:
/// symbolic tensors stay usable for as long as the user holds them. It keeps no list of nodes —
/// each tensor points at the node that made it, so an unused graph is simply collected.
/// Ops on symbolic tensors are reached from <see cref="EagerTrace"/>, which hands them here.
/// </summary>
internal sealed class SymbolicTrace : Trace
{
    public static readonly SymbolicTrace Instance = new();

    private SymbolicTrace() : base(EagerTrace.Instance) { }

    /// <summary>True when a primitive application involves a symbolic tensor or a symbolic size.</summary>
    public static bool Claims(Tensor[] inputs, Params p)
    {
        foreach (var t in inputs)
            if (t.Tracer is SymTracer) return true;
        return SymbolicSizes.AnyIn(p);
    }

    /// <summary>A new leaf: a named symbolic input.</summary>
    public Tensor NewInput(string name, Aval aval) => new(new SymTracer(this, aval, name));

    public override Tensor[] Process(Primitive primitive, Tensor[] inputs, Params p)
    {
        foreach (var t in inputs)
        {
            if (t.IsTraced && t.Tracer is not SymTracer)
                throw new InvalidOperationException(
                    $"{primitive.Name}: cannot mix a symbolic tensor (Sym) with a traced tensor {t.Aval} of Jit/Grad/Vmap; " +
                    "build the symbolic graph outside the transform and call the function Ax.Function returns inside it");
        }
        Aval[] outAvals = SymbolicInfer.Infer(primitive, inputs.Select(t => t.Aval).ToArray(), p);
        var node = new SymNode(primitive, p, [.. inputs]);
        node.Outputs = outAvals.Select((a, i) => new SymTracer(this, a, node, i)).ToArray();
        return node.Outputs.Select(s => new Tensor(s)).ToArray();
    }
}
