namespace Axle.Lowering.Text;

/// <summary>
/// A StableHLO module read back from MLIR text (<see cref="GenericParser"/>): functions, blocks and
/// operations with their types and attributes kept as the text they were written with, so a
/// module prints back exactly (<see cref="GenericPrinter"/>) or readably (<see cref="PrettyPrinter"/>).
/// </summary>
/// <param name="Name">The module's symbol name without <c>@</c>; null for an anonymous <c>module {</c>.</param>
/// <param name="Functions">The functions in text order.</param>
public sealed record MlirModule(string? Name, IReadOnlyList<MlirFunction> Functions)
{
    /// <summary>
    /// True when the text had ops in pretty syntax: plugins without the StableHLO dialect (the bundled
    /// one) must be given <see cref="GenericPrinter.Print"/> of the module instead of the text.
    /// </summary>
    public bool HasPrettyOps { get; init; }

    /// <summary>The entry function: the public <c>main</c>, else the first public function, else the first.</summary>
    public MlirFunction? Entry =>
        Functions.FirstOrDefault(f => f.Name == "main" && f.IsPublic)
        ?? Functions.FirstOrDefault(f => f.IsPublic)
        ?? Functions.FirstOrDefault();
}

/// <summary>A <c>func.func</c>.</summary>
/// <param name="Name">Symbol name without <c>@</c>.</param>
/// <param name="Visibility"><c>public</c>, <c>private</c> or <c>nested</c>; an omitted visibility reads as public.</param>
/// <param name="ResultTypes">The declared result types.</param>
/// <param name="Body">The body; its arguments are the parameters.</param>
/// <param name="Line">1-based line of the <c>func.func</c> keyword.</param>
public sealed record MlirFunction(string Name, string Visibility, IReadOnlyList<string> ResultTypes, MlirBlock Body, int Line)
{
    /// <summary>True unless the function is private or nested.</summary>
    public bool IsPublic => Visibility == "public";

    /// <summary>The parameters (the body's arguments).</summary>
    public IReadOnlyList<MlirValue> Parameters => Body.Arguments;

    /// <summary>Every operation of the function, regions included, outer operations before their regions' ones.</summary>
    public IEnumerable<MlirOperation> AllOperations() => Body.AllOperations();
}

/// <summary>A block: arguments (function parameters or a region's <c>^bb0(...)</c>) and operations, terminator last.</summary>
public sealed record MlirBlock(IReadOnlyList<MlirValue> Arguments, IReadOnlyList<MlirOperation> Operations)
{
    /// <summary>Every operation of the block, each followed by those of its regions.</summary>
    public IEnumerable<MlirOperation> AllOperations()
    {
        foreach (var op in Operations)
        {
            yield return op;
            foreach (var region in op.Regions)
                foreach (var inner in region.AllOperations())
                    yield return inner;
        }
    }
}

/// <summary>A named SSA value and its type text: <c>%arg0: tensor&lt;4xf32&gt;</c>.</summary>
public sealed record MlirValue(string Name, string Type);

/// <summary>
/// One operation in generic form:
/// <c>%r:n = "name"(operands) (regions) {attributes} : (operand types) -> result types</c>.
/// </summary>
/// <param name="Name">The op name, e.g. <c>stablehlo.add</c>.</param>
/// <param name="ResultName">The result group name (<c>%4</c>), or null when the op has no results.</param>
/// <param name="Operands">The operand names (<c>%arg0</c>, <c>%4#1</c>).</param>
/// <param name="OperandTypes">The operand types, in order.</param>
/// <param name="ResultTypes">The result types, in order.</param>
/// <param name="Attributes">Attribute names and their value text, in order (<c>dimensions</c> → <c>array&lt;i64: 1&gt;</c>).</param>
/// <param name="Regions">The regions, each a single block.</param>
/// <param name="Line">1-based line where the operation starts.</param>
public sealed record MlirOperation(
    string Name,
    string? ResultName,
    IReadOnlyList<string> Operands,
    IReadOnlyList<string> OperandTypes,
    IReadOnlyList<string> ResultTypes,
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    IReadOnlyList<MlirBlock> Regions,
    int Line)
{
    /// <summary>The names of the results: <c>%4</c> for one result, <c>%4#0</c>, <c>%4#1</c> for several.</summary>
    public IReadOnlyList<string> Results =>
        ResultName is null ? []
        : ResultTypes.Count == 1 ? [ResultName]
        : [.. Enumerable.Range(0, ResultTypes.Count).Select(i => $"{ResultName}#{i}")];

    /// <summary>The op name without its dialect prefix (<c>add</c> for <c>stablehlo.add</c>).</summary>
    public string ShortName => Name[(Name.IndexOf('.', StringComparison.Ordinal) + 1)..];

    /// <summary>The text of attribute <paramref name="name"/>, or null when absent.</summary>
    public string? Attribute(string name)
    {
        foreach (var a in Attributes)
            if (a.Key == name) return a.Value;
        return null;
    }
}
