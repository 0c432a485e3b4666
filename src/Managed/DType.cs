using Axle.Lowering;
using Axle.Runtime;

namespace Axle;

/// <summary>Element types of Axle tensors.</summary>
/// <remarks>Each value is that of its <see cref="ElementType"/>, so the two convert by value and share one row of <see cref="ElementTypeTable"/>.</remarks>
public enum DType
{
    /// <summary>Boolean.</summary>
    Bool = (int)ElementType.Pred,
    /// <summary>Signed 8-bit integer.</summary>
    I8 = (int)ElementType.I8,
    /// <summary>Signed 16-bit integer.</summary>
    I16 = (int)ElementType.I16,
    /// <summary>Signed 32-bit integer (the default integer type).</summary>
    I32 = (int)ElementType.I32,
    /// <summary>Signed 64-bit integer.</summary>
    I64 = (int)ElementType.I64,
    /// <summary>Unsigned 8-bit integer.</summary>
    U8 = (int)ElementType.U8,
    /// <summary>Unsigned 16-bit integer.</summary>
    U16 = (int)ElementType.U16,
    /// <summary>Unsigned 32-bit integer.</summary>
    U32 = (int)ElementType.U32,
    /// <summary>Unsigned 64-bit integer.</summary>
    U64 = (int)ElementType.U64,
    /// <summary>IEEE half precision.</summary>
    F16 = (int)ElementType.F16,
    /// <summary>bfloat16.</summary>
    BF16 = (int)ElementType.BF16,
    /// <summary>IEEE single precision (the default float type).</summary>
    F32 = (int)ElementType.F32,
    /// <summary>IEEE double precision.</summary>
    F64 = (int)ElementType.F64,
}

/// <summary>Facts about <see cref="DType"/>s: sizes, kinds and their counterparts in C#, StableHLO and PJRT.</summary>
public static class DTypes
{
    /// <summary>The default floating-point type (C# <c>double</c> literals become weakly typed scalars of it).</summary>
    public const DType DefaultFloat = DType.F32;

    /// <summary>The default integer type.</summary>
    public const DType DefaultInt = DType.I32;

    /// <summary>Bytes per element (a <see cref="DType.Bool"/> takes one byte).</summary>
    public static int ByteSize(this DType type) => Row(type).ByteSize;

    /// <summary>True for floating-point types.</summary>
    public static bool IsFloat(this DType type) => Kind(type) == ElementKind.Float;

    /// <summary>True for signed and unsigned integer types (not <see cref="DType.Bool"/>).</summary>
    public static bool IsInteger(this DType type) => Kind(type) is ElementKind.SignedInteger or ElementKind.UnsignedInteger;

    /// <summary>True for unsigned integer types.</summary>
    public static bool IsUnsigned(this DType type) => Kind(type) == ElementKind.UnsignedInteger;

    /// <summary>True for signed integer types.</summary>
    public static bool IsSignedInteger(this DType type) => Kind(type) == ElementKind.SignedInteger;

    /// <summary>The short lower-case name used in printed graphs and messages: <c>f32</c>, <c>i64</c>, <c>bool</c>.</summary>
    public static string ShortName(this DType type) => Row(type).ShortName;

    /// <summary>The dtype of a C# element type (<c>float</c> → F32, <c>uint</c> → U32, <c>Half</c> → F16).</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> has no dtype.</exception>
    public static DType Of<T>() where T : unmanaged => Of(typeof(T));

    /// <summary>The dtype of a C# element type.</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> has no dtype.</exception>
    public static DType Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (ElementTypeTable.FromClr(type)?.Element is { } element) return (DType)element;
        throw new ArgumentException(
            $"{type} has no Axle dtype; use float, double, int, long, uint, ulong, short, ushort, sbyte, byte, bool or Half", nameof(type));
    }

    /// <summary>The StableHLO element type of <paramref name="type"/>.</summary>
    public static ElementType ToElementType(this DType type) => Row(type).Element!.Value;

    /// <summary>The PJRT buffer type of <paramref name="type"/>.</summary>
    public static PjrtElementType ToPjrt(this DType type) => (PjrtElementType)Row(type).PjrtType;

    /// <summary>The dtype whose StableHLO element type is <paramref name="element"/>, if Axle has one.</summary>
    public static bool TryFromElementType(ElementType element, out DType type)
    {
        bool known = ElementTypeTable.TryOf(element) is not null;
        type = known ? (DType)element : default;
        return known;
    }

    /// <summary>The dtype whose PJRT buffer type is <paramref name="element"/>, if Axle has one.</summary>
    public static bool TryFromPjrt(PjrtElementType element, out DType type)
    {
        ElementType? known = ElementTypeTable.FromPjrt((int)element)?.Element;
        type = known is { } e ? (DType)e : default;
        return known is not null;
    }

    private static ElementTypeInfo Row(DType type) =>
        ElementTypeTable.TryOf((ElementType)type) ?? throw new ArgumentOutOfRangeException(nameof(type), type, "unknown dtype");

    private static ElementKind? Kind(DType type) => ElementTypeTable.TryOf((ElementType)type)?.Kind;
}
