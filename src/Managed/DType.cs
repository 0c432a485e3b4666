using Axle.Lowering;
using Axle.Runtime;

namespace Axle;

/// <summary>Element types of Axle tensors.</summary>
public enum DType
{
    /// <summary>Boolean.</summary>
    Bool,
    /// <summary>Signed 8-bit integer.</summary>
    I8,
    /// <summary>Signed 16-bit integer.</summary>
    I16,
    /// <summary>Signed 32-bit integer (the default integer type).</summary>
    I32,
    /// <summary>Signed 64-bit integer.</summary>
    I64,
    /// <summary>Unsigned 8-bit integer.</summary>
    U8,
    /// <summary>Unsigned 16-bit integer.</summary>
    U16,
    /// <summary>Unsigned 32-bit integer.</summary>
    U32,
    /// <summary>Unsigned 64-bit integer.</summary>
    U64,
    /// <summary>IEEE half precision.</summary>
    F16,
    /// <summary>bfloat16.</summary>
    BF16,
    /// <summary>IEEE single precision (the default float type).</summary>
    F32,
    /// <summary>IEEE double precision.</summary>
    F64,
}

/// <summary>Facts about <see cref="DType"/>s: sizes, kinds and their counterparts in C#, StableHLO and PJRT.</summary>
public static class DTypes
{
    /// <summary>The default floating-point type (C# <c>double</c> literals become weakly typed scalars of it).</summary>
    public const DType DefaultFloat = DType.F32;

    /// <summary>The default integer type.</summary>
    public const DType DefaultInt = DType.I32;

    /// <summary>Bytes per element (a <see cref="DType.Bool"/> takes one byte).</summary>
    public static int ByteSize(this DType type) => type switch
    {
        DType.Bool or DType.I8 or DType.U8 => 1,
        DType.I16 or DType.U16 or DType.F16 or DType.BF16 => 2,
        DType.I32 or DType.U32 or DType.F32 => 4,
        DType.I64 or DType.U64 or DType.F64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown dtype"),
    };

    /// <summary>True for floating-point types.</summary>
    public static bool IsFloat(this DType type) => type is DType.F16 or DType.BF16 or DType.F32 or DType.F64;

    /// <summary>True for signed and unsigned integer types (not <see cref="DType.Bool"/>).</summary>
    public static bool IsInteger(this DType type) => type is >= DType.I8 and <= DType.U64;

    /// <summary>True for unsigned integer types.</summary>
    public static bool IsUnsigned(this DType type) => type is >= DType.U8 and <= DType.U64;

    /// <summary>True for signed integer types.</summary>
    public static bool IsSignedInteger(this DType type) => type is >= DType.I8 and <= DType.I64;

    /// <summary>The short lower-case name used in printed graphs and messages: <c>f32</c>, <c>i64</c>, <c>bool</c>.</summary>
    public static string ShortName(this DType type) => type == DType.Bool ? "bool" : type.ToString().ToLowerInvariant();

    /// <summary>The dtype of a C# element type (<c>float</c> → F32, <c>uint</c> → U32, <c>Half</c> → F16).</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> has no dtype.</exception>
    public static DType Of<T>() where T : unmanaged => Of(typeof(T));

    /// <summary>The dtype of a C# element type.</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> has no dtype.</exception>
    public static DType Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type == typeof(float)) return DType.F32;
        if (type == typeof(double)) return DType.F64;
        if (type == typeof(int)) return DType.I32;
        if (type == typeof(long)) return DType.I64;
        if (type == typeof(uint)) return DType.U32;
        if (type == typeof(ulong)) return DType.U64;
        if (type == typeof(short)) return DType.I16;
        if (type == typeof(ushort)) return DType.U16;
        if (type == typeof(sbyte)) return DType.I8;
        if (type == typeof(byte)) return DType.U8;
        if (type == typeof(bool)) return DType.Bool;
        if (type == typeof(Half)) return DType.F16;
        throw new ArgumentException(
            $"{type} has no Axle dtype; use float, double, int, long, uint, ulong, short, ushort, sbyte, byte, bool or Half", nameof(type));
    }

    /// <summary>The StableHLO element type of <paramref name="type"/>.</summary>
    public static ElementType ToElementType(this DType type) => type switch
    {
        DType.Bool => ElementType.Pred,
        DType.I8 => ElementType.I8,
        DType.I16 => ElementType.I16,
        DType.I32 => ElementType.I32,
        DType.I64 => ElementType.I64,
        DType.U8 => ElementType.U8,
        DType.U16 => ElementType.U16,
        DType.U32 => ElementType.U32,
        DType.U64 => ElementType.U64,
        DType.F16 => ElementType.F16,
        DType.BF16 => ElementType.BF16,
        DType.F32 => ElementType.F32,
        DType.F64 => ElementType.F64,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown dtype"),
    };

    /// <summary>The PJRT buffer type of <paramref name="type"/>.</summary>
    public static PjrtElementType ToPjrt(this DType type) => type switch
    {
        DType.Bool => PjrtElementType.Pred,
        DType.I8 => PjrtElementType.S8,
        DType.I16 => PjrtElementType.S16,
        DType.I32 => PjrtElementType.S32,
        DType.I64 => PjrtElementType.S64,
        DType.U8 => PjrtElementType.U8,
        DType.U16 => PjrtElementType.U16,
        DType.U32 => PjrtElementType.U32,
        DType.U64 => PjrtElementType.U64,
        DType.F16 => PjrtElementType.F16,
        DType.BF16 => PjrtElementType.BF16,
        DType.F32 => PjrtElementType.F32,
        DType.F64 => PjrtElementType.F64,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown dtype"),
    };

    /// <summary>The dtype whose StableHLO element type is <paramref name="element"/>, if Axle has one.</summary>
    public static bool TryFromElementType(ElementType element, out DType type)
    {
        foreach (DType d in Enum.GetValues<DType>())
            if (d.ToElementType() == element) { type = d; return true; }
        type = default;
        return false;
    }

    /// <summary>The dtype whose PJRT buffer type is <paramref name="element"/>, if Axle has one.</summary>
    public static bool TryFromPjrt(PjrtElementType element, out DType type)
    {
        foreach (DType d in Enum.GetValues<DType>())
            if (d.ToPjrt() == element) { type = d; return true; }
        type = default;
        return false;
    }
}
