using Axle.Lowering;

namespace Axle;

/// <summary>
/// Turns a graph into a StableHLO module: <c>func.func public @main</c> takes the explicit inputs
/// first, then the captured consts as hidden parameters; literals become scalar
/// <c>stablehlo.constant</c>s; several outputs are several results of <c>@main</c>.
/// </summary>
internal static class GraphToStablehlo
{
    public static string Lower(Graph graph, string moduleName)
    {
        var module = new ModuleBuilder(ProgramCompiler.SafeName(moduleName));
        var parameters = graph.Inputs.Concat(graph.ConstVars).Select(v => LoweringContext.TypeOf(v.Aval)).ToArray();
        var main = module.AddFunction("main", parameters);
        var ctx = new LoweringContext(main);
        main.Body.Return(Emit(ctx, graph, main.Parameters));
        return module.ToText();
    }

    /// <summary>
    /// Emits <paramref name="graph"/>'s equations into <paramref name="ctx"/>'s current block with
    /// <paramref name="args"/> bound to its inputs then const vars; returns its outputs. Rules use
    /// it to inline a traced sub-graph into a region (a while body).
    /// </summary>
    internal static Value[] Emit(LoweringContext ctx, Graph graph, IReadOnlyList<Value> args)
    {
        var env = new Dictionary<Var, Value>();
        var literals = new Dictionary<Literal, Value>(ReferenceEqualityComparer.Instance);
        int p = 0;
        foreach (var v in graph.Inputs.Concat(graph.ConstVars)) env[v] = args[p++];
        var (savedIn, savedOut) = (ctx.InAvals, ctx.OutAvals);

        Value Read(Atom a)
        {
            if (a is Var v) return env[v];
            var lit = (Literal)a;
            if (!literals.TryGetValue(lit, out var value))
                literals[lit] = value = ctx.Constant(lit.Aval.DType, lit.Value.HostBytes());
            return value;
        }

        foreach (var eq in graph.Equations)
        {
            Value[] ins = eq.Inputs.Select(Read).ToArray();
            ctx.InAvals = eq.Inputs.Select(a => a.Aval).ToArray();
            ctx.OutAvals = eq.Outputs.Select(v => v.Aval).ToArray();
            Value[] outs = eq.Primitive.Lowering(ctx, ins, eq.Params);
            if (outs.Length != eq.Outputs.Length)
                throw new InvalidOperationException($"lowering of '{eq.Primitive.Name}' produced {outs.Length} values for {eq.Outputs.Length} outputs");
            for (int i = 0; i < outs.Length; i++)
            {
                var expected = LoweringContext.TypeOf(eq.Outputs[i].Aval);
                if (!outs[i].Type.Equals(expected))
                    throw new InvalidOperationException($"lowering of '{eq.Primitive.Name}' produced {outs[i].Type} where its shape rule says {expected}");
                env[eq.Outputs[i]] = outs[i];
            }
        }
        (ctx.InAvals, ctx.OutAvals) = (savedIn, savedOut);
        return graph.Outputs.Select(Read).ToArray();
    }
}
