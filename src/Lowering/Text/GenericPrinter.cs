using System.Text;

namespace Axle.Lowering.Text;

/// <summary>
/// Prints an <see cref="MlirModule"/> in generic op form, exactly as <see cref="ModuleBuilder"/> writes
/// modules: parsing Axle's text and printing it gives the same text back. This is the form every
/// plugin parses (the bundled one has no StableHLO dialect, so it reads only generic ops).
/// </summary>
public static class GenericPrinter
{
    /// <summary>The module as generic-form MLIR text.</summary>
    public static string Print(MlirModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var sb = new StringBuilder("module ");
        if (module.Name is not null) sb.Append('@').Append(module.Name).Append(' ');
        sb.Append("{\n");
        foreach (var f in module.Functions)
        {
            sb.Append("  func.func ").Append(f.Visibility).Append(" @").Append(f.Name).Append('(')
              .AppendJoin(", ", f.Parameters.Select(p => $"{p.Name}: {p.Type}")).Append(") -> ")
              .Append(TypeList(f.ResultTypes)).Append(" {\n");
            AppendOperations(sb, f.Body, "    ");
            sb.Append("  }\n");
        }
        return sb.Append("}\n").ToString();
    }

    private static void AppendOperations(StringBuilder sb, MlirBlock block, string indent)
    {
        foreach (var op in block.Operations) AppendOperation(sb, op, indent);
    }

    private static void AppendOperation(StringBuilder sb, MlirOperation op, string indent)
    {
        sb.Append(indent);
        if (op.ResultName is not null)
        {
            sb.Append(op.ResultName);
            if (op.ResultTypes.Count != 1) sb.Append(':').Append(op.ResultTypes.Count);
            sb.Append(" = ");
        }
        sb.Append('"').Append(op.Name).Append("\"(").AppendJoin(", ", op.Operands).Append(')');
        if (op.Regions.Count > 0)
        {
            sb.Append(" (");
            for (int i = 0; i < op.Regions.Count; i++)
            {
                if (i > 0) sb.Append(", ");
                var region = op.Regions[i];
                sb.Append("{\n").Append(indent).Append("^bb0(")
                  .AppendJoin(", ", region.Arguments.Select(a => $"{a.Name}: {a.Type}")).Append("):\n");
                AppendOperations(sb, region, indent + "  ");
                sb.Append(indent).Append('}');
            }
            sb.Append(')');
        }
        if (op.Attributes.Count > 0)
            sb.Append(" {").AppendJoin(", ", op.Attributes.Select(a => a.Value == "unit" ? a.Key : $"{a.Key} = {a.Value}")).Append('}');
        sb.Append(" : (").AppendJoin(", ", op.OperandTypes).Append(") -> ").Append(TypeList(op.ResultTypes)).Append('\n');
    }

    /// <summary>One type as itself, any other number in parentheses (<c>()</c> for none).</summary>
    internal static string TypeList(IReadOnlyList<string> types) =>
        types.Count == 1 ? types[0] : $"({string.Join(", ", types)})";
}
