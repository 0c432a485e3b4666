using System.Globalization;
using Axle.Runtime;

namespace Axle.Soak;

/// <summary>
/// One reading of what a process holds: resident memory, the managed wrappers' live native
/// objects (<see cref="PjrtLiveObjects"/>) and the bundled plugin's own live counts.
/// </summary>
/// <param name="Calls">How many calls had been made when the sample was taken.</param>
/// <param name="ResidentBytes">Resident set size from <c>/proc/self/statm</c>.</param>
/// <param name="ManagedHeapBytes">The GC heap after a full collection.</param>
/// <param name="Buffers">Live buffers counted by the managed wrappers.</param>
/// <param name="Executables">Live loaded executables counted by the managed wrappers.</param>
/// <param name="Native">The plugin's counts, or null when it lacks the extension.</param>
internal sealed record LiveSample(long Calls, long ResidentBytes, long ManagedHeapBytes, long Buffers, long Executables, PjrtNativeLiveCounts? Native)
{
    /// <summary>Collects garbage (so finalizers have run) and reads every counter.</summary>
    public static LiveSample Take(long calls, PjrtPlugin plugin)
    {
        CollectGarbage();
        return new LiveSample(calls, ReadResidentBytes(), GC.GetTotalMemory(forceFullCollection: false),
            PjrtLiveObjects.Buffers, PjrtLiveObjects.LoadedExecutables, PjrtNativeLiveCounts.Read(plugin));
    }

    /// <summary>Full collections until finalizers have released what they hold.</summary>
    public static void CollectGarbage()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    /// <summary>The resident set size of this process.</summary>
    public static long ReadResidentBytes()
    {
        // statm: size resident shared text lib data dt, in pages.
        string[] fields = File.ReadAllText("/proc/self/statm").Split(' ');
        return long.Parse(fields[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
    }

    /// <summary>One table row.</summary>
    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"{Calls,10} {ResidentBytes / 1048576.0,9:F1} {ManagedHeapBytes / 1048576.0,9:F1} {Buffers,8} {Executables,6} {Native?.Buffers,8} {Native?.LoadedExecutables,6} {Native?.Events,7} {Native?.Errors,7}");

    /// <summary>The header of <see cref="Row"/>.</summary>
    public const string Header = "     calls   RSS MiB  heap MiB  buffers  execs  nat.buf nat.ex  events  errors";
}
