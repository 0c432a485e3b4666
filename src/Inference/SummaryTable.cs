using System.Globalization;

namespace Axle;

/// <summary>One row of a <see cref="SummaryTable"/>: one scalar component of one variable, unrounded.</summary>
/// <param name="Label">ArviZ's label: the variable's name, then its coordinate values in brackets (<c>theta[Choate]</c>, <c>L[0, 1]</c>).</param>
/// <param name="Variable">The variable's name.</param>
/// <param name="Coordinates">The component's coordinate value in each dimension after (chain, draw); empty for a scalar.</param>
/// <param name="Mean">Posterior mean.</param>
/// <param name="Sd">Posterior standard deviation (n − 1).</param>
/// <param name="HdiLower">Lower end of the highest density interval (<see cref="Diagnostics.Hdi(double[,], double)"/>).</param>
/// <param name="HdiUpper">Upper end of the highest density interval.</param>
/// <param name="McseMean">Monte Carlo standard error of the mean (<see cref="Diagnostics.McseMean"/>).</param>
/// <param name="McseSd">Monte Carlo standard error of the sd (<see cref="Diagnostics.McseSd"/>, posterior 1.4.0's formula).</param>
/// <param name="EssBulk">Bulk effective sample size.</param>
/// <param name="EssTail">Tail effective sample size.</param>
/// <param name="Rhat">Rank-normalized split R-hat.</param>
public sealed record SummaryRow(string Label, string Variable, IReadOnlyList<object> Coordinates, double Mean, double Sd,
    double HdiLower, double HdiUpper, double McseMean, double McseSd, double EssBulk, double EssTail, double Rhat);

/// <summary>
/// ArviZ's <c>az.summary</c> table (ArviZ 0.x, <c>kind="all"</c>, <c>stat_focus="mean"</c>): one
/// <see cref="SummaryRow"/> per scalar component of each variable, columns mean, sd, hdi_3%, hdi_97%,
/// mcse_mean, mcse_sd, ess_bulk, ess_tail, r_hat. <see cref="ToString"/> prints it as
/// <c>print(az.summary(idata).to_string())</c> does: ArviZ's default rounding (3 decimals, ESS to whole
/// numbers, R-hat to 2) and pandas' layout. The numbers are posterior 1.4.0's (<see cref="Diagnostics"/>);
/// see <see cref="Diagnostics.McseSd"/> for the one column where ArviZ's own formula differs.
/// </summary>
public sealed class SummaryTable
{
    private readonly Dictionary<string, SummaryRow> _byLabel;

    /// <summary>A table of <paramref name="rows"/> for HDIs of mass <paramref name="hdiProb"/>.</summary>
    /// <param name="rows">The rows, in order.</param>
    /// <param name="hdiProb">The HDIs' probability mass, in (0, 1].</param>
    /// <exception cref="ArgumentException">Two rows share a label.</exception>
    public SummaryTable(IEnumerable<SummaryRow> rows, double hdiProb)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!(hdiProb > 0 && hdiProb <= 1))
            throw new ArgumentOutOfRangeException(nameof(hdiProb), $"SummaryTable: hdiProb must be in (0, 1]; got {hdiProb}");
        Rows = rows.ToArray();
        HdiProb = hdiProb;
        _byLabel = new Dictionary<string, SummaryRow>(StringComparer.Ordinal);
        foreach (var row in Rows)
            if (!_byLabel.TryAdd(row.Label, row))
                throw new ArgumentException($"SummaryTable: two rows are labelled '{row.Label}'", nameof(rows));
        // ArviZ: f"hdi_{100 * alpha / 2:g}%" with alpha = 1 - hdi_prob, in doubles (0.94 gives 3 and 97).
        double alpha = 1 - hdiProb;
        Columns = ["mean", "sd", $"hdi_{G(100 * alpha / 2)}%", $"hdi_{G(100 * (1 - alpha / 2))}%",
            "mcse_mean", "mcse_sd", "ess_bulk", "ess_tail", "r_hat"];
    }

    /// <summary>The rows, in ArviZ's order: variables as listed, components row-major.</summary>
    public IReadOnlyList<SummaryRow> Rows { get; }

    /// <summary>The HDIs' probability mass.</summary>
    public double HdiProb { get; }

    /// <summary>The column names, as ArviZ names them.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The row labelled <paramref name="label"/> (e.g. <c>theta[0]</c>).</summary>
    /// <exception cref="KeyNotFoundException">No such row; the message lists the labels.</exception>
    public SummaryRow this[string label] =>
        _byLabel.TryGetValue(label, out var row) ? row
            : throw new KeyNotFoundException($"SummaryTable: no row '{label}'; it has {string.Join(", ", Rows.Select(r => r.Label))}");

    /// <summary>The table as ArviZ's <c>az.summary(...).to_string()</c> prints it (lines joined by '\n', no final newline).</summary>
    public override string ToString() =>
        DataFrameText.Format(Rows.Select(r => r.Label).ToArray(), Columns, (r, c) => Rounded(Rows[r], c));

    /// <summary>A cell after ArviZ's default rounding: numpy's round-half-even at 3 decimals, ESS at 0, R-hat at 2.</summary>
    private static double Rounded(SummaryRow row, int column)
    {
        (double value, int decimals) = column switch
        {
            0 => (row.Mean, 3),
            1 => (row.Sd, 3),
            2 => (row.HdiLower, 3),
            3 => (row.HdiUpper, 3),
            4 => (row.McseMean, 3),
            5 => (row.McseSd, 3),
            6 => (row.EssBulk, 0),
            7 => (row.EssTail, 0),
            _ => (row.Rhat, 2),
        };
        // numpy's around scales, rounds half to even and scales back; so does Math.Round(double, int).
        return Math.Round(value, decimals, MidpointRounding.ToEven);
    }

    private static string G(double x) => x.ToString("G6", CultureInfo.InvariantCulture).ToLowerInvariant();
}
