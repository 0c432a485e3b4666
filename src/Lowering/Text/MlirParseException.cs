namespace Axle.Lowering.Text;

/// <summary>Text that <see cref="GenericParser"/> cannot read; the message starts with <c>line:column:</c>.</summary>
public sealed class MlirParseException : FormatException
{
    /// <summary>Creates the exception for a problem at 1-based <paramref name="line"/> and <paramref name="column"/>.</summary>
    public MlirParseException(int line, int column, string problem)
        : base($"{line}:{column}: {problem}")
    {
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>1-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>1-based column of the problem.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; }
}
