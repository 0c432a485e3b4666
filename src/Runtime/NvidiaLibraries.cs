using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Axle.Runtime;

/// <summary>
/// Preloads the CUDA libraries that pip's <c>nvidia-*</c> wheels put under
/// <c>site-packages/nvidia/&lt;module&gt;/lib/</c>, as JAX's <c>jax_plugins/xla_cuda12</c> does
/// before it loads <c>xla_cuda_plugin.so</c>: the plugin then finds them by soname when it
/// dlopens them, with no <c>LD_LIBRARY_PATH</c>. Libraries that are not there are skipped (the
/// plugin falls back to the system's CUDA, as with JAX).
/// </summary>
internal static class NvidiaLibraries
{
    /// <summary>(wheel module under <c>nvidia/</c>, sonames), in JAX's order; cu13 is CUDA 13's single wheel.</summary>
    internal static readonly (string Module, string[] Libraries)[] Wheels =
    [
        ("cuda_runtime", ["libcudart.so.12"]),
        ("cu13", ["libcudart.so.13"]),
        ("cuda_nvrtc", ["libnvrtc.so.12"]),
        ("cu13", ["libnvrtc.so.13"]),
        ("cublas", ["libcublas.so.12", "libcublasLt.so.12"]),
        ("cu13", ["libcublas.so.13", "libcublasLt.so.13"]),
        ("nccl", ["libnccl.so.2"]),
        ("cuda_cupti", ["libcupti.so.12"]),
        ("cu13", ["libcupti.so.13"]),
        ("cusparse", ["libcusparse.so.12"]),
        ("cu13", ["libcusparse.so.12"]),
        ("cusolver", ["libcusolver.so.11"]),
        ("cu13", ["libcusolver.so.12"]),
        ("cufft", ["libcufft.so.11"]),
        ("cu13", ["libcufft.so.12"]),
        ("nvshmem", ["libnvshmem_host.so.3"]),
        ("cudnn", ["libcudnn.so.9"]),
    ];

    private static readonly ConcurrentDictionary<string, IntPtr> Loaded = new(StringComparer.Ordinal);

    /// <summary>The wheel libraries present under <paramref name="sitePackages"/>, in load order.</summary>
    internal static IReadOnlyList<string> Find(string sitePackages)
    {
        var paths = new List<string>();
        foreach (var (module, libraries) in Wheels)
        {
            foreach (string library in libraries)
            {
                string path = Path.Combine(sitePackages, "nvidia", module, "lib", library);
                if (File.Exists(path) && !paths.Contains(path))
                {
                    paths.Add(path);
                }
            }
        }

        return paths;
    }

    /// <summary>
    /// Loads (once per process, never unloaded) every wheel library under
    /// <paramref name="sitePackages"/>. Returns the paths loaded, and the failures as
    /// "path: reason" (a broken wheel should not hide the plugin's own, clearer error).
    /// </summary>
    internal static (IReadOnlyList<string> Loaded, IReadOnlyList<string> Failed) Preload(string sitePackages)
    {
        var loaded = new List<string>();
        var failed = new List<string>();
        foreach (string path in Find(sitePackages))
        {
            if (Loaded.ContainsKey(path))
            {
                loaded.Add(path);
                continue;
            }

            try
            {
                Loaded[path] = NativeLibrary.Load(path);
                loaded.Add(path);
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                failed.Add($"{path}: {e.Message}");
            }
        }

        return (loaded, failed);
    }
}
