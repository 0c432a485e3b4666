namespace Axle;

/// <summary>
/// One dimension of a <see cref="Shape"/>: a known size, or a symbolic size (a named unknown of a
/// symbolic graph, fixed only when a compiled function is called). Converts implicitly to and
/// from <see cref="int"/>; converting a symbolic dimension to <see cref="int"/> throws.
/// </summary>
public readonly struct Dim : IEquatable<Dim>
{
    private readonly int _size;

    /// <summary>A known dimension of <paramref name="size"/> elements.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative.</exception>
    public Dim(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        _size = size;
        Symbol = null;
    }

    private Dim(string symbol)
    {
        _size = -1;
        Symbol = symbol;
    }

    /// <summary>A symbolic dimension named <paramref name="name"/> (two symbolic dims are equal when their names are).</summary>
    public static Dim Symbolic(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new Dim(name);
    }

    /// <summary>The symbol's name, or null for a known dimension.</summary>
    public string? Symbol { get; }

    /// <summary>True when the size is known.</summary>
    public bool IsKnown => Symbol is null;

    /// <summary>The size.</summary>
    /// <exception cref="InvalidOperationException">The dimension is symbolic.</exception>
    public int Value => Symbol is null
        ? _size
        : throw new InvalidOperationException(
            $"the dimension '{Symbol}' is symbolic: its size is known only when the compiled function is called");

    /// <summary>A known dimension.</summary>
    public static implicit operator Dim(int size) => new(size);

    /// <summary>The size of a known dimension.</summary>
    /// <exception cref="InvalidOperationException">The dimension is symbolic.</exception>
    public static implicit operator int(Dim dim) => dim.Value;

    /// <inheritdoc/>
    public bool Equals(Dim other) => Symbol is null ? other.Symbol is null && _size == other._size : Symbol == other.Symbol;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Dim d && Equals(d);

    /// <inheritdoc/>
    public override int GetHashCode() => Symbol is null ? _size : Symbol.GetHashCode(StringComparison.Ordinal);

    /// <summary>Structural equality.</summary>
    public static bool operator ==(Dim a, Dim b) => a.Equals(b);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(Dim a, Dim b) => !a.Equals(b);

    /// <summary>The size, or the symbol's name.</summary>
    public override string ToString() => Symbol ?? _size.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
