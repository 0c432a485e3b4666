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

    internal PjrtApi Api { get; }

    /// <summary>
    /// Loads the default plugin: the one named by the <c>AXLE_PJRT_PLUGIN</c>
    /// environment variable if set, else the bundled <c>libaxle_pjrt_cpu.so</c>
    /// next to the application or the Axle assembly (also under
    /// <c>runtimes/&lt;rid&gt;/native/</c>).
    /// </summary>
    /// <exception cref="PjrtPluginLoadException">No candidate loaded; the message lists each path and why.</exception>
    /// <exception cref="PjrtException">A plugin loaded but failed to initialize.</exception>
    public static PjrtPlugin LoadDefault() => LoadFirst(PjrtPluginLocator.Candidates());

    /// <summary>Loads (once) and initializes the plugin at <paramref name="path"/>.</summary>
    /// <param name="path">Path of the plugin's shared library.</param>
    /// <exception cref="PjrtPluginLoadException">The library could not be loaded or is not a PJRT plugin.</exception>
    /// <exception cref="PjrtException">The plugin failed to initialize, or its API version is incompatible.</exception>
    public static PjrtPlugin Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return LoadFirst([System.IO.Path.GetFullPath(path)]);
    }

    private static PjrtPlugin LoadFirst(IReadOnlyList<string> candidates)
    {
        var attempts = new List<(string Path, string Reason)>();
        foreach (string candidate in candidates)
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
        // The version lives at bytes 16..39; a table shorter than that is not one we can read at all.
        const int versionEnd = 40;
        if (raw->struct_size < versionEnd)
        {
            throw new PjrtException(
                PjrtErrorCode.FailedPrecondition,
                $"The PJRT plugin '{path}' reports PJRT_Api.struct_size {raw->struct_size}, too small to hold its version.");
        }

        int major = raw->pjrt_api_version.major_version;
        int minor = raw->pjrt_api_version.minor_version;
        if (major != PjrtConstants.PJRT_API_MAJOR)
        {
            throw new PjrtException(
                PjrtErrorCode.FailedPrecondition,
                $"The PJRT plugin '{path}' implements PJRT C API {major}.{minor}; Axle needs major version "
                    + $"{PjrtConstants.PJRT_API_MAJOR} (it was built against {PjrtConstants.PJRT_API_MAJOR}.{PjrtConstants.PJRT_API_MINOR}).");
        }

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
}
