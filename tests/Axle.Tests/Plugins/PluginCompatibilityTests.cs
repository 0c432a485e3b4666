using Axle.Tests.Backends;
using Axle.Bindings;
using Axle.Runtime;
using Axle.Tests.Runtime;

namespace Axle.Tests.Plugins;

/// <summary>Which plugin versions Axle accepts, and what it reads from a plugin.</summary>
public class PluginCompatibilityTests
{
    [Fact]
    public void AnotherMajorVersionIsRefusedWithBothVersionsInTheMessage()
    {
        var e = Assert.Throws<PjrtException>(() => PjrtApiCompatibility.CheckVersion("/x/plugin.so", PjrtConstants.PJRT_API_MAJOR + 1, 3));
        Assert.Equal(PjrtErrorCode.FailedPrecondition, e.Code);
        Assert.Contains($"{PjrtConstants.PJRT_API_MAJOR + 1}.3", e.Message);
        Assert.Contains($"{PjrtConstants.PJRT_API_MAJOR}.{PjrtConstants.PJRT_API_MINOR}", e.Message);
        Assert.Contains("/x/plugin.so", e.Message);
    }

    [Fact]
    public void OlderAndNewerMinorsOfTheSameMajorAreAccepted()
    {
        PjrtApiCompatibility.CheckVersion("p", PjrtConstants.PJRT_API_MAJOR, 1);
        PjrtApiCompatibility.CheckVersion("p", PjrtConstants.PJRT_API_MAJOR, PjrtConstants.PJRT_API_MINOR + 50);
    }

    [Fact]
    public void ATableTooShortToHoldItsVersionIsRefused()
    {
        var e = Assert.Throws<PjrtException>(() => PjrtApiCompatibility.CheckStructSize("p", 24));
        Assert.Contains("struct_size 24", e.Message);
        PjrtApiCompatibility.CheckStructSize("p", PjrtApiCompatibility.VersionEnd);
    }

    [CpuPluginFact]
    public void TheBundledPluginReportsItsXlaAndStableHloVersions()
    {
        PjrtPlugin plugin = TestPjrt.Plugin;
        Assert.Equal(2L, plugin.XlaVersion);
        Version current = Assert.IsType<Version>(plugin.StableHloCurrentVersion);
        Version minimum = Assert.IsType<Version>(plugin.StableHloMinimumVersion);
        Assert.True(current >= minimum, $"{current} < {minimum}");
        long[] raw = (long[])plugin.Attributes["stablehlo_current_version"];
        Assert.Equal(new Version((int)raw[0], (int)raw[1], (int)raw[2]), current);
    }
}
