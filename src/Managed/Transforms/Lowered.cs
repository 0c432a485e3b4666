namespace Axle;

/// <summary>A function lowered for one signature: the StableHLO module exactly as it is sent to PJRT.</summary>
public sealed class Lowered
{
    private readonly Graph _graph;
    private readonly string _name;
    private readonly string _text;

    internal Lowered(Graph graph, string name)
    {
        _graph = graph;
        _name = name;
        _text = GraphToStablehlo.Lower(graph, name);
    }

    /// <summary>The StableHLO module text (MLIR, generic op form).</summary>
    public string AsText() => _text;

    /// <summary>
    /// The module text; with <paramref name="pretty"/>, in StableHLO's readable syntax
    /// (<c>stablehlo.add %0, %1 : tensor&lt;4xf32&gt;</c>) for reading — plugins are sent the generic form.
    /// </summary>
    public string AsText(bool pretty) => pretty ? Axle.Lowering.Text.PrettyPrinter.Print(_text) : _text;

    /// <summary>The traced graph in jaxpr-like text (for debugging).</summary>
    public string GraphText() => _graph.ToString();

    /// <summary>Compiles the module on the default client.</summary>
    /// <exception cref="Runtime.PjrtException">The plugin rejected the module.</exception>
    public Compiled Compile() => new(CompiledGraph.FromText(_graph, _text, _name));
}

/// <summary>A compiled program.</summary>
public sealed class Compiled
{
    internal Compiled(CompiledGraph program) => Program = program;

    internal CompiledGraph Program { get; }

    /// <summary>
    /// The program as the plugin runs it: for the bundled plugin, MLIR after its pipeline; for an XLA
    /// plugin, XLA's optimized HLO text (read from XLA's own dump: the first call compiles once more
    /// with <c>xla_dump_to</c> set to a temporary directory).
    /// </summary>
    /// <exception cref="InvalidOperationException">The plugin returns a binary program and writes no text dump.</exception>
    public string AsText() => _text ??= Runtime.OptimizedProgramText.Of(Program.Executable, Program.ModuleText);

    private string? _text;
}
