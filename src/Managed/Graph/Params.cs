using System.Collections;
using System.Globalization;
using System.Text;

namespace Axle;

/// <summary>
/// A primitive's static parameters: an immutable, ordered name→value map with structural
/// equality, part of every cache key. Values are int, long, double, bool, string, int[],
/// long[], <see cref="DType"/> and other enums, <see cref="Shape"/>, or (for primitives that
/// carry sub-programs) objects compared by reference.
/// </summary>
internal sealed class Params : IEquatable<Params>, IEnumerable<KeyValuePair<string, object>>
{
    public static readonly Params Empty = new([]);

    private readonly KeyValuePair<string, object>[] _items;
    private string? _text;

    private Params(KeyValuePair<string, object>[] items) => _items = items;

    /// <summary>A copy with <paramref name="name"/> set (replaced in place if present, else appended).</summary>
    public Params With(string name, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is int[] ia) value = ia.Clone();
        else if (value is long[] la) value = la.Clone();
        var items = _items.ToList();
        int at = items.FindIndex(kv => kv.Key == name);
        if (at >= 0) items[at] = new(name, value);
        else items.Add(new(name, value));
        return new Params([.. items]);
    }

    /// <summary>Builds params from (name, value) pairs in order.</summary>
    public static Params Of(params (string Name, object Value)[] items)
    {
        var p = Empty;
        foreach (var (n, v) in items) p = p.With(n, v);
        return p;
    }

    public bool Contains(string name) => _items.Any(kv => kv.Key == name);

    public T Get<T>(string name)
    {
        foreach (var kv in _items)
            if (kv.Key == name) return (T)kv.Value;
        throw new KeyNotFoundException($"parameter '{name}' is missing");
    }

    public T GetOr<T>(string name, T fallback)
    {
        foreach (var kv in _items)
            if (kv.Key == name) return (T)kv.Value;
        return fallback;
    }

    public int Count => _items.Length;

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(Params? other)
    {
        if (other is null || other._items.Length != _items.Length) return false;
        for (int i = 0; i < _items.Length; i++)
            if (_items[i].Key != other._items[i].Key || !ValueEquals(_items[i].Value, other._items[i].Value)) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as Params);

    public override int GetHashCode() => string.GetHashCode(ToString(), StringComparison.Ordinal);

    /// <summary>Canonical text, <c>axes=[0, 1], dtype=f32</c>.</summary>
    public override string ToString() => _text ??= string.Join(", ", _items.Select(kv => $"{kv.Key}={Format(kv.Value)}"));

    private static bool ValueEquals(object a, object b) => (a, b) switch
    {
        (int[] x, int[] y) => x.AsSpan().SequenceEqual(y),
        (long[] x, long[] y) => x.AsSpan().SequenceEqual(y),
        // Bit equality, so NaN equals NaN and -0.0 differs from 0.0 (they lower to different literals).
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
        _ when a.GetType().IsValueType || a is string || a is Shape => a.Equals(b),
        _ => ReferenceEquals(a, b),
    };

    internal static string Format(object value) => value switch
    {
        int[] a => $"[{string.Join(", ", a)}]",
        long[] a => $"[{string.Join(", ", a)}]",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DType t => t.ShortName(),
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        Shape or Enum => value.ToString()!,
        _ => $"<{value.GetType().Name}#{System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(value)}>",
    };
}
