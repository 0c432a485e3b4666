namespace Axle.Lowering;

/// <summary>Element types StableHLO tensors can hold, as far as Axle uses them.</summary>
public enum ElementType
{
    /// <summary>Boolean (<c>i1</c>).</summary>
    Pred,
    /// <summary>Signed 8-bit integer (<c>i8</c>).</summary>
    I8,
    /// <summary>Signed 16-bit integer (<c>i16</c>).</summary>
    I16,
    /// <summary>Signed 32-bit integer (<c>i32</c>).</summary>
    I32,
    /// <summary>Signed 64-bit integer (<c>i64</c>).</summary>
    I64,
    /// <summary>Unsigned 8-bit integer (<c>ui8</c>).</summary>
    U8,
    /// <summary>Unsigned 16-bit integer (<c>ui16</c>).</summary>
    U16,
    /// <summary>Unsigned 32-bit integer (<c>ui32</c>).</summary>
    U32,
    /// <summary>Unsigned 64-bit integer (<c>ui64</c>).</summary>
    U64,
    /// <summary>IEEE half precision (<c>f16</c>).</summary>
    F16,
    /// <summary>bfloat16 (<c>bf16</c>).</summary>
    BF16,
    /// <summary>IEEE single precision (<c>f32</c>).</summary>
    F32,
    /// <summary>IEEE double precision (<c>f64</c>).</summary>
    F64,
}

/// <summary>Spellings and sizes of <see cref="ElementType"/>s, read from <see cref="ElementTypeTable"/>.</summary>
public static class ElementTypes
{
    /// <summary>The MLIR spelling, e.g. <c>f32</c>, <c>ui32</c>, <c>i1</c>.</summary>
    public static string MlirName(this ElementType type) => ElementTypeTable.Of(type).MlirName;

    /// <summary>Bytes per element in a dense host buffer (a <see cref="ElementType.Pred"/> takes one byte).</summary>
    public static int ByteSize(this ElementType type) => ElementTypeTable.Of(type).ByteSize;

    /// <summary>True for floating-point types.</summary>
    public static bool IsFloat(this ElementType type) => ElementTypeTable.TryOf(type)?.Kind == ElementKind.Float;

    /// <summary>True for unsigned integer types (not <see cref="ElementType.Pred"/>).</summary>
    public static bool IsUnsigned(this ElementType type) => ElementTypeTable.TryOf(type)?.Kind == ElementKind.UnsignedInteger;
}
