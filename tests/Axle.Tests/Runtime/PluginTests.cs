using Axle.Tests.Backends;
using Axle.Runtime;

namespace Axle.Tests.Runtime;

public class PluginTests
{
    [CpuPluginFact]
    public void DefaultPluginLoadsOnceAndReportsItsAttributes()
    {
        PjrtPlugin plugin = TestPjrt.Plugin;
        Assert.Same(plugin, PjrtPlugin.Load(plugin.Path));
        Assert.Equal(Axle.Bindings.PjrtConstants.PJRT_API_MAJOR, plugin.ApiMajorVersion);
        Assert.True(plugin.ApiMinorVersion > 0);

        Assert.Equal(2L, Assert.IsType<long>(plugin.Attributes["xla_version"]));
        long[] current = Assert.IsType<long[]>(plugin.Attributes["stablehlo_current_version"]);
        long[] minimum = Assert.IsType<long[]>(plugin.Attributes["stablehlo_minimum_version"]);
        Assert.Equal(3, current.Length);
        Assert.Equal(3, minimum.Length);
        Assert.True(current[0] >= 1);
    }

    [CpuPluginFact]
    public void ClientReportsPlatformAndOneCpuDevice()
    {
        using PjrtClient client = TestPjrt.NewClient();
        Assert.Equal("cpu", client.PlatformName);
        Assert.False(string.IsNullOrEmpty(client.PlatformVersion));
        PjrtDevice device = Assert.Single(client.Devices);
        Assert.Same(device, Assert.Single(client.AddressableDevices));
        Assert.Equal(0, device.Id);
        Assert.Equal("cpu", device.Kind);
        Assert.False(string.IsNullOrEmpty(device.DebugString));
        Assert.True(device.IsAddressable);
        Assert.Same(client, device.Client);
    }

    [Fact]
    public void MissingPluginPathListsThePathTried()
    {
        string missing = Path.Combine(Path.GetTempPath(), "axle-no-such-dir", "libnope_pjrt.so");
        var e = Assert.Throws<PjrtPluginLoadException>(() => PjrtPlugin.Load(missing));
        Assert.Equal(new[] { missing }, e.AttemptedPaths);
        Assert.Contains(missing, e.Message);
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void LibraryWithoutGetPjrtApiIsRejectedWithTheReason()
    {
        // libm is on every Linux box and is certainly not a PJRT plugin.
        string? libm = new[] { "/lib/x86_64-linux-gnu/libm.so.6", "/usr/lib/x86_64-linux-gnu/libm.so.6", "/lib64/libm.so.6" }
            .FirstOrDefault(File.Exists);
        Assert.NotNull(libm);
        var e = Assert.Throws<PjrtPluginLoadException>(() => PjrtPlugin.Load(libm!));
        Assert.Contains("GetPjrtApi", e.Message);
    }

    [CpuPluginFact]
    public void UnknownClientOptionIsRejectedByThePlugin()
    {
        var options = new Dictionary<string, object> { ["no_such_option"] = 3L };
        var e = Assert.Throws<PjrtException>(() => PjrtClient.Create(TestPjrt.Plugin, options));
        Assert.Equal(PjrtErrorCode.InvalidArgument, e.Code);
        Assert.Contains("no_such_option", e.Message);
    }

    [CpuPluginFact]
    public void EveryOptionKindIsEncodedAndNamedByThePlugin()
    {
        var options = new Dictionary<string, object>
        {
            ["a_string"] = "x",
            ["b_long"] = 1L,
            ["c_int"] = 2,
            ["d_longs"] = new long[] { 1, 2 },
            ["e_ints"] = new[] { 3 },
            ["f_float"] = 0.5f,
            ["g_double"] = 0.25,
            ["h_bool"] = true,
        };
        var e = Assert.Throws<PjrtException>(() => PjrtClient.Create(TestPjrt.Plugin, options));
        foreach (string name in options.Keys)
        {
            Assert.Contains(name, e.Message);
        }
    }

    [CpuPluginFact]
    public void OptionOfUnsupportedTypeFailsBeforeTheNativeCall()
    {
        var options = new Dictionary<string, object> { ["when"] = DateTime.UtcNow };
        var e = Assert.Throws<ArgumentException>(() => PjrtClient.Create(TestPjrt.Plugin, options));
        Assert.Contains("when", e.Message);
    }
}
