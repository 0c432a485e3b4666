namespace Axle;

/// <summary>
/// String-keyed params for primitives that do not declare a typed record yet: an ordered
/// name→value map. Values are int, long, double, bool, string, int[], long[], <see cref="DType"/>
/// and other enums, <see cref="Shape"/>, or objects compared by reference (sub-programs).
/// </summary>
internal sealed record NamedParams : Params
{
    private readonly KeyValuePair<string, object>[] _items;

    internal NamedParams(KeyValuePair<string, object>[] items) => _items = items;

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, object>> Items => _items;

    /// <summary>Builds params from (name, value) pairs in order.</summary>
    public static new NamedParams Of(params (string Name, object Value)[] items)
    {
        var p = new NamedParams([]);
        foreach (var (n, v) in items) p = p.With(n, v);
        return p;
    }

    /// <summary>A copy with <paramref name="name"/> set (replaced in place if present, else appended).</summary>
    public override NamedParams With(string name, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is int[] ia) value = ia.Clone();
        else if (value is long[] la) value = la.Clone();
        var items = _items.ToList();
        int at = items.FindIndex(kv => kv.Key == name);
        if (at >= 0) items[at] = new(name, value);
        else items.Add(new(name, value));
        return new NamedParams([.. items]);
    }

    /// <inheritdoc/>
    public override Params Map(Func<string, object, object> map)
    {
        Params p = this;
        foreach (var kv in _items) p = p.With(kv.Key, map(kv.Key, kv.Value));
        return p;
    }

    /// <summary>Same names in the same order with equal values.</summary>
    public bool Equals(NamedParams? other)
    {
        if (other is null || other._items.Length != _items.Length) return false;
        for (int i = 0; i < _items.Length; i++)
            if (_items[i].Key != other._items[i].Key || !ValueEquals(_items[i].Value, other._items[i].Value)) return false;
        return true;
    }

    /// <inheritdoc/>
    public override int GetHashCode() => string.GetHashCode(ToString(), StringComparison.Ordinal);

    private static bool ValueEquals(object a, object b) => (a, b) switch
    {
        (int[] x, int[] y) => x.AsSpan().SequenceEqual(y),
        (long[] x, long[] y) => x.AsSpan().SequenceEqual(y),
        // Bit equality, so NaN equals NaN and -0.0 differs from 0.0 (they lower to different literals).
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
        _ when a.GetType().IsValueType || a is string || a is Shape => a.Equals(b),
        _ => ReferenceEquals(a, b),
    };
}
