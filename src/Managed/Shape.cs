using System.Collections;

namespace Axle;

/// <summary>
/// The immutable shape of a tensor: its dimensions, outermost first. Prints like numpy,
/// <c>(3, 2)</c>, <c>(3,)</c>, and <c>()</c> for a scalar; compares structurally.
/// </summary>
public sealed class Shape : IReadOnlyList<Dim>, IEquatable<Shape>
{
    private readonly Dim[] _dims;

    /// <summary>The shape of a scalar.</summary>
    public static Shape Scalar { get; } = new(Array.Empty<Dim>());

    /// <summary>A shape of known dimensions.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    public Shape(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        _dims = new Dim[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] < 0)
                throw new ArgumentOutOfRangeException(nameof(dims), $"dimension {i} is {dims[i]} in ({string.Join(", ", dims)}); dimensions must be non-negative");
            _dims[i] = dims[i];
        }
    }

    /// <summary>A shape of known or symbolic dimensions.</summary>
    public Shape(IEnumerable<Dim> dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        _dims = [.. dims];
    }

    /// <summary>The number of dimensions.</summary>
    public int Rank => _dims.Length;

    /// <summary>The number of dimensions (the list view of <see cref="Rank"/>).</summary>
    public int Count => _dims.Length;

    /// <summary>The number of elements (1 for a scalar), numpy's <c>size</c>.</summary>
    /// <exception cref="InvalidOperationException">A dimension is symbolic.</exception>
    public int ElementCount
    {
        get
        {
            int n = 1;
            foreach (Dim d in _dims) n = checked(n * d.Value);
            return n;
        }
    }

    /// <summary>True when every dimension is known.</summary>
    public bool IsKnown => _dims.All(d => d.IsKnown);

    /// <summary>The dimension at <paramref name="axis"/>.</summary>
    public Dim this[int axis] => _dims[axis];

    /// <summary>The dimension at <paramref name="axis"/>, which may count from the end (<c>^1</c>).</summary>
    public Dim this[Index axis] => _dims[axis];

    /// <summary>The known sizes.</summary>
    /// <exception cref="InvalidOperationException">A dimension is symbolic.</exception>
    public int[] ToArray() => _dims.Select(d => d.Value).ToArray();

    internal long[] ToLongs() => _dims.Select(d => (long)d.Value).ToArray();

    /// <inheritdoc/>
    public IEnumerator<Dim> GetEnumerator() => ((IEnumerable<Dim>)_dims).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _dims.GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(Shape? other) => other is not null && _dims.AsSpan().SequenceEqual(other._dims);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Shape);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (Dim d in _dims) hash.Add(d);
        return hash.ToHashCode();
    }

    /// <summary>Structural equality.</summary>
    public static bool operator ==(Shape? a, Shape? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(Shape? a, Shape? b) => !(a == b);

    /// <summary>A known shape.</summary>
    public static implicit operator Shape(int[] dims) => new(dims);

    /// <summary>Numpy's spelling: <c>(3, 2)</c>, <c>(3,)</c>, <c>()</c>.</summary>
    public override string ToString() =>
        Rank == 1 ? $"({_dims[0]},)" : $"({string.Join(", ", _dims)})";
}
