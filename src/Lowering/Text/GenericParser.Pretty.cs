namespace Axle.Lowering.Text;

// Reads back the pretty forms PrettyPrinter writes (the inverse of PrettyForms), so `axle show`
// output parses again and re-emits in generic form for plugins without the StableHLO dialect.
public sealed partial class GenericParser
{
    private int _nextSynthetic;

    private MlirOperation PrettyOperation(string? resultName, int line)
    {
        int nameAt = _pos;
        string name = Identifier("an operation name");
        if (name == "return") name = "func.return";
        if (name == "call") name = "func.call";
        if (!name.StartsWith("stablehlo.", StringComparison.Ordinal) && name is not ("func.return" or "func.call"))
        {
            _pos = nameAt;
            throw Error($"'{name}' is in pretty syntax, which is read only for the StableHLO ops `axle show` prints; " +
                        "give it in generic form (\"dialect.op\"(...) : (...) -> ...)");
        }
        string s = name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..];
        var attrs = new List<KeyValuePair<string, string>>();
        List<string> operands;
        List<string> operandTypes;
        IReadOnlyList<string> resultTypes;
        var regions = new List<MlirBlock>();

        switch (name)
        {
            case "func.return" or "stablehlo.return" or "stablehlo.optimization_barrier":
                operands = Values();
                operandTypes = operands.Count == 0 ? [] : ColonTypes();
                resultTypes = name == "stablehlo.optimization_barrier" ? operandTypes : [];
                break;
            case "func.call":
                SkipTrivia();
                ExpectChar('@');
                attrs.Add(new("callee", "@" + Identifier("a callee")));
                ExpectChar('(');
                operands = Values();
                ExpectChar(')');
                (operandTypes, resultTypes) = Functional();
                break;
            case "stablehlo.constant":
            {
                SkipTrivia();
                int start = _pos;
                SkipWord();
                SkipBalanced();
                ExpectChar(':');
                Type();
                attrs.Add(new("value", _s[start.._pos].Trim()));
                operands = [];
                operandTypes = [];
                resultTypes = [_s[(_s.LastIndexOf(':', _pos - 1) + 1).._pos].Trim()];
                break;
            }
            case "stablehlo.iota":
                ExpectWord("dim");
                ExpectChar('=');
                SkipTrivia();
                attrs.Add(new("iota_dimension", $"{Integer("a dimension")} : i64"));
                operands = [];
                operandTypes = [];
                resultTypes = ColonTypes();
                break;
            case "stablehlo.compare":
            {
                SkipTrivia();
                attrs.Add(new("comparison_direction", $"#stablehlo<comparison_direction {Identifier("a comparison direction")}>"));
                ExpectChar(',');
                operands = Values();
                if (TryChar(',')) { SkipTrivia(); attrs.Add(new("compare_type", $"#stablehlo<comparison_type {Identifier("a comparison type")}>")); }
                (operandTypes, resultTypes) = Functional();
                break;
            }
            case "stablehlo.select":
            {
                operands = Values();
                var types = ColonTypes();
                string result = types[^1], pred = types[0];
                operandTypes = [pred, result, result];
                resultTypes = [result];
                break;
            }
            case "stablehlo.reduce":
                (operands, operandTypes, resultTypes) = PrettyReduce(attrs, regions);
                break;
            case "stablehlo.while":
                (operands, operandTypes, resultTypes) = PrettyWhile(regions);
                break;
            default:
                operands = Values();
                DimsClauses(s, attrs);
                var spec = TypeSpec(operands.Count);
                (operandTypes, resultTypes) = spec;
                break;
        }
        SkipTrivia();
        if (TryWord("loc")) SkipBalanced();
        if (resultName is null && resultTypes.Count > 0)
            throw ErrorAtLine(line, $"'{name}' has {resultTypes.Count} result types but no result name");
        return new MlirOperation(name, resultName, operands, operandTypes, resultTypes, attrs, regions, line);
    }

    // The keyword clauses after the operands: `, dims = [..]`, `, dim = 0`, `, sizes = [..]`, pad's
    // low/high/interior, slice's `[a:b:s, ...]`, dot_general's `batching_dims`/`contracting_dims`.
    private void DimsClauses(string op, List<KeyValuePair<string, string>> attrs)
    {
        SkipTrivia();
        if (op == "slice" && Peek('['))
        {
            _pos++;
            var (start, limit, strides) = (new List<long>(), new List<long>(), new List<long>());
            SkipTrivia();
            if (!TryChar(']'))
            {
                do
                {
                    SkipTrivia();
                    start.Add(SignedInteger());
                    ExpectChar(':');
                    SkipTrivia();
                    limit.Add(SignedInteger());
                    strides.Add(TryChar(':') ? SkipThen(SignedInteger) : 1);
                } while (TryChar(','));
                ExpectChar(']');
            }
            attrs.Add(new("start_indices", Array64(start)));
            attrs.Add(new("limit_indices", Array64(limit)));
            attrs.Add(new("strides", Array64(strides)));
            return;
        }
        while (TryChar(','))
        {
            SkipTrivia();
            string key = Identifier("a keyword (dims, dim, sizes, low, high, interior, batching_dims, contracting_dims)");
            ExpectChar('=');
            SkipTrivia();
            switch (op, key)
            {
                case ("broadcast_in_dim", "dims"): attrs.Add(new("broadcast_dimensions", Array64(IntList()))); break;
                case ("transpose", "dims"): attrs.Add(new("permutation", Array64(IntList()))); break;
                case ("reverse", "dims"): attrs.Add(new("dimensions", Array64(IntList()))); break;
                case ("dynamic_slice", "sizes"): attrs.Add(new("slice_sizes", Array64(IntList()))); break;
                case ("concatenate", "dim"): attrs.Add(new("dimension", $"{SignedInteger()} : i64")); break;
                case ("pad", "low"): attrs.Add(new("edge_padding_low", Array64(IntList()))); break;
                case ("pad", "high"): attrs.Add(new("edge_padding_high", Array64(IntList()))); break;
                case ("pad", "interior"): attrs.Add(new("interior_padding", Array64(IntList()))); break;
                case ("dot_general", "batching_dims" or "contracting_dims"):
                {
                    var lhs = IntList();
                    ExpectWord("x");
                    SkipTrivia();
                    var rhs = IntList();
                    string kind = key == "batching_dims" ? "batching" : "contracting";
                    string previous = attrs.Count > 0 ? attrs[^1].Value[15..^1] + ", " : "";
                    if (attrs.Count > 0) attrs.RemoveAt(attrs.Count - 1);
                    attrs.Add(new("dot_dimension_numbers",
                        $"#stablehlo.dot<{previous}lhs_{kind}_dimensions = [{string.Join(", ", lhs)}], rhs_{kind}_dimensions = [{string.Join(", ", rhs)}]>"));
                    break;
                }
                default: throw Error($"'{key} =' is not a clause of stablehlo.{op}");
            }
        }
    }

    private (List<string>, List<string>, IReadOnlyList<string>) PrettyReduce(List<KeyValuePair<string, string>> attrs, List<MlirBlock> regions)
    {
        var (inputs, inits) = (new List<string>(), new List<string>());
        do
        {
            ExpectChar('(');
            SkipTrivia();
            inputs.Add(ValueName());
            ExpectWord("init");
            ExpectChar(':');
            SkipTrivia();
            inits.Add(ValueName());
            ExpectChar(')');
        } while (TryChar(','));
        string? applies = TryWord("applies") ? SkipThen(() => Identifier("an op name")) : null;
        ExpectWord("across");
        ExpectWord("dimensions");
        ExpectChar('=');
        SkipTrivia();
        attrs.Add(new("dimensions", Array64(IntList())));
        var (operandTypes, resultTypes) = Functional();
        if (applies is not null)
        {
            string t = TensorElementScalar(operandTypes[inputs.Count]);
            // MLIR names that start with a digit are all digits; these start with a letter, so no clash with Axle's.
            int n = _nextSynthetic++;
            var (a, b, r) = ($"%reducer{n}_lhs", $"%reducer{n}_rhs", $"%reducer{n}_result");
            regions.Add(new MlirBlock([new(a, t), new(b, t)],
            [
                new(applies, r, [a, b], [t, t], [t], [], [], LineAt(_pos)),
                new("stablehlo.return", null, [r], [t], [], [], [], LineAt(_pos)),
            ]));
        }
        else
        {
            ExpectWord("reducer");
            var (accs, vals) = (new List<MlirValue>(), new List<MlirValue>());
            for (int i = 0; i < inputs.Count; i++)
            {
                ExpectChar('(');
                SkipTrivia();
                string acc = ValueName();
                ExpectChar(':');
                accs.Add(new(acc, Type()));
                ExpectChar(',');
                SkipTrivia();
                string val = ValueName();
                ExpectChar(':');
                vals.Add(new(val, Type()));
                ExpectChar(')');
            }
            ExpectChar('{');
            var ops = Operations();
            ExpectChar('}');
            regions.Add(new MlirBlock([.. accs, .. vals], ops));
        }
        return ([.. inputs, .. inits], operandTypes, resultTypes);
    }

    private (List<string>, List<string>, IReadOnlyList<string>) PrettyWhile(List<MlirBlock> regions)
    {
        ExpectChar('(');
        var (names, inits) = (new List<string>(), new List<string>());
        SkipTrivia();
        if (!TryChar(')'))
        {
            do
            {
                SkipTrivia();
                names.Add(ValueName());
                ExpectChar('=');
                SkipTrivia();
                inits.Add(ValueName());
            } while (TryChar(','));
            ExpectChar(')');
        }
        var types = names.Count == 0 ? [] : ColonTypes();
        if (types.Count != names.Count) throw Error($"stablehlo.while carries {names.Count} values but lists {types.Count} types");
        var args = names.Select((n, i) => new MlirValue(n, types[i])).ToList();
        foreach (string keyword in new[] { "cond", "do" })
        {
            ExpectWord(keyword);
            ExpectChar('{');
            var ops = Operations();
            ExpectChar('}');
            regions.Add(new MlirBlock(args, ops));
        }
        return (inits, types, types);
    }
}
