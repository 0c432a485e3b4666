namespace Axle.Runtime;

/// <summary>A PJRT plugin found inside a Python environment where JAX installed it.</summary>
/// <param name="Path">The plugin library (<c>…/jax_plugins/xla_cuda12/xla_cuda_plugin.so</c>).</param>
/// <param name="SitePackages">The site-packages directory holding it (and the <c>nvidia-*</c> wheels, if any).</param>
/// <param name="Package">The plugin's package: <c>xla_cuda13</c> or <c>xla_cuda12</c>.</param>
public sealed record JaxPlugin(string Path, string SitePackages, string Package);

/// <summary>
/// Finds JAX's CUDA plugins (<c>jax_plugins/xla_cuda13|xla_cuda12/xla_cuda_plugin.so</c>) in
/// the Python environments named by <c>AXLE_PYTHON</c> and found on <c>PATH</c>, without running
/// Python: each Python executable's prefix is searched for <c>lib/python3.*/site-packages</c>
/// (virtualenv, conda, pip --prefix) and <c>dist-packages</c> (Debian), plus the user's
/// <c>~/.local</c> site.
/// </summary>
internal static class JaxPluginDiscovery
{
    /// <summary>Python executables or environment directories to search first, separated by ':'.</summary>
    internal const string PythonVariable = "AXLE_PYTHON";

    /// <summary>Newest CUDA first: when both are installed, JAX itself prefers cuda13.</summary>
    internal static readonly string[] Packages = ["xla_cuda13", "xla_cuda12"];

    internal const string PluginFileName = "xla_cuda_plugin.so";

    /// <summary>The plugins found from the process environment, in search order, without duplicates.</summary>
    internal static IReadOnlyList<JaxPlugin> FindCuda() => FindCuda(
        Environment.GetEnvironmentVariable(PythonVariable),
        Environment.GetEnvironmentVariable("PATH"),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The plugins found from explicit values of <c>AXLE_PYTHON</c>, <c>PATH</c> and the home directory.</summary>
    internal static IReadOnlyList<JaxPlugin> FindCuda(string? axlePython, string? pathVariable, string? home)
    {
        var found = new List<JaxPlugin>();
        // Site-packages directories come out unique (links resolved), so plugins are too.
        foreach (string sitePackages in SitePackages(axlePython, pathVariable, home))
        {
            foreach (string package in Packages)
            {
                string plugin = System.IO.Path.Combine(sitePackages, "jax_plugins", package, PluginFileName);
                if (File.Exists(plugin))
                {
                    found.Add(new JaxPlugin(plugin, sitePackages, package));
                }
            }
        }

        return found;
    }

    /// <summary>The site-packages directories searched, in order (existing ones only).</summary>
    internal static IReadOnlyList<string> SitePackages(string? axlePython, string? pathVariable, string? home)
    {
        var prefixes = new List<string>();
        foreach (string entry in Split(axlePython))
        {
            // AXLE_PYTHON may name the interpreter (…/bin/python3) or the environment itself.
            if (Directory.Exists(entry))
            {
                prefixes.Add(entry);
            }
            else if (File.Exists(entry))
            {
                prefixes.Add(PrefixOf(entry));
            }
        }

        foreach (string directory in Split(pathVariable))
        {
            if (Directory.Exists(directory) && PythonIn(directory) is { } python)
            {
                prefixes.Add(PrefixOf(python));
            }
        }

        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string directory)
        {
            if (Directory.Exists(directory) && seen.Add(RealPath(directory)))
            {
                result.Add(directory);
            }
        }

        foreach (string prefix in prefixes)
        {
            foreach (string lib in new[] { "lib", "lib64", System.IO.Path.Combine("local", "lib") })
            {
                foreach (string pythonDir in Glob(System.IO.Path.Combine(prefix, lib), "python3*"))
                {
                    Add(System.IO.Path.Combine(pythonDir, "site-packages"));
                    Add(System.IO.Path.Combine(pythonDir, "dist-packages"));
                }
            }
        }

        if (!string.IsNullOrEmpty(home))
        {
            foreach (string pythonDir in Glob(System.IO.Path.Combine(home, ".local", "lib"), "python3*"))
            {
                Add(System.IO.Path.Combine(pythonDir, "site-packages"));
            }
        }

        return result;
    }

    private static string? PythonIn(string directory)
    {
        foreach (string name in new[] { "python3", "python" })
        {
            string candidate = System.IO.Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// The environment an interpreter belongs to: the parent of its <c>bin</c> directory. A
    /// virtualenv's python is a link to the base interpreter, so the link itself is used, not its target.
    /// </summary>
    private static string PrefixOf(string python) =>
        System.IO.Path.GetDirectoryName(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(python))!) ?? "/";

    private static IEnumerable<string> Split(string? list) =>
        string.IsNullOrWhiteSpace(list)
            ? []
            : list.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IEnumerable<string> Glob(string directory, string pattern)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        // Newest Python first (python3.12 before python3.9), so a fresh environment wins.
        return Directory.GetDirectories(directory, pattern)
            .OrderByDescending(d => Version.TryParse(System.IO.Path.GetFileName(d)[6..], out var v) ? v : new Version(0, 0));
    }

    /// <summary>The canonical path (every link resolved, e.g. /lib → /usr/lib on merged-/usr systems).</summary>
    private static unsafe string RealPath(string path)
    {
        byte* resolved = RealPathNative(path, null);
        if (resolved == null)
        {
            return System.IO.Path.GetFullPath(path);
        }

        try
        {
            return System.Runtime.InteropServices.Marshal.PtrToStringUTF8((IntPtr)resolved)!;
        }
        finally
        {
            System.Runtime.InteropServices.NativeMemory.Free(resolved);
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "realpath")]
    private static extern unsafe byte* RealPathNative(
        [System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, byte* resolved);
}
