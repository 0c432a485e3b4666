namespace Axle.Lowering.Text;

// Function signatures without their bodies, for callers that must not depend on the body's syntax.
public sealed partial class GenericParser
{
    /// <summary>
    /// The parameters of function <paramref name="function"/> (e.g. <c>main</c>), read from the
    /// function headers alone: bodies are skipped as balanced text, so they may be in any syntax,
    /// and the <c>module { }</c> around the functions may be left out, as MLIR allows.
    /// </summary>
    /// <returns>The parameters, or null when no function of that name is found before text this does not read.</returns>
    public static IReadOnlyList<MlirValue>? TryReadParameters(string text, string function)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(function);
        try
        {
            return new GenericParser(text).FindParameters(function);
        }
        catch (MlirParseException)
        {
            return null;
        }
    }

    private List<MlirValue>? FindParameters(string function)
    {
        SkipTrivia();
        if (TryWord("module"))
        {
            if (TryChar('@')) Identifier("a module name");
            if (TryWord("attributes")) SkipBalanced();
            ExpectChar('{');
        }
        while (true)
        {
            SkipTrivia();
            if (_pos >= _s.Length || Peek('}')) return null;
            var header = FunctionHeader();
            if (header.Name == function) return header.Parameters;
            SkipBalanced();
        }
    }
}
