using Axle.Tests.Backends;
using Axle.Runtime;
using Axle.Tests.Runtime;

namespace Axle.Tests.Plugins;

/// <summary>Client options reach the plugin with the PJRT kinds XLA's plugins expect.</summary>
public class PluginOptionsTests
{
    [CpuPluginFact]
    public unsafe void XlaGpuOptionsEncodeWithTheirPjrtKinds()
    {
        var options = new Dictionary<string, object>
        {
            ["memory_fraction"] = 0.75,                 // a double: XLA reads kFloat
            ["visible_devices"] = new List<int> { 0, 2 }, // XLA reads kInt64List
            ["preallocate"] = false,
            ["allocator"] = "bfc",
            ["node_id"] = 1,
        };

        using var encoded = new PjrtNamedValues(options);

        var read = new Dictionary<string, object>();
        for (int i = 0; i < encoded.Count; i++)
        {
            var value = &encoded.Values[i];
            read[Axle.Runtime.PjrtApi.Utf8(value->name, value->name_size)] = PjrtNamedValues.Read(value);
        }

        Assert.Equal(0.75f, Assert.IsType<float>(read["memory_fraction"]));
        Assert.Equal([0L, 2L], Assert.IsType<long[]>(read["visible_devices"]));
        Assert.False(Assert.IsType<bool>(read["preallocate"]));
        Assert.Equal("bfc", Assert.IsType<string>(read["allocator"]));
        Assert.Equal(1L, Assert.IsType<long>(read["node_id"]));
    }

    [CpuPluginFact]
    public void AnOptionOfAnUnsupportedTypeIsRefusedNamingIt()
    {
        var options = new Dictionary<string, object> { ["memory_fraction"] = 0.5m };
        var e = Assert.Throws<ArgumentException>(() => PjrtClient.Create(TestPjrt.Plugin, options));
        Assert.Contains("memory_fraction", e.Message);
        Assert.Contains("System.Decimal", e.Message);
    }

    [CpuPluginFact]
    public void TheBundledPluginReceivesATypedOption()
    {
        // cpu_threads is the bundled plugin's int64 option; a wrong kind or name is an error from the plugin.
        using var client = PjrtClient.Create(TestPjrt.Plugin, new Dictionary<string, object> { ["cpu_threads"] = 1 });
        Assert.Equal("cpu", client.PlatformName);
        Assert.Throws<PjrtException>(() => PjrtClient.Create(TestPjrt.Plugin, new Dictionary<string, object> { ["no_such_option"] = 1 }));
    }
}
