namespace Axle;

/// <summary>
/// A deferred primitive application of a symbolic graph: what <c>Ax.Function</c> replays once the
/// symbolic dimensions are known. Inputs are symbolic tensors or concrete tensors captured from
/// the user's code (they become hidden parameters of each compiled specialization).
/// </summary>
internal sealed class SymNode(Primitive primitive, Params p, Tensor[] inputs)
{
    public Primitive Primitive { get; } = primitive;

    public Params Params { get; } = p;

    public Tensor[] Inputs { get; } = inputs;

    public SymTracer[] Outputs { get; set; } = [];
}

/// <summary>
/// What a symbolic tensor holds: a leaf (a named input made by <see cref="Sym"/>) or output
/// <see cref="Index"/> of a deferred <see cref="Node"/>. Its identity is the tensor's identity
/// in the graph (a function may take any symbolic tensor as an input, cutting the graph there).
/// </summary>
internal sealed class SymTracer : TracerState
{
    public SymTracer(SymbolicTrace trace, Aval aval, string name) : base(trace, aval) => Name = name;

    public SymTracer(SymbolicTrace trace, Aval aval, SymNode node, int index) : base(trace, aval)
    {
        Node = node;
        Index = index;
    }

    /// <summary>The node that computes this value; null for a leaf.</summary>
    public SymNode? Node { get; }

    public int Index { get; }

    /// <summary>The leaf's name; null for a computed value.</summary>
    public string? Name { get; }

    /// <summary>For messages: <c>'X'</c>, or <c>the output of exp f64[X.shape[0]]</c>.</summary>
    public string Describe() => Name is not null ? $"'{Name}'" : $"the output of {Node!.Primitive.Name} {Aval}";
}
