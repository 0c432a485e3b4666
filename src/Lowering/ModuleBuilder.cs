using System.Text;

namespace Axle.Lowering;

/// <summary>
/// Builds a StableHLO module as MLIR text in generic op form — what Axle sends to a PJRT plugin
/// (format <c>mlir</c>). It knows nothing about tracing or autodiff.
/// </summary>
/// <example>
/// <code>
/// var m = new ModuleBuilder("add");
/// var f = m.AddFunction("main", [new TensorType(ElementType.F32, 3), new TensorType(ElementType.F32, 3)]);
/// var sum = f.Body.Op("stablehlo.add", f.Parameters, f.Parameters[0].Type);
/// f.Body.Return(sum);
/// string text = m.ToText();
/// </code>
/// </example>
public sealed class ModuleBuilder
{
    private readonly List<FunctionBuilder> _functions = [];

    /// <summary>Creates an empty module named <paramref name="name"/>.</summary>
    public ModuleBuilder(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!IsIdentifier(name))
            throw new ArgumentException($"module name must be a bare identifier ([A-Za-z_][A-Za-z0-9_$.]*); got '{name}'", nameof(name));
        Name = name;
    }

    /// <summary>The module's symbol name.</summary>
    public string Name { get; }

    /// <summary>Adds a function; the entry point is the public function named <c>main</c>.</summary>
    public FunctionBuilder AddFunction(string name, IReadOnlyList<TensorType> parameters, bool isPublic = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(parameters);
        if (!IsIdentifier(name))
            throw new ArgumentException($"function name must be a bare identifier; got '{name}'", nameof(name));
        if (_functions.Any(f => f.Name == name))
            throw new ArgumentException($"the module already has a function @{name}", nameof(name));
        var function = new FunctionBuilder(name, isPublic, parameters);
        _functions.Add(function);
        return function;
    }

    /// <summary>The module as MLIR text; every function must be terminated.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append("module @").Append(Name).Append(" {\n");
        foreach (var f in _functions) f.AppendTo(sb);
        sb.Append("}\n");
        return sb.ToString();
    }

    private static bool IsIdentifier(string s) =>
        (char.IsAsciiLetter(s[0]) || s[0] == '_') &&
        s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or '.');
}
