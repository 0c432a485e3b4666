using System.Collections.Immutable;

namespace Axle.Lowering;

/// <summary>A ranked tensor type with static dimensions, printed as <c>tensor&lt;2x3xf32&gt;</c>.</summary>
public sealed record TensorType
{
    /// <summary>Creates a tensor type; every dimension must be non-negative.</summary>
    public TensorType(ElementType element, params long[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        for (int i = 0; i < dims.Length; i++)
            if (dims[i] < 0)
                throw new ArgumentException(
                    $"dimension {i} must be non-negative; got {dims[i]} in ({string.Join(", ", dims)})", nameof(dims));
        Element = element;
        Dims = [.. dims];
    }

    /// <summary>The element type.</summary>
    public ElementType Element { get; }

    /// <summary>The dimensions, outermost first (row-major).</summary>
    public ImmutableArray<long> Dims { get; }

    /// <summary>The number of dimensions.</summary>
    public int Rank => Dims.Length;

    /// <summary>The number of elements (1 for rank 0).</summary>
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (long d in Dims) n = checked(n * d);
            return n;
        }
    }

    /// <inheritdoc/>
    public bool Equals(TensorType? other) =>
        other is not null && Element == other.Element && Dims.SequenceEqual(other.Dims);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Element);
        foreach (long d in Dims) hash.Add(d);
        return hash.ToHashCode();
    }

    /// <summary>The MLIR spelling, e.g. <c>tensor&lt;2x3xf32&gt;</c> or <c>tensor&lt;f32&gt;</c>.</summary>
    public override string ToString() =>
        Rank == 0 ? $"tensor<{Element.MlirName()}>" : $"tensor<{string.Join("x", Dims)}x{Element.MlirName()}>";
}
