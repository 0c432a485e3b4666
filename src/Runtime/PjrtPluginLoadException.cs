namespace Axle.Runtime;

/// <summary>
/// No PJRT plugin could be loaded. The message lists every path that was tried
/// and why each one failed.
/// </summary>
public sealed class PjrtPluginLoadException : Exception
{
    /// <summary>Creates the exception from the attempts made.</summary>
    /// <param name="attempts">Each path tried, with the reason it failed.</param>
    public PjrtPluginLoadException(IReadOnlyList<(string Path, string Reason)> attempts)
        : base(Describe(attempts))
    {
        AttemptedPaths = attempts.Select(a => a.Path).ToArray();
    }

    /// <summary>The paths that were tried, in order.</summary>
    public IReadOnlyList<string> AttemptedPaths { get; }

    private static string Describe(IReadOnlyList<(string Path, string Reason)> attempts)
    {
        if (attempts.Count == 0)
        {
            return "No PJRT plugin path was tried.";
        }

        var lines = attempts.Select(a => $"  {a.Path}: {a.Reason}");
        return "Could not load a PJRT plugin. Paths tried:" + Environment.NewLine
            + string.Join(Environment.NewLine, lines);
    }
}
