using System.Globalization;
using System.Text.Json;

namespace Axle.Examples.PosteriorDb;

/// <summary>A posterior's data in Stan's JSON data format (posteriordb's <c>data.json</c>): scalars, arrays, matrices as nested arrays.</summary>
public sealed class StanData
{
    private readonly JsonElement _root;
    private readonly string _source;

    /// <summary>Parses <paramref name="json"/>; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    /// <exception cref="ArgumentException">The root is not a JSON object.</exception>
    public StanData(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        _root = JsonDocument.Parse(json).RootElement;
        _source = source;
        if (_root.ValueKind != JsonValueKind.Object)
            throw new ArgumentException($"StanData: {source} must hold a JSON object; got {_root.ValueKind}", nameof(json));
    }

    /// <summary>A scalar entry (Stan's <c>int</c> or <c>real</c>).</summary>
    /// <exception cref="KeyNotFoundException">No such entry (the message lists those there are).</exception>
    /// <exception cref="FormatException">The entry is not a number.</exception>
    public double Real(string key)
    {
        var e = Get(key);
        return e.ValueKind == JsonValueKind.Number ? e.GetDouble()
            : throw new FormatException($"StanData: '{key}' in {_source} is not a number; got {e.ValueKind}");
    }

    /// <summary>An integer scalar entry (Stan's <c>int</c>: N, K, T).</summary>
    /// <exception cref="KeyNotFoundException">No such entry.</exception>
    /// <exception cref="FormatException">The entry is not an integer.</exception>
    public int Int(string key)
    {
        double v = Real(key);
        return v == Math.Floor(v) && Math.Abs(v) <= int.MaxValue ? (int)v
            : throw new FormatException($"StanData: '{key}' in {_source} must be an integer; got {v.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>An array, vector or matrix entry flattened row-major (a matrix <c>X[N, D]</c> is N rows of D), with its shape.</summary>
    /// <exception cref="KeyNotFoundException">No such entry.</exception>
    /// <exception cref="FormatException">The entry is not a rectangular array of numbers.</exception>
    public (double[] Values, int[] Shape) Array(string key)
    {
        var e = Get(key);
        var shape = new List<int>();
        for (var x = e; x.ValueKind == JsonValueKind.Array; x = x.GetArrayLength() > 0 ? x[0] : default) shape.Add(x.GetArrayLength());
        var values = new List<double>();
        void Walk(JsonElement x, int depth)
        {
            if (depth == shape.Count)
            {
                if (x.ValueKind != JsonValueKind.Number) throw new FormatException($"StanData: '{key}' in {_source} holds a {x.ValueKind}, not a number");
                values.Add(x.GetDouble());
                return;
            }
            if (x.ValueKind != JsonValueKind.Array || x.GetArrayLength() != shape[depth])
                throw new FormatException($"StanData: '{key}' in {_source} is not rectangular (axis {depth} should have {shape[depth]} entries)");
            foreach (var y in x.EnumerateArray()) Walk(y, depth + 1);
        }
        Walk(e, 0);
        return ([.. values], [.. shape]);
    }

    /// <summary>A one-dimensional entry (Stan's <c>vector[N]</c> or <c>array[N] real</c>).</summary>
    /// <exception cref="KeyNotFoundException">No such entry.</exception>
    /// <exception cref="FormatException">The entry is not a one-dimensional array of numbers.</exception>
    public double[] Vector(string key)
    {
        var (values, shape) = Array(key);
        return shape.Length == 1 ? values
            : throw new FormatException($"StanData: '{key}' in {_source} must be one-dimensional; got shape ({string.Join(", ", shape)})");
    }

    /// <summary>A one-dimensional entry as an F64 tensor.</summary>
    /// <exception cref="KeyNotFoundException">No such entry.</exception>
    /// <exception cref="FormatException">The entry is not a one-dimensional array of numbers.</exception>
    public Tensor VectorTensor(string key)
    {
        double[] v = Vector(key);
        return Tensor.From(v, v.Length);
    }

    /// <summary>A two-dimensional entry (Stan's <c>matrix[N, D]</c>) as an F64 tensor (N, D).</summary>
    /// <exception cref="KeyNotFoundException">No such entry.</exception>
    /// <exception cref="FormatException">The entry is not a two-dimensional array of numbers.</exception>
    public Tensor MatrixTensor(string key)
    {
        var (values, shape) = Array(key);
        return shape.Length == 2 ? Tensor.From(values, shape[0], shape[1])
            : throw new FormatException($"StanData: '{key}' in {_source} must be two-dimensional; got shape ({string.Join(", ", shape)})");
    }

    private JsonElement Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _root.TryGetProperty(key, out var e) ? e
            : throw new KeyNotFoundException($"StanData: no entry '{key}' in {_source}; there are {string.Join(", ", _root.EnumerateObject().Select(p => p.Name))}");
    }
}
