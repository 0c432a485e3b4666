using System.Globalization;

namespace Axle.IO;

/// <summary>Reads the Python dict literal of a <c>.npy</c> header: <c>descr</c>, <c>fortran_order</c>, <c>shape</c>.</summary>
internal static class NpyHeader
{
    internal static (string Descr, bool Fortran, long[] Shape) Parse(string header, string name)
    {
        string h = header.Trim();
        if (!h.StartsWith('{') || !h.EndsWith('}'))
            throw new InvalidDataException($"{name}: the header is not a Python dict: {h}");
        string descr = Value(h, "descr", name);
        if (descr.Length < 2 || descr[0] != '\'' && descr[0] != '"' || descr[^1] != descr[0])
            throw new NotSupportedException($"{name}: dtype {descr} is not supported (structured dtypes are not)");
        string fortran = Value(h, "fortran_order", name);
        if (fortran is not ("True" or "False"))
            throw new InvalidDataException($"{name}: fortran_order must be True or False; got {fortran}");
        string shapeText = Value(h, "shape", name);
        if (!shapeText.StartsWith('(') || !shapeText.EndsWith(')'))
            throw new InvalidDataException($"{name}: shape must be a tuple; got {shapeText}");
        var dims = new List<long>();
        foreach (string part in shapeText[1..^1].Split(','))
        {
            string p = part.Trim().TrimEnd('L');
            if (p.Length == 0) continue;
            if (!long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out long d))
                throw new InvalidDataException($"{name}: shape {shapeText} has a dimension that is not a non-negative integer");
            dims.Add(d);
        }
        return (descr[1..^1], fortran == "True", [.. dims]);
    }

    // The text of one value: a quoted string, a tuple, or a word, after 'key':.
    private static string Value(string dict, string key, string name)
    {
        int at = dict.IndexOf($"'{key}'", StringComparison.Ordinal);
        if (at < 0) at = dict.IndexOf($"\"{key}\"", StringComparison.Ordinal);
        if (at < 0) throw new InvalidDataException($"{name}: the header has no '{key}': {dict}");
        int colon = dict.IndexOf(':', at + key.Length + 2);
        if (colon < 0) throw new InvalidDataException($"{name}: the header has no value for '{key}'");
        int i = colon + 1;
        while (i < dict.Length && char.IsWhiteSpace(dict[i])) i++;
        if (i >= dict.Length) throw new InvalidDataException($"{name}: the header has no value for '{key}'");
        int end;
        if (dict[i] is '\'' or '"') end = dict.IndexOf(dict[i], i + 1) + 1;
        else if (dict[i] == '(') end = dict.IndexOf(')', i) + 1;
        else
        {
            end = i;
            while (end < dict.Length && dict[end] is not (',' or '}')) end++;
        }
        if (end <= i) throw new InvalidDataException($"{name}: the value of '{key}' is not closed");
        return dict[i..end].Trim();
    }
}
