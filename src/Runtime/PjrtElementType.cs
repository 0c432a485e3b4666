namespace Axle.Runtime;

/// <summary>
/// Element types of PJRT buffers. The values mirror <c>PJRT_Buffer_Type</c>
/// (not <c>xla.PrimitiveType</c>), so they convert to and from the C enum by value;
/// each is the <see cref="Axle.Lowering.ElementTypeInfo.PjrtType"/> of one row of
/// <see cref="Axle.Lowering.ElementTypeTable"/>, where its other facts live.
/// </summary>
public enum PjrtElementType
{
    /// <summary>Not a valid element type.</summary>
    Invalid = 0,

    /// <summary>Boolean (<c>i1</c>), one byte per element.</summary>
    Pred = 1,

    /// <summary>Signed 8-bit integer.</summary>
    S8 = 2,

    /// <summary>Signed 16-bit integer.</summary>
    S16 = 3,

    /// <summary>Signed 32-bit integer.</summary>
    S32 = 4,

    /// <summary>Signed 64-bit integer.</summary>
    S64 = 5,

    /// <summary>Unsigned 8-bit integer.</summary>
    U8 = 6,

    /// <summary>Unsigned 16-bit integer.</summary>
    U16 = 7,

    /// <summary>Unsigned 32-bit integer.</summary>
    U32 = 8,

    /// <summary>Unsigned 64-bit integer.</summary>
    U64 = 9,

    /// <summary>IEEE half precision float.</summary>
    F16 = 10,

    /// <summary>IEEE single precision float.</summary>
    F32 = 11,

    /// <summary>IEEE double precision float.</summary>
    F64 = 12,

    /// <summary>bfloat16 (exchanged as raw 2-byte values).</summary>
    BF16 = 13,

    /// <summary>Complex of two single precision floats.</summary>
    C64 = 14,

    /// <summary>Complex of two double precision floats.</summary>
    C128 = 15,
}
