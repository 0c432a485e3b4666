using System.Globalization;

namespace Axle;

/// <summary>
/// A size-list parameter (a target shape, new sizes) that is either concrete or, in the nodes of
/// a symbolic graph, names symbolic dimensions (<see cref="SymbolicSizes"/>). Rules read
/// <see cref="Concrete"/>: they only run once <c>SymbolicSizes.Resolve</c> has made it concrete.
/// </summary>
internal readonly struct Sizes : IEquatable<Sizes>, IFormattable
{
    private readonly Ints _concrete;
    private readonly SymbolicSizes? _symbolic;

    private Sizes(Ints concrete, SymbolicSizes? symbolic) => (_concrete, _symbolic) = (concrete, symbolic);

    /// <summary>The sizes for <paramref name="shape"/>: concrete when every dimension is known.</summary>
    public static Sizes Of(Shape shape) => shape.IsKnown ? shape.ToArray() : new Sizes(default, new SymbolicSizes(shape));

    /// <summary>Wraps concrete sizes.</summary>
    public static implicit operator Sizes(int[] sizes) => new(sizes, null);

    /// <summary>Wraps symbolic sizes.</summary>
    public static implicit operator Sizes(SymbolicSizes sizes) => new(default, sizes);

    /// <summary>The sizes; throws when some are still symbolic.</summary>
    public Ints Concrete => _symbolic is null ? _concrete
        : throw new InvalidOperationException($"sizes {_symbolic} are symbolic");

    /// <summary>The value <see cref="Params.Items"/> shows: <c>int[]</c> or <see cref="SymbolicSizes"/>.</summary>
    public object Value => _symbolic ?? (object)_concrete.ToArray();

    /// <inheritdoc/>
    public bool Equals(Sizes other) => _concrete.Equals(other._concrete) && Equals(_symbolic, other._symbolic);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Sizes other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_concrete, _symbolic);

    /// <summary>Structural equality.</summary>
    public static bool operator ==(Sizes a, Sizes b) => a.Equals(b);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(Sizes a, Sizes b) => !a.Equals(b);

    /// <summary>Canonical text, <c>[2, n]</c>.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        _symbolic?.ToString(format, formatProvider) ?? _concrete.ToString(format, formatProvider);

    /// <inheritdoc/>
    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);
}
