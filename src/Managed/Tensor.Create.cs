using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Axle;

public sealed partial class Tensor
{
    /// <summary>A tensor of <paramref name="data"/> (row-major); the dtype comes from <typeparamref name="T"/>.</summary>
    /// <param name="data">The elements; copied.</param>
    /// <param name="shape">The shape; when omitted, a vector of <c>data.Length</c> elements.</param>
    /// <exception cref="ArgumentException">The shape does not hold <c>data.Length</c> elements.</exception>
    public static Tensor From<T>(T[] data, params int[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        var s = shape.Length == 0 ? new Shape(data.Length) : new Shape(shape);
        if (s.ElementCount != data.Length)
            throw new ArgumentException($"shape {s} holds {s.ElementCount} elements but {data.Length} were given", nameof(shape));
        return FromSpan<T>(data, s);
    }

    /// <summary>A matrix from a C# 2-D array.</summary>
    public static Tensor From<T>(T[,] data) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        return FromSpan(Flatten<T>(data), new Shape(data.GetLength(0), data.GetLength(1)));
    }

    /// <summary>A rank-3 tensor from a C# 3-D array.</summary>
    public static Tensor From<T>(T[,,] data) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        return FromSpan(Flatten<T>(data), new Shape(data.GetLength(0), data.GetLength(1), data.GetLength(2)));
    }

    /// <summary>A strongly typed scalar (unlike the implicit conversions, which make weak scalars).</summary>
    public static Tensor From<T>(T value) where T : unmanaged =>
        FromSpan(new ReadOnlySpan<T>(in value), Shape.Scalar);

    /// <summary>A weakly typed <see cref="DType.F32"/> scalar; it keeps the full double for promotion to F64.</summary>
    public static implicit operator Tensor(double value) =>
        new(new Aval(DType.F32, Shape.Scalar, Weak: true), HostData.FromDouble(DType.F32, value), value);

    /// <summary>A weakly typed <see cref="DType.F32"/> scalar.</summary>
    public static implicit operator Tensor(float value) =>
        new(new Aval(DType.F32, Shape.Scalar, Weak: true), HostData.FromDouble(DType.F32, value), value);

    /// <summary>A weakly typed <see cref="DType.I32"/> scalar.</summary>
    public static implicit operator Tensor(int value) =>
        new(new Aval(DType.I32, Shape.Scalar, Weak: true), HostData.FromLong(DType.I32, value));

    /// <summary>A weakly typed <see cref="DType.I64"/> scalar.</summary>
    public static implicit operator Tensor(long value) =>
        new(new Aval(DType.I64, Shape.Scalar, Weak: true), HostData.FromLong(DType.I64, value));

    /// <summary>A <see cref="DType.Bool"/> scalar (booleans are never weak, as in JAX).</summary>
    public static implicit operator Tensor(bool value) =>
        new(new Aval(DType.Bool, Shape.Scalar), [value ? (byte)1 : (byte)0]);

    internal static Tensor FromBytes(byte[] bytes, DType dtype, Shape shape) => new(new Aval(dtype, shape), bytes);

    private static Tensor FromSpan<T>(ReadOnlySpan<T> data, Shape shape) where T : unmanaged
    {
        DType dtype = DTypes.Of<T>();
        byte[] bytes = MemoryMarshal.AsBytes(data).ToArray();
        if (dtype == DType.Bool)
            for (int i = 0; i < bytes.Length; i++) bytes[i] = bytes[i] != 0 ? (byte)1 : (byte)0;
        return new Tensor(new Aval(dtype, shape), bytes);
    }

    private static ReadOnlySpan<T> Flatten<T>(Array data) where T : unmanaged =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(data)), data.Length);
}
