using System.Runtime.InteropServices;

namespace Axle.Runtime;

/// <summary>Where the default PJRT plugin is looked for, in order.</summary>
internal static class PjrtPluginLocator
{
    /// <summary>Environment variable naming a plugin to use instead of the bundled one.</summary>
    internal const string EnvironmentVariable = "AXLE_PJRT_PLUGIN";

    /// <summary>File name of the bundled CPU plugin.</summary>
    internal const string BundledFileName = "libaxle_pjrt_cpu.so";

    /// <summary>
    /// The candidate paths: <c>AXLE_PJRT_PLUGIN</c> alone when set (an explicit
    /// choice must not silently fall back to another plugin); otherwise the
    /// bundled plugin next to the application and next to the Axle assembly,
    /// each also under <c>runtimes/&lt;rid&gt;/native/</c> where NuGet puts it.
    /// </summary>
    internal static IReadOnlyList<string> Candidates()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return [Path.GetFullPath(fromEnvironment)];
        }

        var directories = new List<string> { AppContext.BaseDirectory };
        string? assemblyDirectory = Path.GetDirectoryName(typeof(PjrtPluginLocator).Assembly.Location);
        if (!string.IsNullOrEmpty(assemblyDirectory))
        {
            directories.Add(assemblyDirectory);
        }

        string nativeSubdirectory = Path.Combine("runtimes", RuntimeInformation.RuntimeIdentifier, "native");
        var candidates = new List<string>();
        foreach (string directory in directories)
        {
            candidates.Add(Path.GetFullPath(Path.Combine(directory, BundledFileName)));
            candidates.Add(Path.GetFullPath(Path.Combine(directory, nativeSubdirectory, BundledFileName)));
        }

        return candidates.Distinct(StringComparer.Ordinal).ToArray();
    }
}
