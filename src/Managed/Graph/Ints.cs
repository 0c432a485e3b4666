using System.Collections;
using System.Globalization;

namespace Axle;

/// <summary>
/// An immutable list of ints with element-wise equality and hash, the type of every
/// array-valued parameter in a typed <see cref="Params"/> record (axes, permutations, sizes),
/// so the record's synthesized equality compares contents rather than array references.
/// </summary>
internal readonly struct Ints : IEquatable<Ints>, IReadOnlyList<int>, IFormattable
{
    private readonly int[]? _values;

    /// <summary>Copies <paramref name="values"/>, so later writes to the array cannot change a cache key.</summary>
    public Ints(ReadOnlySpan<int> values) => _values = values.ToArray();

    private int[] Values => _values ?? [];

    /// <summary>The number of elements.</summary>
    public int Length => Values.Length;

    int IReadOnlyCollection<int>.Count => Length;

    /// <summary>The element at <paramref name="index"/>.</summary>
    public int this[int index] => Values[index];

    /// <summary>The elements as a read-only span.</summary>
    public ReadOnlySpan<int> AsSpan() => Values;

    /// <summary>A fresh array of the elements.</summary>
    public int[] ToArray() => (int[])Values.Clone();

    /// <summary>Wraps a copy of <paramref name="values"/>.</summary>
    public static implicit operator Ints(int[] values) => new(values);

    /// <summary>Element-wise equality.</summary>
    public bool Equals(Ints other) => Values.AsSpan().SequenceEqual(other.Values);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Ints other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (int v in Values) hash.Add(v);
        return hash.ToHashCode();
    }

    /// <summary>Element-wise equality.</summary>
    public static bool operator ==(Ints a, Ints b) => a.Equals(b);

    /// <summary>Element-wise inequality.</summary>
    public static bool operator !=(Ints a, Ints b) => !a.Equals(b);

    /// <inheritdoc/>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)Values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Canonical text, <c>[0, 1]</c>.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) => $"[{string.Join(", ", Values)}]";

    /// <inheritdoc/>
    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);
}
