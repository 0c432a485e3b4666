using System.Text;

namespace Axle.Lowering;

/// <summary>
/// A sequence of operations with block arguments: a function body, or the single block of a
/// region (a <c>reduce</c> body, a <c>while</c> condition). Operations are emitted in MLIR's
/// generic form, <c>%0 = "stablehlo.add"(%a, %b) : (tensor&lt;f32&gt;, tensor&lt;f32&gt;) -> tensor&lt;f32&gt;</c>.
/// </summary>
public sealed class Block
{
    private readonly FunctionBuilder _function;
    private readonly List<string> _lines = [];
    private readonly string _terminator;

    internal Block(FunctionBuilder function, IReadOnlyList<Value> arguments, string terminator)
    {
        _function = function;
        Arguments = arguments;
        _terminator = terminator;
    }

    /// <summary>The block's arguments (function parameters for a function body).</summary>
    public IReadOnlyList<Value> Arguments { get; }

    /// <summary>True once <see cref="Return"/> has been called.</summary>
    public bool IsTerminated { get; private set; }

    /// <summary>Appends an operation with one result and returns it.</summary>
    public Value Op(string name, IReadOnlyList<Value> operands, TensorType result,
        IReadOnlyList<KeyValuePair<string, Attr>>? attributes = null, IReadOnlyList<Block>? regions = null) =>
        Op(name, operands, [result], attributes, regions)[0];

    /// <summary>Appends an operation with any number of results and returns them in order.</summary>
    public Value[] Op(string name, IReadOnlyList<Value> operands, IReadOnlyList<TensorType> results,
        IReadOnlyList<KeyValuePair<string, Attr>>? attributes = null, IReadOnlyList<Block>? regions = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(operands);
        ArgumentNullException.ThrowIfNull(results);
        EnsureOpen();
        // A misspelt or unknown op fails here, naming it, instead of in the plugin's parser.
        StablehloOps.CheckCall(name, operands.Count);
        foreach (var v in operands)
        {
            ArgumentNullException.ThrowIfNull(v, nameof(operands));
            if (v.Owner != _function)
                throw new ArgumentException($"operand {v.Name} of '{name}' belongs to another function", nameof(operands));
        }
        if (regions is not null)
            foreach (var r in regions)
                if (!r.IsTerminated)
                    throw new ArgumentException($"a region of '{name}' has no return", nameof(regions));

        var values = new Value[results.Count];
        string head = "";
        if (results.Count > 0)
        {
            string id = _function.NextId();
            for (int i = 0; i < values.Length; i++)
                values[i] = new Value(results.Count == 1 ? $"%{id}" : $"%{id}#{i}", results[i], _function);
            head = results.Count == 1 ? $"%{id} = " : $"%{id}:{results.Count} = ";
        }

        var sb = new StringBuilder(head);
        sb.Append('"').Append(name).Append("\"(").AppendJoin(", ", operands.Select(o => o.Name)).Append(')');
        if (regions is { Count: > 0 })
        {
            sb.Append(" (");
            for (int i = 0; i < regions.Count; i++)
            {
                if (i > 0) sb.Append(", ");
                regions[i].AppendRegion(sb);
            }
            sb.Append(')');
        }
        if (attributes is { Count: > 0 })
            sb.Append(" {").AppendJoin(", ", attributes.Select(a => $"{a.Key} = {a.Value.Text}")).Append('}');
        sb.Append(" : ").Append(FunctionType(operands.Select(o => o.Type), results));
        _lines.Add(sb.ToString());
        return values;
    }

    /// <summary>Terminates the block: <c>func.return</c> in a function body, <c>stablehlo.return</c> in a region.</summary>
    public void Return(params Value[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        EnsureOpen();
        foreach (var v in values)
            if (v.Owner != _function)
                throw new ArgumentException($"returned value {v.Name} belongs to another function", nameof(values));
        _lines.Add($"\"{_terminator}\"({string.Join(", ", values.Select(v => v.Name))}) : " +
                   FunctionType(values.Select(v => v.Type), []));
        IsTerminated = true;
        ReturnTypes = [.. values.Select(v => v.Type)];
    }

    internal IReadOnlyList<TensorType> ReturnTypes { get; private set; } = [];

    internal void AppendBody(StringBuilder sb, string indent)
    {
        // A line holding an op with regions spans several text lines; indent each of them.
        foreach (string line in _lines) sb.Append(indent).Append(line.Replace("\n", "\n" + indent)).Append('\n');
    }

    private void AppendRegion(StringBuilder sb)
    {
        // Indented relative to the owning op; AppendBody adds the op's own indentation.
        sb.Append("{\n^bb0(").AppendJoin(", ", Arguments.Select(a => $"{a.Name}: {a.Type}")).Append("):\n");
        AppendBody(sb, "  ");
        sb.Append('}');
    }

    private void EnsureOpen()
    {
        if (IsTerminated) throw new InvalidOperationException("the block already ends with a return");
    }

    internal static string FunctionType(IEnumerable<TensorType> inputs, IReadOnlyList<TensorType> results)
    {
        string outs = results.Count == 1 ? results[0].ToString() : $"({string.Join(", ", results)})";
        return $"({string.Join(", ", inputs)}) -> {outs}";
    }
}
