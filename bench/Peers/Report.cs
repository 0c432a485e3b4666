using System.Globalization;
using System.Text;

namespace Axle.Bench.Peers;

/// <summary>The results table (markdown), the missed targets, the limits' derivations and the raw numbers.</summary>
internal static class Report
{
    public static string Table(IReadOnlyList<Row> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| workload | Axle ms | compile ms | PyTorch ms | ORT ms | TensorPrimitives ms | OpenBLAS ms | limit ms | speedup (peer / Axle) | limit fraction | max diff (abs / rel to max) | target | result |");
        sb.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|---|--:|---|---|---|");
        foreach (var r in rows)
        {
            var peers = Row.PeerNames.Select(p => r.Peers.TryGetValue(p, out var v) ? Ms(v) : "—");
            string speedups = string.Join(", ", Row.PeerNames.Where(r.Peers.ContainsKey).Select(p => $"{p} {r.Speedup(p):0.00}×"));
            if (speedups.Length == 0) speedups = "—";
            string diff = r.Diff is { } d ? $"{d.Abs:0.0e0} / {d.Rel:0.0e0}" : "";
            if (r.DiffNote is not null) diff = diff.Length > 0 ? $"{diff}; {r.DiffNote}" : r.DiffNote;
            string result = r.Target is null ? "—" : r.Target.Miss(r) is null ? "PASS" : "MISS";
            sb.AppendLine(string.Join(" | ", new[]
            {
                "| " + r.Workload, r.Axle is { } a ? Ms(a.MedianMs) : "—", r.Axle is { } c ? Ms(c.CompileMs) : "—",
            }.Concat(peers).Concat(new[]
            {
                r.LimitMs is { } l ? Ms(l) : "—", speedups, r.LimitFraction is { } f ? (f * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—",
                diff.Length > 0 ? diff : "—", r.Target?.Text ?? "—", result + " |",
            })));
        }
        return sb.ToString();
    }

    /// <summary>Each missed target and by how much.</summary>
    public static string Misses(IReadOnlyList<Row> rows)
    {
        var misses = rows.Where(r => r.Target?.Miss(r) is not null).Select(r => $"- {r.Workload}: {r.Target!.Miss(r)}").ToArray();
        return misses.Length == 0 ? "Every target met.\n" : "Missed targets:\n\n" + string.Join("\n", misses) + "\n";
    }

    public static string Limits(IReadOnlyList<Row> rows) =>
        "Limits:\n\n" + string.Join("\n", rows.Where(r => r.LimitNote is not null).Select(r => $"- {r.Workload}: {r.LimitNote}")) + "\n";

    public static string Raw(IReadOnlyList<(string Name, Timing Timing)> raw)
    {
        var sb = new StringBuilder("| measurement | median ms | fastest ms | first call ms | repetitions |\n|---|--:|--:|--:|--:|\n");
        foreach (var (name, t) in raw) sb.AppendLine($"| {name} | {t.MedianMs:0.####} | {t.MinMs:0.####} | {t.FirstMs:0.###} | {t.Reps} |");
        return sb.ToString();
    }

    /// <summary>See <see cref="HostInfo.Machine"/>.</summary>
    public static string Machine() => HostInfo.Machine();

    /// <summary>See <see cref="HostInfo.LoadAverage"/>.</summary>
    public static string LoadAverage() => HostInfo.LoadAverage();

    /// <summary>Appends a dated section to <paramref name="path"/> (created with a title if missing).</summary>
    public static void Append(string path, Options o, string header, string body)
    {
        var sb = new StringBuilder();
        if (!File.Exists(path)) sb.AppendLine("# Measured results\n");
        sb.AppendLine();
        sb.AppendLine($"## Peers and limits (bench/Peers), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC{(o.Quick ? " — quick smoke run, not a measurement" : "")}");
        sb.AppendLine();
        sb.AppendLine($"- machine: {Machine()}");
        sb.AppendLine($"- command: `{o.CommandLine}`");
        sb.AppendLine(header);
        sb.AppendLine(body);
        File.AppendAllText(path, sb.ToString());
    }

    private static string Ms(double v) => v switch
    {
        < 0.1 => (v * 1e3).ToString("0.00", CultureInfo.InvariantCulture) + " µs",
        >= 100 => v.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => v.ToString("0.0", CultureInfo.InvariantCulture),
        >= 1 => v.ToString("0.00", CultureInfo.InvariantCulture),
        _ => v.ToString("0.000", CultureInfo.InvariantCulture),
    };
}
