using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Axle.Bindings;

namespace Axle.Runtime;

/// <summary>
/// A loaded PJRT plugin (a shared library exporting <c>GetPjrtApi</c>). Each
/// path is loaded and initialized once per process and never unloaded, as JAX
/// does: native code from the plugin may still run (finalizers, threads) late.
/// </summary>
public sealed unsafe class PjrtPlugin
{
    private static readonly ConcurrentDictionary<string, Lazy<PjrtPlugin>> Loaded = new(StringComparer.Ordinal);

    private PjrtPlugin(PjrtApi api, int majorVersion, int minorVersion, IReadOnlyDictionary<string, object> attributes)
    {
        Api = api;
        ApiMajorVersion = majorVersion;
        ApiMinorVersion = minorVersion;
        Attributes = attributes;
    }

    /// <summary>The full path the plugin was loaded from.</summary>
    public string Path => Api.Path;

    /// <summary>The PJRT C API major version the plugin was built with.</summary>
    public int ApiMajorVersion { get; }

    /// <summary>The PJRT C API minor version the plugin was built with.</summary>
    public int ApiMinorVersion { get; }

    /// <summary>
    /// The plugin's attributes (<c>PJRT_Plugin_Attributes</c>), e.g.
    /// <c>stablehlo_current_version</c>. Values are <see cref="string"/>,
    /// <see cref="long"/>, <see cref="long"/>[], <see cref="float"/> or <see cref="bool"/>.
    /// Empty when the plugin does not provide the call.
    /// </summary>
    public IReadOnlyDictionary<string, object> Attributes { get; }

    /// <summary>The plugin's <c>xla_version</c> attribute (XLA's plugin-interface version), or null when it reports none.</summary>
    public long? XlaVersion => Attributes.TryGetValue("xla_version", out object? v) && v is long version ? version : null;

    /// <summary>The newest StableHLO version the plugin accepts (<c>stablehlo_current_version</c>, major.minor.patch), or null.</summary>
    public Version? StableHloCurrentVersion => StableHloVersion("stablehlo_current_version");

    /// <summary>The oldest StableHLO version the plugin accepts (<c>stablehlo_minimum_version</c>), or null.</summary>
    public Version? StableHloMinimumVersion => StableHloVersion("stablehlo_minimum_version");

    internal PjrtApi Api { get; }

    /// <summary>
    /// Loads the default plugin: the one named by the <c>AXLE_PJRT_PLUGIN</c>
    /// environment variable if set; else with <c>AXLE_PLATFORM=cuda</c> the first JAX CUDA
    /// plugin found (see <see cref="FindJaxCudaPlugins"/>), its NVIDIA wheel libraries
    /// preloaded; else the bundled <c>libaxle_pjrt_cpu.so</c> next to the application or the
    /// Axle assembly (also under <c>runtimes/&lt;rid&gt;/native/</c>).
    /// </summary>
    /// <exception cref="PjrtPluginLoadException">No candidate loaded; the message lists each path and why.</exception>
    /// <exception cref="PjrtException">A plugin loaded but failed to initialize.</exception>
    /// <exception cref="ArgumentException"><c>AXLE_PLATFORM</c> is neither <c>cpu</c> nor <c>cuda</c>.</exception>
    public static PjrtPlugin LoadDefault() => LoadFirst(PjrtPluginLocator.Candidates());

    /// <summary>
    /// JAX's CUDA plugins (<c>site-packages/jax_plugins/xla_cuda13|xla_cuda12/xla_cuda_plugin.so</c>)
    /// in the Python environments named by <c>AXLE_PYTHON</c> (interpreters or environment
    /// directories, ':'-separated) and those whose interpreter is on <c>PATH</c>, plus
    /// <c>~/.local</c>; in search order. Nothing is loaded.
    /// </summary>
    public static IReadOnlyList<JaxPlugin> FindJaxCudaPlugins() => JaxPluginDiscovery.FindCuda();

    /// <summary>
    /// The bundled CPU plugin's path (next to the application or the Axle assembly, also under
    /// <c>runtimes/&lt;rid&gt;/native/</c>), or null when none of those files exists. Nothing is loaded.
    /// </summary>
    public static string? FindBundled() => PjrtPluginLocator.Bundled().FirstOrDefault(File.Exists);

