using System.Globalization;
using System.Runtime.CompilerServices;

namespace Axle.Tests.Inference;

/// <summary>
/// The committed golden files of Golden/: fixed draws (draws.csv) and the R package posterior's
/// diagnostics of them (posterior_golden.csv), both written by Golden/posterior_golden.R.
/// </summary>
internal static class DiagnosticsGolden
{
    private static readonly Lazy<Dictionary<string, double[,]>> LazyDraws = new(ReadDraws);
    private static readonly Lazy<Dictionary<string, Dictionary<string, double>>> LazyExpected = new(ReadExpected);

    /// <summary>Each case's draws as (chains, draws).</summary>
    public static IReadOnlyDictionary<string, double[,]> Draws => LazyDraws.Value;

    /// <summary>Each case's statistics by posterior's name (NaN where posterior returns NA).</summary>
    public static IReadOnlyDictionary<string, Dictionary<string, double>> Expected => LazyExpected.Value;

    public static string Path(string file) => System.IO.Path.Combine(Directory(), "Golden", file);

    private static Dictionary<string, double[,]> ReadDraws()
    {
        var chains = new Dictionary<string, List<double[]>>();
        foreach (string line in File.ReadLines(Path("draws.csv")))
        {
            string[] f = line.Split(',');
            if (!chains.TryGetValue(f[0], out var list)) chains[f[0]] = list = [];
            list.Add(f.Skip(2).Select(Parse).ToArray());
        }
        return chains.ToDictionary(kv => kv.Key, kv =>
        {
            var x = new double[kv.Value.Count, kv.Value[0].Length];
            for (int c = 0; c < x.GetLength(0); c++)
                for (int i = 0; i < x.GetLength(1); i++) x[c, i] = kv.Value[c][i];
            return x;
        });
    }

    private static Dictionary<string, Dictionary<string, double>> ReadExpected()
    {
        string[] lines = File.ReadAllLines(Path("posterior_golden.csv"));
        string[] header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0],
            f => Enumerable.Range(1, header.Length - 1).ToDictionary(i => header[i], i => Parse(f[i])));
    }

    private static double Parse(string s) => s == "NA" ? double.NaN : double.Parse(s, CultureInfo.InvariantCulture);

    private static string Directory([CallerFilePath] string here = "") => System.IO.Path.GetDirectoryName(here)!;
}
