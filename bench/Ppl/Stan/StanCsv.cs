using System.Globalization;

namespace Axle.Bench.Ppl.Stan;

/// <summary>
/// A numeric table as run.R writes it (<c>write.table(sep = ",", quote = FALSE)</c>): a header of column names, then one
/// row of numbers per line. R writes non-finite values as NA, NaN, Inf, -Inf; they are read as NaN and ±∞.
/// </summary>
internal sealed class StanCsv
{
    private readonly Dictionary<string, double[]> _columns;

    private StanCsv(string[] names, Dictionary<string, double[]> columns, int rows)
    {
        Names = names;
        _columns = columns;
        Rows = rows;
    }

    /// <summary>The column names, in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of data rows.</summary>
    public int Rows { get; }

    /// <summary>The column named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public double[] this[string name] => _columns.TryGetValue(name, out var c) ? c
        : throw new KeyNotFoundException($"Stan output: no column '{name}'; columns are {string.Join(",", Names.Take(12))}{(Names.Count > 12 ? ",..." : "")}");

    /// <summary>Whether a column named <paramref name="name"/> exists.</summary>
    public bool Has(string name) => _columns.ContainsKey(name);

    public static StanCsv Read(string path) => Parse(File.ReadAllText(path), path);

    /// <exception cref="FormatException">A missing or repeated header name, a row of the wrong width, or a cell that is not a number.</exception>
    public static StanCsv Parse(string text, string source = "text")
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
        if (lines.Length == 0) throw new FormatException($"{source}: empty, expected a header line");
        string[] names = lines[0].Split(',');
        if (names.Any(n => n.Length == 0) || names.Distinct().Count() != names.Length)
            throw new FormatException($"{source}: header must name each column once; got '{lines[0]}'");
        var cells = names.Select(_ => new double[lines.Length - 1]).ToArray();
        for (int r = 1; r < lines.Length; r++)
        {
            string[] row = lines[r].Split(',');
            if (row.Length != names.Length)
                throw new FormatException($"{source}: line {r + 1} has {row.Length} cells, expected {names.Length}");
            for (int c = 0; c < row.Length; c++) cells[c][r - 1] = Number(row[c], source, r + 1);
        }
        return new StanCsv(names, names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => cells[p.i]), lines.Length - 1);
    }

    private static double Number(string cell, string source, int line) => cell switch
    {
        "NA" or "NaN" => double.NaN,
        "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
            : throw new FormatException($"{source}: line {line}: '{cell}' is not a number"),
    };
}
