namespace Axle.Bench;

/// <summary>What a benchmark records about the machine it ran on (shared by bench/Peers and bench/Ppl, linked into both).</summary>
internal static class HostInfo
{
    /// <summary>"AMD EPYC, 2 cores, Linux ..." from /proc/cpuinfo (model name), the core count and the OS.</summary>
    public static string Machine()
    {
        string model = "unknown CPU";
        try
        {
            model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
                ?.Split(':', 2)[1].Trim() ?? model;
        }
        catch (IOException)
        {
        }
        return $"{model}, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
    }

    /// <summary>The 1-minute load average: on a shared machine, how much else was running.</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
