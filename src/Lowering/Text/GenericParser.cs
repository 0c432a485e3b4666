namespace Axle.Lowering.Text;

/// <summary>
/// Reads the MLIR text Axle emits — <c>module @name { func.func ... }</c> with every op in
/// generic form — into an <see cref="MlirModule"/>; it also reads back the pretty forms
/// <see cref="PrettyPrinter"/> writes (so <c>axle show</c> output runs again). It checks structure, not semantics (types are
/// kept as text, ops are not verified): the compiler is the judge of validity.
/// </summary>
public sealed partial class GenericParser
{
    private readonly string _s;
    private readonly List<int> _lineStarts = [0];
    private int _pos;
    private bool _sawPretty;

    private GenericParser(string text)
    {
        _s = text;
        for (int i = 0; i < text.Length; i++)
            if (text[i] == '\n') _lineStarts.Add(i + 1);
    }

    /// <summary>Parses a module.</summary>
    /// <exception cref="MlirParseException">The text is not a module in generic op form; the message gives line and column.</exception>
    public static MlirModule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var p = new GenericParser(text);
        var module = p.ParseModule() with { HasPrettyOps = p._sawPretty };
        p.SkipTrivia();
        if (p._pos < p._s.Length) throw p.Error("expected the end of the text after the module");
        return module;
    }

    private MlirModule ParseModule()
    {
        SkipTrivia();
        ExpectWord("module");
        SkipTrivia();
        string? name = null;
        if (Peek('@'))
        {
            _pos++;
            name = Identifier("a module name");
        }
        SkipTrivia();
        if (TryWord("attributes")) SkipBalanced();
        ExpectChar('{');
        var functions = new List<MlirFunction>();
        while (true)
        {
            SkipTrivia();
            if (TryChar('}')) break;
            if (_pos >= _s.Length) throw Error("the module is not closed with '}'");
            functions.Add(ParseFunction());
        }
        return new MlirModule(name, functions);
    }

    private MlirFunction ParseFunction()
    {
        var (name, visibility, parameters, results, line) = FunctionHeader();
        ExpectChar('{');
        var ops = Operations();
        ExpectChar('}');
        return new MlirFunction(name, visibility, results, new MlirBlock(parameters, ops), line);
    }

    // Everything of a func.func before its body: `func.func public @main(%a: tensor<2xf32>) -> tensor<f32> attributes {...}`.
    private (string Name, string Visibility, List<MlirValue> Parameters, IReadOnlyList<string> Results, int Line) FunctionHeader()
    {
        int line = LineAt(_pos);
        ExpectWord("func.func");
        SkipTrivia();
        string visibility = "public";
        if (!Peek('@')) visibility = Identifier("a visibility (public, private)");
        SkipTrivia();
        ExpectChar('@');
        string name = Identifier("a function name");
        ExpectChar('(');
        var parameters = new List<MlirValue>();
        SkipTrivia();
        if (!TryChar(')'))
        {
            do
            {
                SkipTrivia();
                string arg = ValueName();
                ExpectChar(':');
                parameters.Add(new MlirValue(arg, Type()));
                SkipTrivia();
                if (Peek('{')) SkipBalanced(); // argument attributes
            } while (TryChar(','));
            ExpectChar(')');
        }
        SkipTrivia();
        IReadOnlyList<string> results = [];
        if (TryText("->")) results = TypeListOrOne();
        SkipTrivia();
        if (TryWord("attributes")) SkipBalanced();
        return (name, visibility, parameters, results, line);
    }

    private List<MlirOperation> Operations()
    {
        var ops = new List<MlirOperation>();
        while (true)
        {
            SkipTrivia();
            if (_pos >= _s.Length || _s[_pos] == '}') return ops;
            ops.Add(Operation());
        }
    }

    private MlirOperation Operation()
    {
        int line = LineAt(_pos);
        string? resultName = null;
        int declared = 1;
        if (Peek('%'))
        {
            resultName = ValueName();
            if (resultName.Contains('#', StringComparison.Ordinal)) throw Error($"a result is named {resultName}; '#' only appears in uses");
            if (TryChar(':')) declared = Integer("a result count");
            ExpectChar('=');
            SkipTrivia();
        }
        if (!Peek('"'))
        {
            _sawPretty = true;
            var pretty = PrettyOperation(resultName, line);
            if (resultName is not null && declared != pretty.ResultTypes.Count)
                throw ErrorAtLine(line, $"'{pretty.Name}' declares {declared} results but has {pretty.ResultTypes.Count} result types");
            return pretty;
        }
        string name = QuotedString();
        ExpectChar('(');
        var operands = new List<string>();
        SkipTrivia();
        if (!TryChar(')'))
        {
            do
            {
                SkipTrivia();
                operands.Add(ValueName());
            } while (TryChar(','));
            ExpectChar(')');
        }
        SkipTrivia();
        var attributes = new List<KeyValuePair<string, string>>();
        if (TryText("<{")) AttributeEntries(attributes, "}>");
        SkipTrivia();
        var regions = new List<MlirBlock>();
        if (Peek('(') && NextNonTrivia(_pos + 1) == '{')
        {
            _pos++;
            do
            {
                SkipTrivia();
                regions.Add(Region());
            } while (TryChar(','));
            ExpectChar(')');
        }
        SkipTrivia();
        if (TryChar('{')) AttributeEntries(attributes, "}");
        ExpectChar(':');
        SkipTrivia();
        ExpectChar('(');
        var operandTypes = new List<string>();
        SkipTrivia();
        if (!TryChar(')'))
        {
            do operandTypes.Add(Type()); while (TryChar(','));
            ExpectChar(')');
        }
        SkipTrivia();
        ExpectText("->");
        var resultTypes = TypeListOrOne();
        SkipTrivia();
        if (TryWord("loc")) SkipBalanced();
        if (operandTypes.Count != operands.Count)
            throw ErrorAtLine(line, $"'{name}' has {operands.Count} operands but {operandTypes.Count} operand types");
        if (resultName is null && resultTypes.Count > 0)
            throw ErrorAtLine(line, $"'{name}' has {resultTypes.Count} result types but no result name");
        if (resultName is not null && declared != resultTypes.Count)
            throw ErrorAtLine(line, $"'{name}' declares {declared} results but has {resultTypes.Count} result types");
        return new MlirOperation(name, resultName, operands, operandTypes, resultTypes, attributes, regions, line);
    }

    private MlirBlock Region()
    {
        ExpectChar('{');
        SkipTrivia();
        var arguments = new List<MlirValue>();
        if (TryChar('^'))
        {
            Identifier("a block label");
            SkipTrivia();
            if (TryChar('('))
            {
                SkipTrivia();
                if (!TryChar(')'))
                {
                    do
                    {
                        SkipTrivia();
                        string arg = ValueName();
                        ExpectChar(':');
                        arguments.Add(new MlirValue(arg, Type()));
                    } while (TryChar(','));
                    ExpectChar(')');
                }
            }
            ExpectChar(':');
        }
        var ops = Operations();
        ExpectChar('}');
        return new MlirBlock(arguments, ops);
    }

    private void AttributeEntries(List<KeyValuePair<string, string>> into, string close)
    {
        SkipTrivia();
        if (TryText(close)) return;
        do
        {
            SkipTrivia();
            string key = Peek('"') ? QuotedString() : Identifier("an attribute name");
            SkipTrivia();
            string value = "unit";
            if (TryChar('=')) value = AttributeValue();
            into.Add(new(key, value));
            SkipTrivia();
        } while (TryChar(','));
        SkipTrivia();
        if (!TryText(close)) throw Error($"expected '{close}' to close the attributes");
    }

    // An attribute value runs to the next ',' or '}' outside brackets and strings.
    private string AttributeValue()
    {
        SkipTrivia();
        int start = _pos, depth = 0;
        while (_pos < _s.Length)
        {
            char c = _s[_pos];
            if (c == '"') { QuotedString(); continue; }
            if (depth == 0 && (c == ',' || c == '}')) break;
            if (c is '<' or '[' or '(' or '{') depth++;
            else if (c is ']' or ')' or '}' || (c == '>' && _s[_pos - 1] != '-')) depth--;
            _pos++;
        }
        string value = _s[start.._pos].Trim();
        if (value.Length == 0) throw Error("expected an attribute value");
        return value;
    }

    private IReadOnlyList<string> TypeListOrOne()
    {
        SkipTrivia();
        if (!TryChar('(')) return [Type()];
        var types = new List<string>();
        SkipTrivia();
        if (TryChar(')')) return types;
        do types.Add(Type()); while (TryChar(','));
        ExpectChar(')');
        return types;
    }

    // A type is a word with an optional balanced <...> tail: i32, tensor<2x3xf32>, !stablehlo.token.
    private string Type()
    {
        SkipTrivia();
        int start = _pos;
        if (Peek('!')) _pos++;
        while (_pos < _s.Length && (char.IsAsciiLetterOrDigit(_s[_pos]) || _s[_pos] is '_' or '.')) _pos++;
        if (_pos == start) throw Error("expected a type");
        if (Peek('<')) SkipBalanced();
        return _s[start.._pos];
    }
}
