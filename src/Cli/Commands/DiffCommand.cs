using Axle.Lowering.Text;

namespace Axle.Cli.Commands;

/// <summary><c>axle diff A B</c>: what changed between two modules, function by function.</summary>
internal sealed class DiffCommand : ICommand
{
    public string Help => """
        usage: axle diff A B

        Structural difference of two modules: functions only in one of them, signature changes
        (parameter and result types), and per function the op counts that differ (ops added or
        removed). Prints "no structural differences" when the signatures and op counts agree.
        """;

    public int Run(string[] args, TextWriter stdout)
    {
        var cl = CommandLine.Parse("diff", args, [], [], []);
        cl.ExpectPositionals("A", "B");
        string pathA = cl.Positionals[0], pathB = cl.Positionals[1];
        var a = ModuleFiles.Read("diff", pathA);
        var b = ModuleFiles.Read("diff", pathB);
        var lines = new List<string>();
        if (a.Name != b.Name) lines.Add($"module name: @{a.Name} -> @{b.Name}");
        foreach (var fa in a.Functions)
        {
            var fb = b.Functions.FirstOrDefault(f => f.Name == fa.Name);
            if (fb is null)
            {
                lines.Add($"function @{fa.Name}: only in A ({Count(fa)} ops)");
                continue;
            }
            var changes = Compare(fa, fb);
            if (changes.Count > 0)
            {
                lines.Add($"function @{fa.Name}:");
                lines.AddRange(changes.Select(c => "  " + c));
            }
        }
        foreach (var fb in b.Functions.Where(f => a.Functions.All(fa => fa.Name != f.Name)))
            lines.Add($"function @{fb.Name}: only in B ({Count(fb)} ops)");
        stdout.WriteLine($"--- {pathA}");
        stdout.WriteLine($"+++ {pathB}");
        if (lines.Count == 0) stdout.WriteLine("no structural differences");
        foreach (string line in lines) stdout.WriteLine(line);
        return ExitCode.Ok;
    }

    private static List<string> Compare(MlirFunction a, MlirFunction b)
    {
        var changes = new List<string>();
        string sa = ModuleFiles.Signature(a), sb = ModuleFiles.Signature(b);
        if (sa != sb)
        {
            changes.Add($"signature in A: {sa}");
            changes.Add($"signature in B: {sb}");
        }
        if (a.Visibility != b.Visibility) changes.Add($"visibility: {a.Visibility} -> {b.Visibility}");
        var ha = Histogram(a);
        var hb = Histogram(b);
        int ca = ha.Values.Sum(), cb = hb.Values.Sum();
        var rows = ha.Keys.Union(hb.Keys).Order(StringComparer.Ordinal)
            .Select(k => (Name: k, A: ha.GetValueOrDefault(k), B: hb.GetValueOrDefault(k)))
            .Where(r => r.A != r.B).ToList();
        if (ca != cb || rows.Count > 0)
        {
            changes.Add($"ops: {ca} -> {cb} ({Signed(cb - ca)})");
            int width = rows.Count == 0 ? 0 : rows.Max(r => r.Name.Length);
            foreach (var r in rows)
            {
                string what = r.A == 0 ? "added" : r.B == 0 ? "removed" : "changed";
                changes.Add($"  {r.Name.PadRight(width)}  {r.A,5} -> {r.B,-5} ({Signed(r.B - r.A)}, {what})");
            }
        }
        return changes;
    }

    private static Dictionary<string, int> Histogram(MlirFunction f) =>
        f.AllOperations().Where(ModuleFiles.Counts).GroupBy(o => o.Name).ToDictionary(g => g.Key, g => g.Count());

    private static int Count(MlirFunction f) => f.AllOperations().Count(ModuleFiles.Counts);

    private static string Signed(int n) => n > 0 ? $"+{n}" : n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
