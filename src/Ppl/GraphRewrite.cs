namespace Axle;

/// <summary>
/// Rebuilds part of a symbolic graph with some symbolic tensors replaced by others (aeppl's
/// value-variable substitution). Only nodes downstream of a replaced tensor are rebuilt; the rest
/// of the graph is shared, so random variables that do not depend on a replaced tensor stay the
/// same nodes (and so keep drawing with the same key).
/// </summary>
internal sealed class GraphRewrite
{
    private readonly Dictionary<SymTracer, Tensor> _replace = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<SymNode, Tensor[]> _rebuilt = new(ReferenceEqualityComparer.Instance);

    /// <summary>From now on, <paramref name="from"/> reads as <paramref name="to"/>.</summary>
    public void Replace(Tensor from, Tensor to) => _replace[(SymTracer)from.Tracer!] = to;

    /// <summary><paramref name="t"/> with every replacement applied (the same tensor when nothing it reads changed).</summary>
    public Tensor Apply(Tensor t)
    {
        if (t.Tracer is not SymTracer s) return t;
        if (_replace.TryGetValue(s, out var to)) return to;
        if (s.Node is null) return t;
        // An iterative post-order walk: a model's graph may be deep (long chains of elementwise ops).
        var stack = new Stack<(SymNode Node, bool Expanded)>();
        stack.Push((s.Node, false));
        while (stack.Count > 0)
        {
            var (node, expanded) = stack.Pop();
            if (_rebuilt.ContainsKey(node)) continue;
            if (!expanded)
            {
                stack.Push((node, true));
                foreach (var input in node.Inputs)
                    if (Pending(input) is { } n) stack.Push((n, false));
                continue;
            }
            var ins = node.Inputs.Select(Read).ToArray();
            bool same = true;
            for (int i = 0; i < ins.Length; i++) same &= ReferenceEquals(ins[i].Tracer, node.Inputs[i].Tracer);
            _rebuilt[node] = same
                ? node.Outputs.Select(o => new Tensor(o)).ToArray()
                : SymbolicTrace.Instance.Process(node.Primitive, ins, node.Params);
        }
        return Read(t);
    }

    private SymNode? Pending(Tensor t) =>
        t.Tracer is SymTracer { Node: { } node } s && !_replace.ContainsKey(s) && !_rebuilt.ContainsKey(node) ? node : null;

    private Tensor Read(Tensor t)
    {
        if (t.Tracer is not SymTracer s) return t;
        if (_replace.TryGetValue(s, out var to)) return to;
        if (s.Node is null) return t;
        var outs = _rebuilt[s.Node];
        return ReferenceEquals(outs[s.Index].Tracer, s) ? t : outs[s.Index];
    }
}
