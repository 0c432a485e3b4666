using System.Text;

namespace Axle.Lowering.Text;

/// <summary>
/// Prints an <see cref="MlirModule"/> in StableHLO's readable syntax
/// (<c>%2 = stablehlo.add %0, %1 : tensor&lt;4xf32&gt;</c>, <c>stablehlo.reduce(... ) applies stablehlo.add</c>,
/// <c>stablehlo.while ... cond { } do { }</c>). Ops without a custom form here (gather, scatter, sort,
/// case, ...) stay in generic form, which MLIR accepts anywhere, so the text stays valid MLIR for a
/// parser with the StableHLO dialect. SSA names are kept, so a value can be found in both forms.
/// </summary>
public static class PrettyPrinter
{
    /// <summary>The module in pretty syntax.</summary>
    public static string Print(MlirModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var w = new Writer();
        w.Module(module);
        return w.ToString();
    }

    /// <summary>Generic-form module text (what Axle emits) in pretty syntax.</summary>
    /// <exception cref="MlirParseException">The text is not a module in generic op form.</exception>
    public static string Print(string genericText) => Print(GenericParser.Parse(genericText));

    private sealed class Writer
    {
        private readonly StringBuilder _sb = new();
        private readonly Dictionary<string, string> _rename = [];

        public override string ToString() => _sb.ToString();

        public void Module(MlirModule module)
        {
            _sb.Append("module ");
            if (module.Name is not null) _sb.Append('@').Append(module.Name).Append(' ');
            _sb.Append("{\n");
            foreach (var f in module.Functions)
            {
                _sb.Append("  func.func ").Append(f.IsPublic ? "" : f.Visibility + " ").Append('@').Append(f.Name).Append('(')
                   .AppendJoin(", ", f.Parameters.Select(p => $"{p.Name}: {p.Type}")).Append(") -> ")
                   .Append(GenericPrinter.TypeList(f.ResultTypes)).Append(" {\n");
                Operations(f.Body, "    ");
                _sb.Append("  }\n");
            }
            _sb.Append("}\n");
        }

        private string V(string name) => _rename.TryGetValue(name, out var to) ? to : name;

        private void Operations(MlirBlock block, string indent)
        {
            foreach (var op in block.Operations) Operation(op, indent);
        }

        private void Operation(MlirOperation op, string indent)
        {
            _sb.Append(indent);
            if (op.ResultName is not null)
            {
                _sb.Append(op.ResultName);
                if (op.ResultTypes.Count != 1) _sb.Append(':').Append(op.ResultTypes.Count);
                _sb.Append(" = ");
            }
            if (op.Regions.Count == 0 && PrettyForms.TryFormat(op, V) is { } text)
            {
                _sb.Append(text).Append('\n');
                return;
            }
            if (op.Name == "stablehlo.reduce" && TryReduce(op, indent)) return;
            if (op.Name == "stablehlo.while" && TryWhile(op, indent)) return;
            Generic(op, indent);
        }

        private bool TryReduce(MlirOperation op, string indent)
        {
            int k = op.Operands.Count / 2;
            var dims = MlirTypes.TryParseIntArray(op.Attribute("dimensions"));
            if (dims is null || op.Attributes.Count != 1 || op.Regions.Count != 1 || k == 0 || op.Operands.Count != 2 * k
                || op.Regions[0].Arguments.Count != 2 * k)
                return false;
            var body = op.Regions[0];
            string pairs = string.Join(", ", Enumerable.Range(0, k).Select(i => $"({V(op.Operands[i])} init: {V(op.Operands[k + i])})"));
            string type = $"({string.Join(", ", op.OperandTypes)}) -> {GenericPrinter.TypeList(op.ResultTypes)}";
            string head = $"stablehlo.reduce{pairs} ";
            if (k == 1 && body.Operations.Count == 2 && body.Operations[0] is var inner
                && inner.Name.StartsWith("stablehlo.", StringComparison.Ordinal) && PrettyForms.Binary.Contains(inner.ShortName)
                && inner.Attributes.Count == 0 && inner.Regions.Count == 0
                && inner.Operands.SequenceEqual([body.Arguments[0].Name, body.Arguments[1].Name])
                && body.Operations[1] is { Name: "stablehlo.return" } ret && ret.Operands.SequenceEqual(inner.Results))
            {
                _sb.Append(head).Append("applies ").Append(inner.Name).Append(" across dimensions = [")
                   .AppendJoin(", ", dims).Append("] : ").Append(type).Append('\n');
                return true;
            }
            _sb.Append(head).Append("across dimensions = [").AppendJoin(", ", dims).Append("] : ").Append(type).Append('\n');
            _sb.Append(indent).Append(" reducer");
            for (int i = 0; i < k; i++)
            {
                MlirValue acc = body.Arguments[i], value = body.Arguments[k + i];
                _sb.Append($"({acc.Name}: {acc.Type}, {value.Name}: {value.Type})").Append(i < k - 1 ? " " : "");
            }
            _sb.Append(" {\n");
            Operations(body, indent + "  ");
            _sb.Append(indent).Append(" }\n");
            return true;
        }

        private bool TryWhile(MlirOperation op, string indent)
        {
            if (op.Attributes.Count != 0 || op.Regions.Count != 2) return false;
            MlirBlock cond = op.Regions[0], body = op.Regions[1];
            int k = op.Operands.Count;
            if (cond.Arguments.Count != k || body.Arguments.Count != k) return false;
            // Both regions take the loop-carried values under the names the header binds: the condition's.
            for (int i = 0; i < k; i++) _rename[body.Arguments[i].Name] = cond.Arguments[i].Name;
            _sb.Append("stablehlo.while(")
               .AppendJoin(", ", Enumerable.Range(0, k).Select(i => $"{cond.Arguments[i].Name} = {V(op.Operands[i])}"))
               .Append(") : ").AppendJoin(", ", op.OperandTypes).Append('\n');
            _sb.Append(indent).Append(" cond {\n");
            Operations(cond, indent + "  ");
            _sb.Append(indent).Append(" } do {\n");
            Operations(body, indent + "  ");
            _sb.Append(indent).Append(" }\n");
            return true;
        }

        private void Generic(MlirOperation op, string indent)
        {
            _sb.Append('"').Append(op.Name).Append("\"(").AppendJoin(", ", op.Operands.Select(V)).Append(')');
            if (op.Regions.Count > 0)
            {
                _sb.Append(" (");
                for (int i = 0; i < op.Regions.Count; i++)
                {
                    if (i > 0) _sb.Append(", ");
                    var region = op.Regions[i];
                    _sb.Append("{\n").Append(indent).Append("^bb0(")
                       .AppendJoin(", ", region.Arguments.Select(a => $"{a.Name}: {a.Type}")).Append("):\n");
                    Operations(region, indent + "  ");
                    _sb.Append(indent).Append('}');
                }
                _sb.Append(')');
            }
            if (op.Attributes.Count > 0)
                _sb.Append(" {").AppendJoin(", ", op.Attributes.Select(a => a.Value == "unit" ? a.Key : $"{a.Key} = {a.Value}")).Append('}');
            _sb.Append(" : (").AppendJoin(", ", op.OperandTypes).Append(") -> ").Append(GenericPrinter.TypeList(op.ResultTypes)).Append('\n');
        }
    }
}
