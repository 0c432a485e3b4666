namespace Axle.Lowering.Text;

// Pieces the pretty forms share: type specifications, operand lists, integer lists.
public sealed partial class GenericParser
{
    // `: T` (every operand and the result T), or `: (T1, T2) -> R`.
    private (List<string>, IReadOnlyList<string>) TypeSpec(int operandCount)
    {
        ExpectChar(':');
        SkipTrivia();
        if (Peek('(')) return Functional(colon: false);
        string t = Type();
        return ([.. Enumerable.Repeat(t, operandCount)], [t]);
    }

    private (List<string>, IReadOnlyList<string>) Functional(bool colon = true)
    {
        if (colon) ExpectChar(':');
        ExpectChar('(');
        var inputs = new List<string>();
        SkipTrivia();
        if (!TryChar(')'))
        {
            do inputs.Add(Type()); while (TryChar(','));
            ExpectChar(')');
        }
        ExpectText("->");
        return (inputs, TypeListOrOne());
    }

    private List<string> ColonTypes()
    {
        ExpectChar(':');
        var types = new List<string> { Type() };
        while (TryChar(',')) types.Add(Type());
        return types;
    }

    // Operands: %a, %b, ... — stops before a comma that is not followed by a value.
    private List<string> Values()
    {
        var values = new List<string>();
        SkipTrivia();
        while (Peek('%'))
        {
            values.Add(ValueName());
            if (NextNonTrivia(_pos) != ',' || NextNonTrivia(_s.IndexOf(',', _pos) + 1) != '%') break;
            TryChar(',');
            SkipTrivia();
        }
        return values;
    }

    private List<long> IntList()
    {
        ExpectChar('[');
        var values = new List<long>();
        SkipTrivia();
        if (TryChar(']')) return values;
        do
        {
            SkipTrivia();
            values.Add(SignedInteger());
        } while (TryChar(','));
        ExpectChar(']');
        return values;
    }

    private long SignedInteger()
    {
        bool negative = Peek('-');
        if (negative) _pos++;
        return negative ? -Integer("an integer") : Integer("an integer");
    }

    private T SkipThen<T>(Func<T> read)
    {
        SkipTrivia();
        return read();
    }

    private void SkipWord()
    {
        while (_pos < _s.Length && (char.IsAsciiLetterOrDigit(_s[_pos]) || _s[_pos] is '_' or '.')) _pos++;
    }

    private static string Array64(IEnumerable<long> values) => Attr.I64Array([.. values]).Text;

    private string TensorElementScalar(string type) =>
        MlirTypes.TryParseTensor(type) is { } t ? new TensorType(t.Element).ToString() : throw Error($"cannot read the element type of {type}");
}
