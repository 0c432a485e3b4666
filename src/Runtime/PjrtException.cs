namespace Axle.Runtime;

/// <summary>
/// An error reported by a PJRT plugin. The message is the plugin's own text
/// (for the bundled CPU plugin that includes MLIR's diagnostics) and
/// <see cref="Code"/> is the status code it attached.
/// </summary>
public sealed class PjrtException : Exception
{
    /// <summary>Creates an exception carrying a plugin error code and message.</summary>
    /// <param name="code">The status code reported by the plugin.</param>
    /// <param name="message">The plugin's message.</param>
    public PjrtException(PjrtErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The status code the plugin attached to the error.</summary>
    public PjrtErrorCode Code { get; }
}
