using Axle.Tests.Backends;
using Axle.Runtime;
using Axle.Tests.Runtime;

namespace Axle.Tests.Plugins;

/// <summary>AXLE_PJRT_PLUGIN and AXLE_PLATFORM choose the default plugin (values passed explicitly: no process state changes).</summary>
public class PlatformSelectionTests
{
    private static IReadOnlyList<JaxPlugin> NoneFound() => [];

    [CpuPluginFact]
    public void CpuAndUnsetMeanTheBundledPlugin()
    {
        string first = PjrtPluginLocator.Bundled()[0];
        Assert.Equal(first, PjrtPluginLocator.Candidates(null, null, NoneFound)[0].Path);
        Assert.Equal(first, PjrtPluginLocator.Candidates(null, "CPU", NoneFound)[0].Path);
        Assert.All(PjrtPluginLocator.Candidates(null, "cpu", NoneFound), c => Assert.Null(c.SitePackages));
    }

    [Fact]
    public void AnExplicitPluginWinsOverThePlatform()
    {
        var only = Assert.Single(PjrtPluginLocator.Candidates("/opt/p.so", "cuda", () => throw new InvalidOperationException("not searched")));
        Assert.Equal("/opt/p.so", only.Path);
    }

    [Fact]
    public void CudaWithoutAnInstalledPluginSaysWhereItLooked()
    {
        var e = Assert.Throws<PjrtPluginLoadException>(() => PjrtPluginLocator.Candidates(null, "cuda", NoneFound));
        Assert.Contains("AXLE_PLATFORM=cuda", e.Message);
        Assert.Contains("AXLE_PYTHON", e.Message);
    }

    [Fact]
    public void AnUnknownPlatformIsRefusedNamingTheVariable()
    {
        var e = Assert.Throws<ArgumentException>(() => PjrtPluginLocator.Candidates(null, "tpu", NoneFound));
        Assert.Contains("AXLE_PLATFORM", e.Message);
        Assert.Contains("'tpu'", e.Message);
    }

    [CpuPluginFact]
    public void CudaLoadsTheDiscoveredPluginAndRunsAProgramOnIt()
    {
        using var env = new FakePythonEnvironment();
        string fake = env.AddPlugin("xla_cuda12", TestPjrt.Plugin.Path);
        env.AddNvidiaLibrary("cuda_runtime", "libcudart.so.12", TestPjrt.Plugin.Path);

        var candidates = PjrtPluginLocator.Candidates(null, "cuda", () => JaxPluginDiscovery.FindCuda(null, env.Bin, null));
        var candidate = Assert.Single(candidates);
        Assert.Equal(fake, candidate.Path);
        Assert.Equal(env.SitePackages, candidate.SitePackages);

        // The fake is the bundled CPU plugin under JAX's file name: it must load and run like any plugin.
        PjrtPlugin plugin = PjrtPlugin.Load(candidate.Path);
        Assert.Equal(fake, plugin.Path);
        using PjrtClient client = PjrtClient.Create(plugin);
        using PjrtBuffer x = client.BufferFromHost<float>([1f, 2f], [2]);
        float[] y = TestPjrt.RunSingle<float>(client, """
            func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
              %0 = "stablehlo.add"(%x, %x) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
              "func.return"(%0) : (tensor<2xf32>) -> ()
            }
            """, x);
        Assert.Equal([2f, 4f], y);
    }
}
