// Simulation-based calibration of Axle's NUTS: ./build.sh sbc [REPLICATIONS] [--results FILE].
using System.Globalization;
using Axle.Sbc;

int replications = args.Length > 0 && int.TryParse(args[0], out int n) ? n : 1000;
string? results = args.SkipWhile(a => a != "--results").Skip(1).FirstOrDefault();
var result = SbcRun.Run(replications);
var inv = CultureInfo.InvariantCulture;
var lines = new List<string>
{
    string.Format(inv, "SBC, hierarchical normal model (J = {0}), {1} replications x {2} kept draws (thinned 1 in 3 after 300 warm-up), " +
        "rank histograms in {3} bins; {4:0.0} s; {5} divergences", SbcRun.Groups, replications, result.Draws, result.Bins, result.Seconds, result.Divergences),
    "",
    "| parameter | χ² p-value | uniform at 1% | rank histogram |",
    "|---|---|---|---|",
};
foreach (var (name, p) in result.PValues)
{
    var counts = new int[result.Bins];
    foreach (int r in result.Ranks[name]) counts[r * result.Bins / (result.Draws + 1)]++;
    lines.Add(string.Format(inv, "| {0} | {1:0.000} | {2} | {3} |", name, p, p > 0.01 ? "yes" : "NO", string.Join(" ", counts)));
}
foreach (var l in lines) Console.WriteLine(l);
if (results is not null)
    File.AppendAllLines(results, [
        "", $"## SBC — {DateTime.Now:yyyy-MM-dd HH:mm} on {Environment.MachineName} ({Environment.ProcessorCount} cores): `./build.sh sbc {replications}`", "", .. lines]);
return result.PValues.Values.All(p => p > 0.01) ? 0 : 1;
