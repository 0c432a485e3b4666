using Axle.Runtime;
using static Axle.Ops;

namespace Axle.Tests.Plugins;

/// <summary>Devices of the default backend, tensor placement, and choosing the plugin.</summary>
public class DeviceTests
{
    [Fact]
    public void TensorsLiveOnTheDefaultDeviceBeforeAndAfterUpload()
    {
        // One device on the CPU plugin; a machine with several GPUs lists them all, the first is the default.
        PjrtDevice device = Ax.Devices()[0];
        Assert.Same(Ax.DefaultDevice, device);

        using var host = Tensor.From(new float[] { 1, 2, 3 });
        Assert.Same(device, host.Device);
        using Tensor computed = Ax.Jit((Func<Tensor, Tensor>)(t => t * 2))(host);
        Assert.Same(device, computed.Device);
    }

    [Fact]
    public void ToTheSameDeviceIsTheSameTensor()
    {
        using var x = Tensor.From(new float[] { 1, 2, 3 });
        Assert.Same(x, x.To(Ax.DefaultDevice));
    }

    [Fact]
    public void ToADeviceOfAnotherClientIsRefusedNamingBoth()
    {
        using PjrtClient other = PjrtClient.Create(Ax.Plugin);
        using var x = Tensor.From(new float[] { 1, 2, 3 });
        var e = Assert.Throws<ArgumentException>(() => x.To(other.AddressableDevices[0]));
        Assert.Equal("device", e.ParamName);
        Assert.Contains("not the default one", e.Message);
    }

    [Fact]
    public void TracedTensorsHaveNoDevice()
    {
        Func<Tensor, Tensor> f = t =>
        {
            Assert.Throws<InvalidOperationException>(() => t.Device);
            return Sum(t);
        };
        using Tensor y = Ax.Jit(f)(Tensor.From(new float[] { 1, 2 }));
        Assert.Equal(3f, y.Item<float>());
    }

    [Fact]
    public void UsePluginAfterTheBackendStartedAcceptsOnlyTheSameChoice()
    {
        string current = Ax.Plugin.Path;
        Ax.UsePlugin(current); // the same plugin, no options: harmless

        var e = Assert.Throws<InvalidOperationException>(() => Ax.UsePlugin("/opt/other/xla_cuda_plugin.so"));
        Assert.Contains(current, e.Message);
        Assert.Contains("before the first tensor operation", e.Message);

        Assert.Throws<InvalidOperationException>(() =>
            Ax.UsePlugin(current, new Dictionary<string, object> { ["cpu_threads"] = 1L }));
    }

    [Fact]
    public void UsePluginChecksItsArgumentsAtTheCall()
    {
        Assert.Throws<ArgumentException>(() => Ax.UsePlugin(" "));
        var e = Assert.Throws<ArgumentException>(() =>
            Ax.UsePlugin("/opt/p.so", new Dictionary<string, object> { ["memory_fraction"] = 0.5m }));
        Assert.Contains("memory_fraction", e.Message);
    }
}
