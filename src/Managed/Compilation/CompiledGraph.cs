using Axle.Runtime;

namespace Axle;

/// <summary>
/// A graph compiled for one signature: the executable, the exact module text sent, and the
/// graph's captured consts, which are passed after the explicit arguments.
/// </summary>
internal sealed class CompiledGraph
{
    private CompiledGraph(Graph graph, string moduleText, PjrtLoadedExecutable executable)
    {
        Graph = graph;
        ModuleText = moduleText;
        Executable = executable;
    }

    public Graph Graph { get; }

    public string ModuleText { get; }

    public PjrtLoadedExecutable Executable { get; }

    public static CompiledGraph Compile(Graph graph, string name)
    {
        foreach (var c in graph.ConstValues)
            if (c.IsTraced) throw Trace.Escaped(c);
        return FromText(graph, GraphToStablehlo.Lower(graph, name), name);
    }

    /// <summary>Compiles <paramref name="moduleText"/>, the lowering of <paramref name="graph"/>.</summary>
    public static CompiledGraph FromText(Graph graph, string moduleText, string name) =>
        new(graph, moduleText, ProgramCompiler.Compile(name, moduleText));

    /// <summary>Runs on concrete <paramref name="args"/>; <paramref name="outAvals"/> (default: the graph's) label the results.</summary>
    public Tensor[] Run(IReadOnlyList<Tensor> args, Aval[]? outAvals = null)
    {
        var consts = Graph.ConstValues;
        var buffers = new PjrtBuffer[args.Count + consts.Count];
        for (int i = 0; i < args.Count; i++) buffers[i] = args[i].Buffer;
        for (int i = 0; i < consts.Count; i++) buffers[args.Count + i] = consts[i].Buffer;
        // The cache key this program was found by fixes every argument's dtype and shape, so the
        // runtime's per-argument type check against @main would only repeat it.
        PjrtBuffer[] outs = Executable.ExecuteTrusted(buffers);
        outAvals ??= Graph.OutputAvals;
        var result = new Tensor[outs.Length];
        for (int i = 0; i < outs.Length; i++) result[i] = new Tensor(outAvals[i], outs[i]);
        return result;
    }
}
