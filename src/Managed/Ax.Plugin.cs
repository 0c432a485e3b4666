using Axle.Runtime;

namespace Axle;

/// <summary>Choosing the plugin (and so the platform) tensors and compiled functions run on.</summary>
public static partial class Ax
{
    /// <summary>
    /// Runs everything on the PJRT plugin at <paramref name="path"/> (e.g. JAX's
    /// <c>xla_cuda_plugin.so</c>, see <see cref="PjrtPlugin.FindJaxCudaPlugins"/>), with client
    /// <paramref name="options"/> passed through typed (<c>memory_fraction</c>: a float or double,
    /// <c>visible_devices</c>: a long[] or int[], <c>preallocate</c>: a bool, ...). Call it before
    /// the first tensor operation; calling it again with the same arguments is harmless. The
    /// plugin is loaded and the client created on first use, so a bad path fails there with
    /// every reason listed.
    /// </summary>
    /// <param name="path">The plugin library.</param>
    /// <param name="options">Client create options; null for the plugin's defaults.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or an option has a type PJRT cannot carry.</exception>
    /// <exception cref="InvalidOperationException">Tensors already live on another plugin or options.</exception>
    public static void UsePlugin(string path, IReadOnlyDictionary<string, object>? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = Path.GetFullPath(path);
        // Encoding now reports a bad option type at this call, not at the first tensor operation.
        using (new PjrtNamedValues(options)) { }
        var frozen = options is null ? null : new Dictionary<string, object>(options, StringComparer.Ordinal);
        Backend.Configure(Describe(fullPath, frozen), () => PjrtClient.Create(PjrtPlugin.Load(fullPath), frozen));
    }

    /// <summary>The plugin the default device belongs to (creates the default client if needed).</summary>
    public static PjrtPlugin Plugin => Backend.Client.Plugin;

    private static string Describe(string path, IReadOnlyDictionary<string, object>? options)
    {
        if (options is null || options.Count == 0) return path;
        var parts = options.OrderBy(o => o.Key, StringComparer.Ordinal)
            .Select(o => $"{o.Key}={(o.Value is System.Collections.IEnumerable list and not string ? "[" + string.Join(",", list.Cast<object>()) + "]" : o.Value)}");
        return $"{path} ({string.Join(", ", parts)})";
    }
}
