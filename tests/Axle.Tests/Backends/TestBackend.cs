namespace Axle.Tests.Backends;

/// <summary>
/// The backend this run of the suite targets. End-to-end tests go through Axle's default device, so
/// the same suite runs on every backend: <c>./build.sh test</c> runs it on the bundled CPU plugin and
/// again with <c>AXLE_PLATFORM=cuda</c> where JAX's CUDA plugin is installed (the gpu-check runner
/// does the same). Tests about the bundled plugin itself (its C API behaviour, its limits, its
/// extensions) are marked <see cref="CpuPluginFactAttribute"/> and run in the CPU pass only.
/// </summary>
internal static class TestBackend
{
    /// <summary>
    /// True when the default plugin is the bundled CPU plugin: no <c>AXLE_PJRT_PLUGIN</c> (or one naming
    /// <c>libaxle_pjrt_cpu.so</c>) and <c>AXLE_PLATFORM</c> unset or <c>cpu</c>. Read from the environment,
    /// as the plugin locator does, so that test discovery loads no plugin.
    /// </summary>
    public static bool IsBundledCpu { get; } = Decide(
        Environment.GetEnvironmentVariable("AXLE_PJRT_PLUGIN"), Environment.GetEnvironmentVariable("AXLE_PLATFORM"));

    /// <summary>How the run's backend was chosen, for skip reasons.</summary>
    public static string Description =>
        Environment.GetEnvironmentVariable("AXLE_PJRT_PLUGIN") is { Length: > 0 } plugin
            ? $"AXLE_PJRT_PLUGIN={plugin}"
            : $"AXLE_PLATFORM={Environment.GetEnvironmentVariable("AXLE_PLATFORM")}";

    internal static bool Decide(string? plugin, string? platform)
    {
        if (!string.IsNullOrWhiteSpace(plugin)) return Path.GetFileName(plugin.Trim()) == "libaxle_pjrt_cpu.so";
        return string.IsNullOrWhiteSpace(platform) || platform.Trim().Equals("cpu", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The skip reason for a bundled-plugin test in a run on another backend; null in the CPU pass.</summary>
    internal static string? CpuOnlySkip =>
        IsBundledCpu ? null : $"about the bundled CPU plugin: runs in the CPU pass, this pass is {Description}";
}

/// <summary>A fact about the bundled CPU plugin itself: skipped in a pass of the suite on another backend.</summary>
public sealed class CpuPluginFactAttribute : FactAttribute
{
    /// <summary>Skips unless the run targets the bundled CPU plugin.</summary>
    public CpuPluginFactAttribute() => Skip = TestBackend.CpuOnlySkip;
}

/// <summary>A theory about the bundled CPU plugin itself: skipped in a pass of the suite on another backend.</summary>
public sealed class CpuPluginTheoryAttribute : TheoryAttribute
{
    /// <summary>Skips unless the run targets the bundled CPU plugin.</summary>
    public CpuPluginTheoryAttribute() => Skip = TestBackend.CpuOnlySkip;
}
