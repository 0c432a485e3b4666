namespace Axle.IO;

/// <summary>
/// A dense array as <c>.npy</c> stores it: a dtype, a shape, and the row-major (C order)
/// little-endian bytes — one byte per element for <see cref="DType.Bool"/>, raw bit patterns for
/// <see cref="DType.BF16"/> and <see cref="DType.F16"/>.
/// </summary>
public sealed class NpyArray
{
    /// <summary>Wraps <paramref name="data"/> (not copied).</summary>
    /// <exception cref="ArgumentException">A dimension is negative or the byte count does not fit the dtype and shape.</exception>
    public NpyArray(DType dtype, long[] shape, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        long count = 1;
        foreach (long d in shape)
        {
            if (d < 0) throw new ArgumentException($"dimensions must be non-negative; got ({string.Join(", ", shape)})", nameof(shape));
            count = checked(count * d);
        }
        if (data.LongLength != count * dtype.ByteSize())
            throw new ArgumentException(
                $"{dtype.ShortName()}[{string.Join(",", shape)}] needs {count * dtype.ByteSize()} bytes; got {data.LongLength}", nameof(data));
        DType = dtype;
        Shape = shape;
        Data = data;
    }

    /// <summary>The element type.</summary>
    public DType DType { get; }

    /// <summary>The dimensions, outermost first (empty for a scalar).</summary>
    public long[] Shape { get; }

    /// <summary>The elements' bytes, row-major, little-endian.</summary>
    public byte[] Data { get; }

    /// <summary>The number of elements.</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, d) => a * d);

    /// <summary>The values of a concrete tensor (downloaded from the device if needed).</summary>
    /// <exception cref="InvalidOperationException">The tensor is traced or its shape is symbolic.</exception>
    public static NpyArray FromTensor(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!tensor.Shape.IsKnown)
            throw new InvalidOperationException($"a tensor with symbolic shape {tensor.Shape} has no values to write");
        return new NpyArray(tensor.DType, [.. tensor.Shape.ToArray().Select(d => (long)d)], (byte[])tensor.HostBytes().Clone());
    }

    /// <summary>A concrete tensor holding these values (on the host until a program needs them).</summary>
    /// <exception cref="ArgumentException">A dimension is larger than <see cref="int.MaxValue"/>.</exception>
    public Tensor ToTensor()
    {
        var dims = new int[Shape.Length];
        for (int i = 0; i < dims.Length; i++)
            dims[i] = Shape[i] <= int.MaxValue ? (int)Shape[i]
                : throw new ArgumentException($"dimension {i} is {Shape[i]}; Axle tensors take at most {int.MaxValue}", nameof(Shape));
        return Tensor.FromBytes((byte[])Data.Clone(), DType, new Shape(dims));
    }

    /// <inheritdoc/>
    public override string ToString() => $"{DType.ShortName()}[{string.Join(",", Shape)}]";
}