    /// <summary>Loads (once) and initializes the plugin at <paramref name="path"/>.</summary>
    /// <param name="path">Path of the plugin's shared library.</param>
    /// <exception cref="PjrtPluginLoadException">The library could not be loaded or is not a PJRT plugin.</exception>
    /// <exception cref="PjrtException">The plugin failed to initialize, or its API version is incompatible.</exception>
    public static PjrtPlugin Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return LoadFirst([new PluginCandidate(System.IO.Path.GetFullPath(path), SitePackagesOf(path))]);
    }

    /// <summary>
    /// A plugin inside <c>site-packages/jax_plugins/&lt;name&gt;/</c> gets that site-packages'
    /// NVIDIA wheels preloaded, however it was named (<c>Load</c>, <c>AXLE_PJRT_PLUGIN</c>).
    /// </summary>
    internal static string? SitePackagesOf(string pluginPath)
    {
        string? package = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(pluginPath));
        string? jaxPlugins = package is null ? null : System.IO.Path.GetDirectoryName(package);
        return jaxPlugins is not null && System.IO.Path.GetFileName(jaxPlugins) == "jax_plugins"
            ? System.IO.Path.GetDirectoryName(jaxPlugins)
            : null;
    }

    private static PjrtPlugin LoadFirst(IReadOnlyList<PluginCandidate> candidates)
    {
        var attempts = new List<(string Path, string Reason)>();
        foreach (var (candidate, explicitSitePackages) in candidates)
        {
            if (Loaded.TryGetValue(candidate, out var cached))
            {
                return cached.Value;
            }

            if (!File.Exists(candidate))
            {
                attempts.Add((candidate, "file does not exist"));
                continue;
            }

            if ((explicitSitePackages ?? SitePackagesOf(candidate)) is { } sitePackages)
            {
                // Failures here are not fatal: the plugin's own load error says what it missed.
                NvidiaLibraries.Preload(sitePackages);
            }

            PJRT_Api* raw;
            try
            {
                raw = OpenLibrary(candidate);
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException or InvalidOperationException)
            {
                attempts.Add((candidate, e.Message));
                continue;
            }

            // Lazy makes concurrent first loads of one path initialize the plugin exactly once.
            IntPtr rawAddress = (IntPtr)raw;
            var entry = Loaded.GetOrAdd(candidate, path => new Lazy<PjrtPlugin>(() => Initialize((PJRT_Api*)rawAddress, path)));
            try
            {
                return entry.Value;
            }
            catch
            {
                Loaded.TryRemove(new KeyValuePair<string, Lazy<PjrtPlugin>>(candidate, entry));
                throw;
            }
        }

        throw new PjrtPluginLoadException(attempts);
    }

    private static PJRT_Api* OpenLibrary(string path)
    {
        // Never freed: see the class remarks.
        IntPtr library = NativeLibrary.Load(path);
        if (!NativeLibrary.TryGetExport(library, "GetPjrtApi", out IntPtr getApi))
        {
            throw new EntryPointNotFoundException("the library does not export GetPjrtApi (not a PJRT plugin)");
        }

        var api = ((delegate* unmanaged[Cdecl]<PJRT_Api*>)getApi)();
        if (api == null)
        {
            throw new InvalidOperationException("GetPjrtApi returned null");
        }

        return api;
    }

    private static PjrtPlugin Initialize(PJRT_Api* raw, string path)
    {
        PjrtApiCompatibility.CheckStructSize(path, raw->struct_size);
        int major = raw->pjrt_api_version.major_version;
        int minor = raw->pjrt_api_version.minor_version;
        PjrtApiCompatibility.CheckVersion(path, major, minor);

        var api = new PjrtApi(raw, path);
        api.Require(nameof(PJRT_Api.PJRT_Plugin_Initialize));
        var initArgs = new PJRT_Plugin_Initialize_Args
        {
            struct_size = PjrtConstants.PJRT_Plugin_Initialize_Args_STRUCT_SIZE,
        };
        api.Check(raw->PJRT_Plugin_Initialize(&initArgs));
        return new PjrtPlugin(api, major, minor, ReadAttributes(api));
    }

    private static IReadOnlyDictionary<string, object> ReadAttributes(PjrtApi api)
    {
        var attributes = new Dictionary<string, object>(StringComparer.Ordinal);
        if (!api.Has(nameof(PJRT_Api.PJRT_Plugin_Attributes)))
        {
            return attributes;
        }

        var args = new PJRT_Plugin_Attributes_Args
        {
            struct_size = PjrtConstants.PJRT_Plugin_Attributes_Args_STRUCT_SIZE,
        };
        api.Check(api.Raw->PJRT_Plugin_Attributes(&args));
        for (nuint i = 0; i < args.num_attributes; i++)
        {
            PJRT_NamedValue* value = &args.attributes[i];
            attributes[PjrtApi.Utf8(value->name, value->name_size)] = PjrtNamedValues.Read(value);
        }

        return attributes;
    }

    private Version? StableHloVersion(string attribute) =>
        Attributes.TryGetValue(attribute, out object? v) && v is long[] { Length: >= 2 } parts
            ? new Version((int)parts[0], (int)parts[1], parts.Length > 2 ? (int)parts[2] : 0)
            : null;
}
