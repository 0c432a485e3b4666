using Axle.Inference;

namespace Axle.Tests.Inference;

/// <summary>
/// Every diagnostic against the R package posterior 1.4.0 (Debian's r-cran-posterior) on the fixed draws
/// of Golden/draws.csv: iid normal, AR(1) with ρ = 0.9 and −0.6, Cauchy and Student-t(3) draws, shifted
/// and rescaled chains, heavy ties, a nearly constant and a constant parameter, 1, 2, 4 and 7 chains,
/// odd draw counts and chains too short for Geyer's sequence. Regenerate with Golden/posterior_golden.R.
/// </summary>
public class DiagnosticsGoldenTests
{
    /// <summary>
    /// Relative agreement asked of every number: far below ArviZ's printed precision (3 decimals, R-hat 2,
    /// ESS whole). Every number agreed to 1e-14 when written; the margin is for last-bit differences of
    /// the platform's log and exp and of R's FFT autocovariance.
    /// </summary>
    private const double Tolerance = 1e-12;

    private static readonly Dictionary<string, Func<double[,], double>> Statistics = new()
    {
        ["mean"] = x => Diagnostics.Summarize(x).Mean,
        ["sd"] = x => Diagnostics.Summarize(x).Sd,
        ["median"] = x => Diagnostics.Summarize(x).Median,
        ["q5"] = x => Diagnostics.Quantile(x, 0.05),
        ["q95"] = x => Diagnostics.Quantile(x, 0.95),
        ["rhat"] = Diagnostics.Rhat,
        ["rhat_basic"] = Diagnostics.RhatBasic,
        ["ess_bulk"] = Diagnostics.EssBulk,
        ["ess_tail"] = Diagnostics.EssTail,
        ["ess_basic"] = Diagnostics.EssBasic,
        ["ess_mean"] = Diagnostics.EssBasic,
        ["ess_sd"] = Diagnostics.EssSd,
        ["ess_q5"] = x => Diagnostics.EssQuantile(x, 0.05),
        ["ess_median"] = x => Diagnostics.EssQuantile(x, 0.5),
        ["mcse_mean"] = Diagnostics.McseMean,
        ["mcse_sd"] = Diagnostics.McseSd,
        ["mcse_median"] = x => Diagnostics.McseQuantile(x, 0.5),
        ["mcse_q5"] = x => Diagnostics.McseQuantile(x, 0.05),
        ["mcse_q95"] = x => Diagnostics.McseQuantile(x, 0.95),
    };

    public static TheoryData<string> Cases() => new(DiagnosticsGolden.Expected.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPosterior(string name)
    {
        var x = DiagnosticsGolden.Draws[name];
        var expected = DiagnosticsGolden.Expected[name];
        Assert.Equal(Statistics.Keys.Order(), expected.Keys.Order());
        var failures = new List<string>();
        foreach (var (stat, f) in Statistics)
        {
            double want = expected[stat], got = f(x);
            bool ok = double.IsNaN(want) ? double.IsNaN(got) : Math.Abs(got - want) <= Tolerance * Math.Abs(want);
            if (!ok) failures.Add($"{stat}: posterior {want:R}, Axle {got:R}");
        }
        Assert.True(failures.Count == 0, $"{name}: " + string.Join("; ", failures));
    }

    [Fact]
    public void EveryCaseIsCovered()
    {
        Assert.Equal(13, DiagnosticsGolden.Expected.Count);
        Assert.Equal(DiagnosticsGolden.Expected.Keys.Order(), DiagnosticsGolden.Draws.Keys.Order());
    }
}
