using Axle.Tests.Backends;
using Axle.Runtime;
using Axle.Tests.Runtime;

namespace Axle.Tests.Plugins;

/// <summary>Finding JAX's CUDA plugins in Python environments (fake trees; no Python runs).</summary>
public class JaxPluginDiscoveryTests
{
    private static string Bundled => TestPjrt.Plugin.Path;

    [CpuPluginFact]
    public void FindsAPluginInAnEnvironmentWhosePythonIsOnPath()
    {
        using var env = new FakePythonEnvironment();
        string plugin = env.AddPlugin("xla_cuda12", Bundled);
        string noPython = Path.Combine(env.Root, "no-python-here");
        Directory.CreateDirectory(noPython);

        var found = JaxPluginDiscovery.FindCuda(null, $"{noPython}:{env.Bin}", home: null);

        var only = Assert.Single(found);
        Assert.Equal(plugin, only.Path);
        Assert.Equal(env.SitePackages, only.SitePackages);
        Assert.Equal("xla_cuda12", only.Package);
    }

    [CpuPluginFact]
    public void AxlePythonComesFirstAndMayNameTheInterpreterOrTheEnvironment()
    {
        using var onPath = new FakePythonEnvironment();
        using var byInterpreter = new FakePythonEnvironment("3.12");
        using var byDirectory = new FakePythonEnvironment();
        string pathPlugin = onPath.AddPlugin("xla_cuda12", Bundled);
        string interpreterPlugin = byInterpreter.AddPlugin("xla_cuda12", Bundled);
        string directoryPlugin = byDirectory.AddPlugin("xla_cuda12", Bundled);

        var found = JaxPluginDiscovery.FindCuda(
            $"{Path.Combine(byInterpreter.Bin, "python3")}:{byDirectory.Root}", onPath.Bin, home: null);

        // All three link to one file, but each environment is its own installation: none is dropped.
        Assert.Equal([interpreterPlugin, directoryPlugin, pathPlugin], found.Select(p => p.Path));
    }

    [CpuPluginFact]
    public void Cuda13IsPreferredToCuda12InOneEnvironment()
    {
        using var env = new FakePythonEnvironment();
        string cuda12 = env.AddPlugin("xla_cuda12", Bundled);
        string cuda13 = env.AddPlugin("xla_cuda13", Bundled);

        var found = JaxPluginDiscovery.FindCuda(null, env.Bin, home: null);

        Assert.Equal([cuda13, cuda12], found.Select(p => p.Path));
    }

    [CpuPluginFact]
    public void TheSameEnvironmentReachedTwiceIsListedOnce()
    {
        using var env = new FakePythonEnvironment();
        env.AddPlugin("xla_cuda12", Bundled);
        string linkedBin = Path.Combine(env.Root, "bin-link");
        Directory.CreateSymbolicLink(linkedBin, env.Bin);

        var found = JaxPluginDiscovery.FindCuda(env.Root, $"{env.Bin}:{linkedBin}", home: null);

        Assert.Single(found);
    }

    [CpuPluginFact]
    public void UserSitePackagesUnderHomeAreSearched()
    {
        using var home = new FakePythonEnvironment();
        string userSite = Path.Combine(home.Root, ".local", "lib", "python3.11", "site-packages");
        string directory = Path.Combine(userSite, "jax_plugins", "xla_cuda12");
        Directory.CreateDirectory(directory);
        File.CreateSymbolicLink(Path.Combine(directory, "xla_cuda_plugin.so"), Bundled);

        var found = JaxPluginDiscovery.FindCuda(null, null, home.Root);

        Assert.Equal(userSite, Assert.Single(found).SitePackages);
    }

    [Fact]
    public void NothingInstalledFindsNothing()
    {
        using var env = new FakePythonEnvironment();
        Assert.Empty(JaxPluginDiscovery.FindCuda(env.Root, env.Bin, env.Root));
        Assert.Empty(JaxPluginDiscovery.FindCuda(null, null, null));
    }

    [CpuPluginFact]
    public void NvidiaWheelLibrariesAreFoundInJaxOrderAndBrokenOnesAreReported()
    {
        using var env = new FakePythonEnvironment();
        // Links to the bundled plugin load as that same (already loaded) library: harmless.
        string cudnn = env.AddNvidiaLibrary("cudnn", "libcudnn.so.9", Bundled);
        string cudart = env.AddNvidiaLibrary("cuda_runtime", "libcudart.so.12", Bundled);
        string broken = env.AddNvidiaLibrary("cublas", "libcublas.so.12", target: null);
        env.AddNvidiaLibrary("cublas", "libunrelated.so.1", Bundled);

        Assert.Equal([cudart, broken, cudnn], NvidiaLibraries.Find(env.SitePackages));

        var (loaded, failed) = NvidiaLibraries.Preload(env.SitePackages);
        Assert.Equal([cudart, cudnn], loaded);
        Assert.StartsWith(broken + ": ", Assert.Single(failed));
    }

    [Fact]
    public void APluginInsideJaxPluginsKnowsItsSitePackages()
    {
        Assert.Equal("/env/lib/python3.11/site-packages",
            PjrtPlugin.SitePackagesOf("/env/lib/python3.11/site-packages/jax_plugins/xla_cuda12/xla_cuda_plugin.so"));
        Assert.Null(PjrtPlugin.SitePackagesOf("/opt/plugins/xla_cuda_plugin.so"));
    }
}
