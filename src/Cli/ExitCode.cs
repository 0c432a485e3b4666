namespace Axle.Cli;

/// <summary>Exit codes of <c>axle</c>: each kind of failure has its own, so scripts can tell them apart.</summary>
public static class ExitCode
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>An unexpected internal error (a bug; the message says what).</summary>
    public const int Internal = 1;
    /// <summary>Bad command line: unknown command or flag, missing or malformed value, wrong number of inputs.</summary>
    public const int Usage = 2;
    /// <summary>A file or directory named on the command line does not exist or cannot be read.</summary>
    public const int FileNotFound = 3;
    /// <summary>The module is invalid: it does not parse, or the compiler rejected it (its diagnostic is printed).</summary>
    public const int InvalidModule = 4;
    /// <summary>A dtype Axle does not support (in a module's signature or an input file).</summary>
    public const int UnsupportedDType = 5;
    /// <summary>The PJRT plugin could not be loaded, or failed while running the program.</summary>
    public const int PluginFailure = 6;
    /// <summary>An input file does not match the entry function's parameter (dtype or shape).</summary>
    public const int InputMismatch = 7;
}

/// <summary>A failure with its exit code and a one-line message.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
