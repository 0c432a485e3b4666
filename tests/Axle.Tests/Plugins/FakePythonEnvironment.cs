namespace Axle.Tests.Plugins;

/// <summary>
/// A throwaway Python environment on disk: <c>bin/python3</c> (an empty file: discovery never
/// runs it) and <c>lib/python3.X/site-packages</c>, where tests put a JAX plugin (a link to the
/// bundled CPU plugin) and fake <c>nvidia-*</c> wheel libraries.
/// </summary>
internal sealed class FakePythonEnvironment : IDisposable
{
    public FakePythonEnvironment(string pythonVersion = "3.11")
    {
        Root = Path.Combine(Path.GetTempPath(), $"axle-fake-python-{Guid.NewGuid():N}");
        Bin = Path.Combine(Root, "bin");
        SitePackages = Path.Combine(Root, "lib", $"python{pythonVersion}", "site-packages");
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(SitePackages);
        File.WriteAllText(Path.Combine(Bin, "python3"), "");
    }

    public string Root { get; }

    public string Bin { get; }

    public string SitePackages { get; }

    /// <summary>Installs <c>jax_plugins/&lt;package&gt;/xla_cuda_plugin.so</c> as a link to <paramref name="target"/>.</summary>
    public string AddPlugin(string package, string target)
    {
        string directory = Path.Combine(SitePackages, "jax_plugins", package);
        Directory.CreateDirectory(directory);
        string plugin = Path.Combine(directory, "xla_cuda_plugin.so");
        File.CreateSymbolicLink(plugin, target);
        return plugin;
    }

    /// <summary>Puts <c>nvidia/&lt;module&gt;/lib/&lt;library&gt;</c> in place: a link to <paramref name="target"/>, or an empty (unloadable) file.</summary>
    public string AddNvidiaLibrary(string module, string library, string? target)
    {
        string directory = Path.Combine(SitePackages, "nvidia", module, "lib");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, library);
        if (target is null) File.WriteAllText(path, "not a shared library");
        else File.CreateSymbolicLink(path, target);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
