using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Axle.Inference;

/// <summary>
/// pandas' <c>DataFrame.to_string()</c> for a frame of float64 columns with a string index (pandas 1.5 and
/// 2.x format floats alike): each column's values as <c>{: .6f}</c> with trailing zeros trimmed equally
/// (at least one decimal kept), NaN as <c>NaN</c>, <c>{: .6e}</c> when a value is nonzero below 1e-6 or
/// large (&gt; 1e6) and the fixed text too long; headers (after a space) and values right-aligned, the index
/// left-aligned, one space between columns.
/// </summary>
internal static partial class DataFrameText
{
    private const int Digits = 6; // pandas' display.precision

    public static string Format(IReadOnlyList<string> index, IReadOnlyList<string> columns, Func<int, int, double> value)
    {
        var strColumns = new List<string[]>();
        int indexWidth = index.Count == 0 ? 0 : index.Max(s => s.Length);
        var indexColumn = new string[index.Count + 1];
        indexColumn[0] = new string(' ', indexWidth);
        for (int r = 0; r < index.Count; r++) indexColumn[r + 1] = index[r].PadRight(indexWidth);
        strColumns.Add(indexColumn);
        for (int col = 0; col < columns.Count; col++)
        {
            int col1 = col;
            string[] cells = FormatColumn(Enumerable.Range(0, index.Count).Select(r => value(r, col1)).ToArray());
            // pandas gives numeric columns' headers a leading space, as their values have one for the sign.
            string header = " " + columns[col];
            int width = Math.Max(header.Length, cells.Length == 0 ? 0 : cells.Max(s => s.Length));
            var column = new string[index.Count + 1];
            column[0] = header.PadLeft(width);
            for (int r = 0; r < cells.Length; r++) column[r + 1] = cells[r].PadLeft(width);
            strColumns.Add(column);
        }
        var text = new StringBuilder();
        for (int line = 0; line <= index.Count; line++)
        {
            if (line > 0) text.Append('\n');
            text.Append(string.Join(" ", strColumns.Select(c => c[line])));
        }
        return text.ToString();
    }

    /// <summary>One float column's cells, as pandas' <c>FloatArrayFormatter</c> writes them.</summary>
    public static string[] FormatColumn(double[] values)
    {
        string[] cells = TrimZeros(values.Select(v => Fixed(v)).ToArray());
        bool tooLong = cells.Length > 0 && cells.Max(s => s.Length) > Digits + 6;
        bool large = values.Any(v => Math.Abs(v) > 1e6);
        bool small = values.Any(v => Math.Abs(v) < Math.Pow(10, -Digits) && Math.Abs(v) > 0);
        if (small || (tooLong && large)) cells = TrimZeros(values.Select(v => Scientific(v)).ToArray());
        return cells;
    }

    /// <summary>Python's <c>f"{v: .6f}"</c>: a space where a plus sign would go.</summary>
    private static string Fixed(double v)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsInfinity(v)) return v > 0 ? " inf" : "-inf";
        string s = v.ToString("F" + Digits, CultureInfo.InvariantCulture);
        return s.StartsWith('-') ? s : " " + s;
    }

    /// <summary>Python's <c>f"{v: .6e}"</c>: mantissa with 6 decimals, exponent with a sign and at least two digits.</summary>
    private static string Scientific(double v)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsInfinity(v)) return v > 0 ? " inf" : "-inf";
        string s = v.ToString("0.000000e+00", CultureInfo.InvariantCulture);
        return s.StartsWith('-') ? s : " " + s;
    }

    /// <summary>pandas' <c>_trim_zeros_float</c>: drop a trailing zero from every decimal number while all of them end in one, then put one back after a bare point.</summary>
    private static string[] TrimZeros(string[] cells)
    {
        var trimmed = (string[])cells.Clone();
        bool ShouldTrim()
        {
            var numbers = trimmed.Where(IsDecimalNumber).ToArray();
            return numbers.Length > 0 && numbers.All(x => x.EndsWith('0'));
        }
        while (ShouldTrim())
            for (int i = 0; i < trimmed.Length; i++)
                if (IsDecimalNumber(trimmed[i])) trimmed[i] = trimmed[i][..^1];
        for (int i = 0; i < trimmed.Length; i++)
            if (IsDecimalNumber(trimmed[i]) && trimmed[i].EndsWith('.')) trimmed[i] += "0";
        return trimmed;
    }

    private static bool IsDecimalNumber(string x) => DecimalNumber().IsMatch(x);

    [GeneratedRegex(@"^\s*[\+-]?[0-9]+\.[0-9]*$")]
    private static partial Regex DecimalNumber();
}
