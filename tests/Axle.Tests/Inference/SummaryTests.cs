using Axle.Inference;

namespace Axle.Tests.Inference;

/// <summary>
/// <see cref="Diagnostics.Summary"/> against Golden/summary_golden*.txt: ArviZ's az.summary table as
/// pandas prints it, built by Golden/summary_golden.py from posterior's numbers for the same draws.
/// </summary>
public class SummaryTests
{
    /// <summary>mu (scalar), theta over three named schools and L (2, 2) with default dims, 4 chains × 100 draws.</summary>
    private static InferenceData Idata()
    {
        var d = DiagnosticsGolden.Draws;
        var posterior = new InferenceGroup(
            [
                Variable("mu", ["chain", "draw"], d["iid"]),
                Variable("theta", ["chain", "draw", "school"], d["ar1"], d["cauchy"], d["shifted"]),
                Variable("L", ["chain", "draw", "L_dim_0", "L_dim_1"], d["scale"], d["ties"], d["tiny"], d["const"]),
            ],
            coords: new Dictionary<string, IReadOnlyList<object>> { ["school"] = ["Choate", "Deerfield", "Phillips Andover"] });
        return new InferenceData { Posterior = posterior };
    }

    /// <summary>A (chain, draw, …) variable whose row-major components are <paramref name="components"/>.</summary>
    internal static InferenceVariable Variable(string name, string[] dims, params double[][,] components)
    {
        int chains = components[0].GetLength(0), draws = components[0].GetLength(1), width = components.Length;
        var values = new double[chains * draws * width];
        for (int c = 0; c < chains; c++)
            for (int i = 0; i < draws; i++)
                for (int k = 0; k < width; k++) values[(c * draws + i) * width + k] = components[k][c, i];
        var shape = new List<int> { chains, draws };
        if (dims.Length == 3) shape.Add(width);
        if (dims.Length == 4) shape.AddRange([2, width / 2]);
        return new InferenceVariable(name, Tensor.From(values, [.. shape]), dims);
    }

    [Fact]
    public void PrintsArvizTable()
    {
        string expected = File.ReadAllText(DiagnosticsGolden.Path("summary_golden.txt"));
        Assert.Equal(expected, Diagnostics.Summary(Idata()).ToString());
    }

    [Fact]
    public void VariableSelectionAndHdiProbability()
    {
        string expected = File.ReadAllText(DiagnosticsGolden.Path("summary_golden_hdi90.txt"));
        Assert.Equal(expected, Diagnostics.Summary(Idata(), ["theta", "mu"], hdiProb: 0.9).ToString());
    }

    [Fact]
    public void RowsGiveTheUnroundedNumbers()
    {
        var table = Diagnostics.Summary(Idata());
        Assert.Equal(["mu", "theta[Choate]", "theta[Deerfield]", "theta[Phillips Andover]", "L[0, 0]", "L[0, 1]", "L[1, 0]", "L[1, 1]"],
            table.Rows.Select(r => r.Label));
        Assert.Equal(["mean", "sd", "hdi_3%", "hdi_97%", "mcse_mean", "mcse_sd", "ess_bulk", "ess_tail", "r_hat"], table.Columns);
        var row = table["theta[Deerfield]"];
        Assert.Equal("theta", row.Variable);
        Assert.Equal(new object[] { "Deerfield" }, row.Coordinates);
        var cauchy = DiagnosticsGolden.Draws["cauchy"];
        Assert.Equal(Diagnostics.EssBulk(cauchy), row.EssBulk);
        Assert.Equal(Diagnostics.McseSd(cauchy), row.McseSd);
        Assert.Equal(Diagnostics.Hdi(cauchy), (row.HdiLower, row.HdiUpper));
        Assert.Equal(new object[] { 1, 0 }, table["L[1, 0]"].Coordinates);
        Assert.Throws<KeyNotFoundException>(() => table["theta[3]"]);
    }

    [Fact]
    public void TildeExcludesVariables()
    {
        var table = Diagnostics.Summary(Idata(), ["~theta"]);
        Assert.Equal(["mu", "L[0, 0]", "L[0, 1]", "L[1, 0]", "L[1, 1]"], table.Rows.Select(r => r.Label));
    }

    [Fact]
    public void PicksThePriorWithoutAPosteriorAndAnyNamedGroup()
    {
        var prior = new InferenceGroup([Variable("mu", ["chain", "draw"], DiagnosticsGolden.Draws["iid"])]);
        Assert.Equal("mu", Diagnostics.Summary(new InferenceData { Prior = prior }).Rows.Single().Label);
        var idata = Idata();
        idata.Prior = prior;
        Assert.Single(Diagnostics.Summary(idata, group: "prior").Rows);
    }

    [Fact]
    public void BadRequestsNameWhatIsWrong()
    {
        var e = Assert.Throws<ArgumentException>(() => Diagnostics.Summary(Idata(), ["sigma"]));
        Assert.Contains("'sigma'", e.Message);
        Assert.Contains("mu, theta, L", e.Message);
        Assert.Throws<ArgumentException>(() => Diagnostics.Summary(new InferenceData()));
        Assert.Throws<ArgumentException>(() => Diagnostics.Summary(Idata(), group: "prior"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Diagnostics.Summary(Idata(), hdiProb: 0));
        var observed = new InferenceGroup([new InferenceVariable("y", Tensor.From(new double[] { 1, 2, 3, 4, 5 }), ["y_dim_0"])]);
        Assert.Throws<ArgumentException>(() => Diagnostics.Summary(new InferenceData { ObservedData = observed }, group: "observed_data"));
    }

    [Fact]
    public void FormatsLikePandasToString()
    {
        // pandas 1.5.3: pd.DataFrame({"a": [1234567.891, 12345678.5, nan], "b": [1e-7, 1.0, -2.0],
        // "c": [-0.0, 0.5, inf], "long_name": [1.0, 2.0, 3.0], "e": [1234567.0, 0.25, 3.0]},
        // index=["x", "y[0, 1]", "zz"]).to_string(): scientific for large-and-long and for tiny values,
        // trailing zeros trimmed per column, NaN, inf and -0.0.
        double[][] columns =
        [
            [1234567.891, 12345678.5, double.NaN], [1e-7, 1.0, -2.0], [-0.0, 0.5, double.PositiveInfinity],
            [1.0, 2.0, 3.0], [1234567.0, 0.25, 3.0],
        ];
        string text = DataFrameText.Format(["x", "y[0, 1]", "zz"], ["a", "b", "c", "long_name", "e"], (r, c) => columns[c][r]);
        Assert.Equal(
            "                    a             b    c  long_name           e\n" +
            "x        1.234568e+06  1.000000e-07 -0.0        1.0  1234567.00\n" +
            "y[0, 1]  1.234568e+07  1.000000e+00  0.5        2.0        0.25\n" +
            "zz                NaN -2.000000e+00  inf        3.0        3.00", text);
    }
}
