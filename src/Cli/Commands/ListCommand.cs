using System.Globalization;
using System.Text.Json;
using Axle.Lowering.Text;

namespace Axle.Cli.Commands;

/// <summary><c>axle list DIR</c>: one line per dumped module.</summary>
internal sealed class ListCommand : ICommand
{
    private const string Suffix = ".stablehlo.mlir";

    public string Help => """
        usage: axle list DIR

        The modules in a dump directory (AXLE_DUMP_DIR writes <name>.<n>.stablehlo.mlir, the plugin's
        <name>.<n>.optimized.mlir and <name>.<n>.json), in the order they were compiled: op count,
        compile time and plugin (from the .json next to the module; "-" when it is missing), and the
        entry function with its parameter and result types.
        """;

    public int Run(string[] args, TextWriter stdout)
    {
        var cl = CommandLine.Parse("list", args, [], [], []);
        cl.ExpectPositionals("DIR");
        string dir = cl.Positionals[0];
        if (!Directory.Exists(dir)) throw new CliException(ExitCode.FileNotFound, $"axle list: no such directory: {dir}");
        var files = Directory.GetFiles(dir, "*" + Suffix).OrderBy(Counter).ThenBy(f => f, StringComparer.Ordinal).ToList();
        // The entry signature can be long: it goes last so the other columns stay aligned.
        var rows = new List<string[]> { new[] { "FILE", "OPS", "COMPILE", "PLUGIN", "ENTRY" } };
        foreach (string file in files)
        {
            string name = Path.GetFileName(file);
            string entry, ops;
            try
            {
                var module = GenericParser.Parse(File.ReadAllText(file));
                entry = module.Entry is { } f ? ModuleFiles.Signature(f) : "(no functions)";
                ops = module.Functions.Sum(fn => fn.AllOperations().Count(ModuleFiles.Counts)).ToString(CultureInfo.InvariantCulture);
            }
            catch (MlirParseException e)
            {
                (entry, ops) = ($"(does not parse: {e.Message})", "-");
            }
            var (compile, plugin) = Sidecar(file[..^Suffix.Length] + ".json");
            rows.Add([name, ops, compile, plugin, entry]);
        }
        if (files.Count == 0)
        {
            stdout.WriteLine($"no *{Suffix} modules in {dir} (set AXLE_DUMP_DIR={dir} while running an Axle program)");
            return ExitCode.Ok;
        }
        int[] widths = [.. Enumerable.Range(0, 5).Select(c => rows.Max(r => r[c].Length))];
        foreach (var r in rows)
            stdout.WriteLine($"{r[0].PadRight(widths[0])}  {r[1].PadLeft(widths[1])}  {r[2].PadLeft(widths[2])}  {r[3].PadRight(widths[3])}  {r[4]}".TrimEnd());
        return ExitCode.Ok;
    }

    // name.<n>.stablehlo.mlir sorts by n, the order of compilation.
    private static long Counter(string file)
    {
        string stem = Path.GetFileName(file)[..^Suffix.Length];
        int dot = stem.LastIndexOf('.');
        return dot >= 0 && long.TryParse(stem[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : long.MaxValue;
    }

    private static (string Compile, string Plugin) Sidecar(string path)
    {
        if (!File.Exists(path)) return ("-", "-");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            string compile = root.TryGetProperty("compile_ms", out var ms) && ms.TryGetDouble(out double v)
                ? $"{v.ToString("0.0", CultureInfo.InvariantCulture)} ms" : "-";
            string platform = root.TryGetProperty("platform", out var p) ? p.GetString() ?? "" : "";
            string plugin = root.TryGetProperty("plugin", out var pl) ? Path.GetFileName(pl.GetString() ?? "") : "";
            return (compile, platform.Length > 0 ? $"{platform} ({plugin})" : plugin.Length > 0 ? plugin : "-");
        }
        catch (JsonException)
        {
            return ("-", "(unreadable .json)");
        }
    }
}
