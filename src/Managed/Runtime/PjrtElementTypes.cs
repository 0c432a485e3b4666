namespace Axle.Runtime;

/// <summary>Facts about element types: the .NET type each maps to, byte sizes, MLIR names.</summary>
internal static class PjrtElementTypes
{
    /// <summary>The element type a host array of <typeparamref name="T"/> carries.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> has no PJRT element type.</exception>
    internal static PjrtElementType Of<T>()
        where T : unmanaged
    {
        Type type = typeof(T);
        if (type == typeof(float)) return PjrtElementType.F32;
        if (type == typeof(double)) return PjrtElementType.F64;
        if (type == typeof(int)) return PjrtElementType.S32;
        if (type == typeof(uint)) return PjrtElementType.U32;
        if (type == typeof(long)) return PjrtElementType.S64;
        if (type == typeof(ulong)) return PjrtElementType.U64;
        if (type == typeof(short)) return PjrtElementType.S16;
        if (type == typeof(ushort)) return PjrtElementType.U16;
        if (type == typeof(sbyte)) return PjrtElementType.S8;
        if (type == typeof(byte)) return PjrtElementType.U8;
        if (type == typeof(bool)) return PjrtElementType.Pred;
        if (type == typeof(Half)) return PjrtElementType.F16;
        throw new ArgumentException(
            $"{type} has no PJRT element type; use float, double, int, uint, long, ulong, short, ushort, sbyte, byte, bool or Half "
                + "(bfloat16 goes through the raw-bytes overload).",
            nameof(T));
    }

    /// <summary>Bytes per element of a dense host array, or 0 for types Axle cannot move.</summary>
    internal static int ByteSize(PjrtElementType type) => type switch
    {
        PjrtElementType.Pred or PjrtElementType.S8 or PjrtElementType.U8 => 1,
        PjrtElementType.S16 or PjrtElementType.U16 or PjrtElementType.F16 or PjrtElementType.BF16 => 2,
        PjrtElementType.S32 or PjrtElementType.U32 or PjrtElementType.F32 => 4,
        PjrtElementType.S64 or PjrtElementType.U64 or PjrtElementType.F64 or PjrtElementType.C64 => 8,
        PjrtElementType.C128 => 16,
        _ => 0,
    };

    /// <summary>Maps an MLIR element type name (<c>f32</c>, <c>i1</c>, <c>ui32</c>, ...) to a PJRT type.</summary>
    internal static PjrtElementType? FromMlir(string name) => name switch
    {
        "i1" => PjrtElementType.Pred,
        "i8" or "si8" => PjrtElementType.S8,
        "i16" or "si16" => PjrtElementType.S16,
        "i32" or "si32" => PjrtElementType.S32,
        "i64" or "si64" => PjrtElementType.S64,
        "ui8" => PjrtElementType.U8,
        "ui16" => PjrtElementType.U16,
        "ui32" => PjrtElementType.U32,
        "ui64" => PjrtElementType.U64,
        "f16" => PjrtElementType.F16,
        "bf16" => PjrtElementType.BF16,
        "f32" => PjrtElementType.F32,
        "f64" => PjrtElementType.F64,
        "complex<f32>" => PjrtElementType.C64,
        "complex<f64>" => PjrtElementType.C128,
        _ => null,
    };

    /// <summary>Product of <paramref name="dimensions"/>, validating each is non-negative.</summary>
    /// <exception cref="ArgumentException">A dimension is negative or the count overflows.</exception>
    internal static long ElementCount(ReadOnlySpan<long> dimensions, string paramName)
    {
        long count = 1;
        for (int i = 0; i < dimensions.Length; i++)
        {
            if (dimensions[i] < 0)
            {
                throw new ArgumentException($"Dimension {i} is {dimensions[i]}; dimensions must be non-negative.", paramName);
            }

            try
            {
                count = checked(count * dimensions[i]);
            }
            catch (OverflowException)
            {
                throw new ArgumentException("The element count overflows a 64-bit integer.", paramName);
            }
        }

        return count;
    }

    /// <summary>Formats a shape like MLIR does: <c>f32[2,3]</c>.</summary>
    internal static string Describe(PjrtElementType type, ReadOnlySpan<long> dimensions) =>
        $"{type}[{string.Join(",", dimensions.ToArray())}]";
}
