using System.Runtime.InteropServices;

namespace Axle.Runtime;

/// <summary>A path to try as a plugin; <paramref name="SitePackages"/> is set for a plugin found in a Python environment (its NVIDIA wheels are preloaded first).</summary>
internal sealed record PluginCandidate(string Path, string? SitePackages = null);

/// <summary>Where the default PJRT plugin is looked for, in order.</summary>
internal static class PjrtPluginLocator
{
    /// <summary>Environment variable naming a plugin to use instead of the bundled one.</summary>
    internal const string EnvironmentVariable = "AXLE_PJRT_PLUGIN";

    /// <summary>Environment variable choosing the default platform: <c>cpu</c> or <c>cuda</c>.</summary>
    internal const string PlatformVariable = "AXLE_PLATFORM";

    /// <summary>File name of the bundled CPU plugin.</summary>
    internal const string BundledFileName = "libaxle_pjrt_cpu.so";

    /// <summary>The candidates from the process environment.</summary>
    internal static IReadOnlyList<PluginCandidate> Candidates() => Candidates(
        Environment.GetEnvironmentVariable(EnvironmentVariable),
        Environment.GetEnvironmentVariable(PlatformVariable),
        JaxPluginDiscovery.FindCuda);

    /// <summary>
    /// The candidates: <c>AXLE_PJRT_PLUGIN</c> alone when set (an explicit choice must not
    /// silently fall back to another plugin); else, for <c>AXLE_PLATFORM=cuda</c>, JAX's CUDA
    /// plugins found by <see cref="JaxPluginDiscovery"/>; else (<c>cpu</c> or unset) the
    /// bundled plugin next to the application and next to the Axle assembly, each also under
    /// <c>runtimes/&lt;rid&gt;/native/</c> where NuGet puts it. The CPU stays the default
    /// so a program behaves the same on every machine unless asked otherwise.
    /// </summary>
    /// <exception cref="ArgumentException"><c>AXLE_PLATFORM</c> is neither cpu nor cuda.</exception>
    /// <exception cref="PjrtPluginLoadException"><c>AXLE_PLATFORM=cuda</c> and no CUDA plugin was found.</exception>
    internal static IReadOnlyList<PluginCandidate> Candidates(string? plugin, string? platform, Func<IReadOnlyList<JaxPlugin>> findCuda)
    {
        if (!string.IsNullOrWhiteSpace(plugin))
        {
            return [new PluginCandidate(Path.GetFullPath(plugin))];
        }

        switch (platform?.Trim().ToLowerInvariant())
        {
            case null or "" or "cpu":
                return Bundled().Select(p => new PluginCandidate(p)).ToArray();
            case "cuda" or "gpu":
                var found = findCuda();
                if (found.Count == 0)
                {
                    throw new PjrtPluginLoadException(
                        [("jax_plugins/xla_cuda13|xla_cuda12/xla_cuda_plugin.so",
                          $"{PlatformVariable}=cuda, but no JAX CUDA plugin was found in the Python environments of "
                          + $"{JaxPluginDiscovery.PythonVariable} and PATH (pip install \"jax[cuda12]\" there, or set {EnvironmentVariable})")]);
                }

                return found.Select(p => new PluginCandidate(p.Path, p.SitePackages)).ToArray();
            default:
                throw new ArgumentException(
                    $"{PlatformVariable} must be 'cpu' or 'cuda'; got '{platform}'.", nameof(platform));
        }
    }

    /// <summary>The bundled CPU plugin's candidate paths.</summary>
    internal static IReadOnlyList<string> Bundled()
    {
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
