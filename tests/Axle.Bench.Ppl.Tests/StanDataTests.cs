using System.Text.Json;
using Axle.Bench.Ppl.Stan;

namespace Axle.Bench.Ppl.Tests;

/// <summary>Stan's JSON data as the harness writes it for run.R.</summary>
public class StanDataTests
{
    [Fact]
    public void WritesEachKindInStanJsonWithDoublesThatRoundTrip()
    {
        double[] awkward = [0.1, Math.PI, -1e-300, 1.7976931348623157e308, 5e-324, 2.0 / 3];
        var x = new double[,] { { 1.5, -2 }, { 0.1, 3e-17 }, { 7, 8 } };
        string json = new StanData().Int("N", 3).Real("s", -0.25).Ints("y", [1, 0, 1]).Reals("r", awkward).Matrix("X", x).ToJson();

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(["N", "s", "y", "r", "X"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, root.GetProperty("N").GetInt32());
        Assert.Equal(-0.25, root.GetProperty("s").GetDouble());
        Assert.Equal([1, 0, 1], root.GetProperty("y").EnumerateArray().Select(e => e.GetInt32()));
        // Bit-exact: Stan must see the very values Axle's log-density closes over.
        Assert.Equal(awkward, root.GetProperty("r").EnumerateArray().Select(e => e.GetDouble()));
        var rows = root.GetProperty("X").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
        Assert.Equal(3, rows.Length); // a matrix is an array of its rows
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 2; j++) Assert.Equal(x[i, j], rows[i][j]);
        // Integers stay integers (Stan rejects 1.0 for an int).
        Assert.Contains("\"y\":[1,0,1]", json);
    }

    [Fact]
    public void RejectsNonFiniteValuesRepeatedNamesAndNonIdentifiers()
    {
        var d = new StanData().Int("N", 1);
        Assert.Throws<ArgumentException>(() => d.Int("N", 2));
        Assert.Throws<ArgumentException>(() => d.Real("a", double.NaN));
        Assert.Throws<ArgumentException>(() => d.Reals("b", [1, double.PositiveInfinity]));
        Assert.Throws<ArgumentException>(() => d.Matrix("c", new double[,] { { 0, double.NegativeInfinity } }));
        Assert.Throws<ArgumentException>(() => d.Int("1x", 1));
        Assert.Throws<ArgumentException>(() => d.Int("x[1]", 1));
        Assert.Equal(["N"], d.Names);
    }
}
