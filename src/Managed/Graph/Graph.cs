using System.Text;

namespace Axle;

/// <summary>
/// A traced program (JAX's closed jaxpr): explicit input vars, const vars with their captured
/// values (concrete tensors, or tracers of an outer trace), equations in order, and outputs.
/// Immutable once built.
/// </summary>
internal sealed class Graph
{
    public Graph(Var[] inputs, Var[] constVars, Tensor[] constValues, Equation[] equations, Atom[] outputs)
    {
        if (constVars.Length != constValues.Length)
            throw new ArgumentException("every const var needs a value", nameof(constValues));
        Inputs = inputs;
        ConstVars = constVars;
        ConstValues = constValues;
        Equations = equations;
        Outputs = outputs;
    }

    public IReadOnlyList<Var> Inputs { get; }

    public IReadOnlyList<Var> ConstVars { get; }

    public IReadOnlyList<Tensor> ConstValues { get; }

    public IReadOnlyList<Equation> Equations { get; }

    public IReadOnlyList<Atom> Outputs { get; }

    public Aval[] InputAvals => Inputs.Select(v => v.Aval).ToArray();

    public Aval[] OutputAvals => Outputs.Select(a => a.Aval).ToArray();

    /// <summary>
    /// Runs the graph by binding each equation's primitive in the current context: eagerly
    /// outside transforms, or staged into / transformed by the innermost active trace (which is
    /// how a compiled function inlines into an outer transform).
    /// </summary>
    public Tensor[] Evaluate(Tensor[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length != Inputs.Count)
            throw new ArgumentException($"the graph takes {Inputs.Count} argument(s); got {args.Length}", nameof(args));
        var env = new Dictionary<Var, Tensor>();
        for (int i = 0; i < args.Length; i++) env[Inputs[i]] = args[i];
        for (int i = 0; i < ConstVars.Count; i++) env[ConstVars[i]] = ConstValues[i];
        Tensor Read(Atom a) => a is Literal l ? l.Value : env[(Var)a];
        foreach (var eq in Equations)
        {
            Tensor[] outs = eq.Primitive.Bind(eq.Inputs.Select(Read).ToArray(), eq.Params);
            for (int i = 0; i < outs.Length; i++) env[eq.Outputs[i]] = outs[i];
        }
        return Outputs.Select(Read).ToArray();
    }

    /// <summary>
    /// Dead-code elimination: drops equations none of whose outputs reach an output, and consts
    /// nothing reads. Inputs are kept (the signature is part of the contract).
    /// </summary>
    public Graph Prune()
    {
        var live = new HashSet<Var>(Outputs.OfType<Var>());
        var kept = new List<Equation>();
        for (int i = Equations.Count - 1; i >= 0; i--)
        {
            var eq = Equations[i];
            if (!eq.Outputs.Any(live.Contains)) continue;
            kept.Add(eq);
            foreach (var v in eq.Inputs.OfType<Var>()) live.Add(v);
        }
        kept.Reverse();
        var constVars = new List<Var>();
        var constValues = new List<Tensor>();
        for (int i = 0; i < ConstVars.Count; i++)
        {
            if (!live.Contains(ConstVars[i])) continue;
            constVars.Add(ConstVars[i]);
            constValues.Add(ConstValues[i]);
        }
        return new Graph([.. Inputs], [.. constVars], [.. constValues], [.. kept], [.. Outputs]);
    }

    /// <summary>jaxpr-like text: <c>{ lambda c:f32[3] ; a:f32[3] . let b:f32[3] = add a c in (b) }</c>.</summary>
    public override string ToString()
    {
        var names = new Dictionary<Var, string>();
        string Name(Var v)
        {
            if (!names.TryGetValue(v, out var n)) names[v] = n = VarName(names.Count);
            return n;
        }
        string Atom(Atom a) => a is Var v ? Name(v) : a.ToString()!;
        string Decl(Var v) => $"{Name(v)}:{v.Aval}";

        var sb = new StringBuilder("{ lambda ");
        sb.AppendJoin(" ", ConstVars.Select(Decl)).Append(" ; ").AppendJoin(" ", Inputs.Select(Decl)).Append(" . let\n");
        foreach (var eq in Equations)
        {
            sb.Append("    ").AppendJoin(" ", eq.Outputs.Select(Decl)).Append(" = ").Append(eq.Primitive.Name);
            if (eq.Params.Count > 0) sb.Append('[').Append(eq.Params).Append(']');
            sb.Append(' ').AppendJoin(" ", eq.Inputs.Select(Atom)).Append('\n');
        }
        sb.Append("  in (").AppendJoin(", ", Outputs.Select(Atom)).Append(") }");
        return sb.ToString();
    }

    private static string VarName(int n)
    {
        // a..z, then ba, bb, ... like jaxprs.
        var sb = new StringBuilder();
        do
        {
            sb.Insert(0, (char)('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return sb.ToString();
    }
}
