using System.Text;
using System.Text.Json;

namespace Axle.Bench.Ppl.Stan;

/// <summary>
/// A Stan data set, written in Stan's JSON data format (what posteriordb's data.json files hold and what run.R reads
/// with jsonlite): one member per data variable, scalars as numbers, arrays and vectors as JSON arrays, a matrix as an
/// array of its rows. Doubles are written in their shortest round-trip form, so Stan sees exactly Axle's values.
/// </summary>
internal sealed class StanData
{
    private readonly List<(string Name, Action<Utf8JsonWriter> Write)> _entries = [];

    /// <summary>The variables' names, in the order added.</summary>
    public IEnumerable<string> Names => _entries.Select(e => e.Name);

    /// <summary>An <c>int</c>.</summary>
    public StanData Int(string name, int value) => Add(name, w => w.WriteNumberValue(value));

    /// <summary>A <c>real</c>.</summary>
    public StanData Real(string name, double value)
    {
        CheckFinite(name, [value]);
        return Add(name, w => w.WriteNumberValue(value));
    }

    /// <summary>An <c>int x[n]</c>.</summary>
    public StanData Ints(string name, int[] values)
    {
        int[] copy = [.. values];
        return Add(name, w => WriteArray(w, copy.Length, i => w.WriteNumberValue(copy[i])));
    }

    /// <summary>A <c>real x[n]</c> or <c>vector[n] x</c>.</summary>
    public StanData Reals(string name, double[] values)
    {
        CheckFinite(name, values);
        double[] copy = [.. values];
        return Add(name, w => WriteArray(w, copy.Length, i => w.WriteNumberValue(copy[i])));
    }

    /// <summary>A <c>matrix[rows, cols] x</c>, given as (rows, cols): written as an array of rows.</summary>
    public StanData Matrix(string name, double[,] values)
    {
        CheckFinite(name, values.Cast<double>());
        var copy = (double[,])values.Clone();
        int cols = copy.GetLength(1);
        return Add(name, w => WriteArray(w, copy.GetLength(0), r => WriteArray(w, cols, c => w.WriteNumberValue(copy[r, c]))));
    }

    /// <summary>The JSON text.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            foreach (var (name, write) in _entries)
            {
                w.WritePropertyName(name);
                write(w);
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/>.</summary>
    public void Write(string path) => File.WriteAllText(path, ToJson());

    private static void WriteArray(Utf8JsonWriter w, int n, Action<int> element)
    {
        w.WriteStartArray();
        for (int i = 0; i < n; i++) element(i);
        w.WriteEndArray();
    }

    private StanData Add(string name, Action<Utf8JsonWriter> write)
    {
        if (string.IsNullOrEmpty(name) || !char.IsAsciiLetter(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"StanData: a variable name must be a Stan identifier; got '{name}'", nameof(name));
        if (_entries.Any(e => e.Name == name))
            throw new ArgumentException($"StanData: '{name}' is already defined", nameof(name));
        _entries.Add((name, write));
        return this;
    }

    private static void CheckFinite(string name, IEnumerable<double> values)
    {
        foreach (double v in values)
            if (!double.IsFinite(v)) throw new ArgumentException($"StanData: '{name}' must be finite; got {v}", nameof(values));
    }
}
