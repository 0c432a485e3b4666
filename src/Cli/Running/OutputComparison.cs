using System.Globalization;
using Axle.IO;

namespace Axle.Cli.Running;

/// <summary>Per-output differences between two runs of one program (<c>axle run --compare-plugin</c>).</summary>
internal static class OutputComparison
{
    /// <summary>
    /// One line per output: max |a − b| and max |a − b| / |a| over elements with a ≠ 0. Equal values
    /// (NaN against NaN, ±inf against the same inf) differ by 0; NaN against a number by inf.
    /// </summary>
    public static IEnumerable<string> Lines(NpyArray[] a, NpyArray[] b)
    {
        if (a.Length != b.Length)
        {
            yield return $"  the plugins return {a.Length} and {b.Length} outputs";
            yield break;
        }
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i].DType != b[i].DType || !a[i].Shape.SequenceEqual(b[i].Shape))
            {
                yield return $"  output {i}: {a[i]} vs {b[i]}";
                continue;
            }
            var (abs, rel) = MaxDifference(a[i], b[i]);
            yield return $"  output {i} {a[i]}: max abs diff {Format(abs)}, max rel diff {Format(rel)}";
        }
    }

    public static (double Abs, double Rel) MaxDifference(NpyArray a, NpyArray b)
    {
        double maxAbs = 0, maxRel = 0;
        for (long k = 0; k < a.ElementCount; k++)
        {
            double x = HostArrays.Read(a, k), y = HostArrays.Read(b, k);
            if (x.Equals(y)) continue; // also NaN == NaN and inf == inf
            double d = double.IsNaN(x) || double.IsNaN(y) ? double.PositiveInfinity : Math.Abs(x - y);
            maxAbs = Math.Max(maxAbs, d);
            if (x != 0) maxRel = Math.Max(maxRel, d / Math.Abs(x));
        }
        return (maxAbs, maxRel);
    }

    private static string Format(double d) => d == 0 ? "0" : d.ToString("0.###e+0", CultureInfo.InvariantCulture);
}
