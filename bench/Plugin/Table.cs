using System.Globalization;

namespace Axle.Bench.Plugin;

/// <summary>Rows of (workload, plugin time, ceiling, fraction of ceiling, target), printed as markdown.</summary>
internal sealed class Table
{
    private readonly List<string[]> rows = [];

    private static string Ms(double seconds) =>
        seconds < 1e-3 ? (seconds * 1e6).ToString("F2", CultureInfo.InvariantCulture) + " µs"
                       : (seconds * 1e3).ToString("F2", CultureInfo.InvariantCulture) + " ms";

    public void Add(string workload, double seconds, string ceiling, double ceilingSeconds, double fraction, double target, double compileSeconds)
    {
        rows.Add([workload, Ms(seconds), $"{ceiling} {Ms(ceilingSeconds)}", $"{fraction:P0}", $"≥ {target:P0}",
                  fraction >= target ? "PASS" : $"MISS by {(target - fraction) * 100:F0} pts", Ms(compileSeconds)]);
        Console.WriteLine(string.Join(" | ", rows[^1]));
    }

    public void AddTime(string workload, double seconds, double limitSeconds)
    {
        rows.Add([workload, Ms(seconds), "", "", $"< {Ms(limitSeconds)}",
                  seconds < limitSeconds ? "PASS" : $"MISS by {seconds / limitSeconds:F1}x", ""]);
        Console.WriteLine(string.Join(" | ", rows[^1]));
    }

    public void AddSpeedup(string workload, double seconds, double baselineSeconds, string baseline = "1 thread")
    {
        rows.Add([workload, Ms(seconds), $"{baseline} {Ms(baselineSeconds)}", $"{baselineSeconds / seconds:F2}x", "(reported)", "", ""]);
        Console.WriteLine(string.Join(" | ", rows[^1]));
    }

    public void AddReported(string workload, double seconds)
    {
        rows.Add([workload, Ms(seconds), "", "", "(reported)", "", ""]);
        Console.WriteLine(string.Join(" | ", rows[^1]));
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine("| workload | plugin | ceiling | fraction | target | result | compile |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var r in rows) Console.WriteLine("| " + string.Join(" | ", r) + " |");
    }
}
