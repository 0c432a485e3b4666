using System.Globalization;
using System.Text.Json;
using Axle.Cli.Analysis;

namespace Axle.Cli.Commands;

/// <summary><c>axle stats FILE [--json]</c>.</summary>
internal sealed class StatsCommand : ICommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep "->" readable
    };

    public string Help => """
        usage: axle stats FILE [--json]

        Op histogram (regions included, terminators not), estimated FLOPs, transcendentals and bytes
        accessed, the largest intermediate value, and the entry function's parameter and result types.
        Estimates follow XLA's cost analysis without fusion: elementwise ops 1 flop per element
        (transcendental ops count as transcendentals), dot_general 2·M·N·K, reduce (in − out) × body,
        sort n·⌈log₂ n⌉ comparisons, cholesky n³/3, triangular_solve n²·rhs, while bodies once (the trip
        count is unknown), data movement 0; bytes = operands + results of every op.

          --json   machine-readable output
        """;

    public int Run(string[] args, TextWriter stdout)
    {
        var cl = CommandLine.Parse("stats", args, ["json"], [], []);
        cl.ExpectPositionals("FILE");
        var stats = ModuleStats.Of(ModuleFiles.Read("stats", cl.Positionals[0]));
        if (cl.Has("json"))
        {
            var histogram = stats.Histogram.ToDictionary(kv => kv.Key, kv => kv.Value);
            stdout.WriteLine(JsonSerializer.Serialize(new
            {
                stats.Module,
                stats.Entry,
                stats.Parameters,
                stats.Results,
                stats.Ops,
                Histogram = histogram,
                stats.Flops,
                stats.Transcendentals,
                stats.BytesAccessed,
                stats.Largest,
            }, Json));
            return ExitCode.Ok;
        }
        stdout.WriteLine($"module          @{stats.Module ?? "(anonymous)"}");
        stdout.WriteLine($"entry           {stats.Entry}");
        stdout.WriteLine("parameters");
        foreach (string p in stats.Parameters) stdout.WriteLine($"  {p}");
        stdout.WriteLine("results");
        for (int i = 0; i < stats.Results.Count; i++) stdout.WriteLine($"  {i}: {stats.Results[i]}");
        stdout.WriteLine($"ops             {stats.Ops} ({stats.Histogram.Count} kinds)");
        int width = stats.Histogram.Count == 0 ? 0 : stats.Histogram.Max(kv => kv.Key.Length);
        foreach (var (name, count) in stats.Histogram) stdout.WriteLine($"  {name.PadRight(width)}  {count,6}");
        stdout.WriteLine($"flops           {Number(stats.Flops)}");
        stdout.WriteLine($"transcendentals {Number(stats.Transcendentals)}");
        stdout.WriteLine($"bytes accessed  {Bytes(stats.BytesAccessed)}");
        if (stats.Largest is { } l)
            stdout.WriteLine($"largest value   {l.Value}: {l.Type} ({Bytes(l.Bytes)}) from {l.Op} at line {l.Line}");
        return ExitCode.Ok;
    }

    internal static string Number(double n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    internal static string Bytes(double b) => b switch
    {
        < 1024 => $"{b.ToString("0", CultureInfo.InvariantCulture)} B",
        < 1024 * 1024 => $"{(b / 1024).ToString("0.0", CultureInfo.InvariantCulture)} KiB",
        < 1024.0 * 1024 * 1024 => $"{(b / 1024 / 1024).ToString("0.0", CultureInfo.InvariantCulture)} MiB",
        _ => $"{(b / 1024 / 1024 / 1024).ToString("0.0", CultureInfo.InvariantCulture)} GiB",
    };
}
