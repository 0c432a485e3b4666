using System.Text;

namespace Axle.Lowering;

/// <summary>
/// Builds one <c>func.func</c>: parameters, a body <see cref="Block"/>, and regions for ops that
/// take them. SSA names are unique across the whole function, regions included.
/// </summary>
public sealed class FunctionBuilder
{
    private int _nextId;

    internal FunctionBuilder(string name, bool isPublic, IReadOnlyList<TensorType> parameters)
    {
        Name = name;
        IsPublic = isPublic;
        var args = new Value[parameters.Count];
        for (int i = 0; i < args.Length; i++) args[i] = new Value($"%arg{i}", parameters[i], this);
        Body = new Block(this, args, "func.return");
    }

    /// <summary>The function's symbol name (without <c>@</c>).</summary>
    public string Name { get; }

    /// <summary>Public functions are entry points; private ones are called with <c>func.call</c>.</summary>
    public bool IsPublic { get; }

    /// <summary>The function's parameters.</summary>
    public IReadOnlyList<Value> Parameters => Body.Arguments;

    /// <summary>The function body; end it with <see cref="Block.Return"/>.</summary>
    public Block Body { get; }

    /// <summary>A new single-block region with arguments of the given types, ended by <c>stablehlo.return</c>.</summary>
    public Block NewRegion(params TensorType[] argumentTypes)
    {
        ArgumentNullException.ThrowIfNull(argumentTypes);
        var args = argumentTypes.Select(t => new Value($"%{NextId()}", t, this)).ToArray();
        return new Block(this, args, "stablehlo.return");
    }

    internal string NextId() => (_nextId++).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal void AppendTo(StringBuilder sb)
    {
        if (!Body.IsTerminated)
            throw new InvalidOperationException($"function @{Name} has no return");
        sb.Append("  func.func ").Append(IsPublic ? "public" : "private").Append(" @").Append(Name).Append('(')
          .AppendJoin(", ", Parameters.Select(p => $"{p.Name}: {p.Type}")).Append(") -> ");
        var results = Body.ReturnTypes;
        sb.Append(results.Count == 1 ? results[0].ToString() : $"({string.Join(", ", results)})");
        sb.Append(" {\n");
        Body.AppendBody(sb, "    ");
        sb.Append("  }\n");
    }
}
