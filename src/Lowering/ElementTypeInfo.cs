namespace Axle.Lowering;

/// <summary>What kind of number an element type holds.</summary>
public enum ElementKind
{
    /// <summary>A boolean (MLIR <c>i1</c>), stored one byte per element.</summary>
    Bool,
    /// <summary>A two's-complement signed integer.</summary>
    SignedInteger,
    /// <summary>An unsigned integer.</summary>
    UnsignedInteger,
    /// <summary>A binary floating-point number (IEEE or bfloat16).</summary>
    Float,
    /// <summary>A pair of floats (real, imaginary).</summary>
    Complex,
}

/// <summary>
/// Everything Axle knows about one element type, as one row of <see cref="ElementTypeTable"/>: the
/// spellings each layer uses (MLIR, printed graphs, PJRT, <c>.npy</c>) and the numeric facts they share.
/// </summary>
public sealed record ElementTypeInfo
{
    /// <summary>The StableHLO element type; null for the complex types, which Axle's programs do not use.</summary>
    public required ElementType? Element { get; init; }

    /// <summary>The MLIR spelling: <c>i1</c>, <c>ui32</c>, <c>bf16</c>, <c>complex&lt;f32&gt;</c>.</summary>
    public required string MlirName { get; init; }

    /// <summary>The short lower-case name of printed graphs and messages: <c>bool</c>, <c>u32</c>, <c>c64</c>.</summary>
    public required string ShortName { get; init; }

    /// <summary>What kind of number it is.</summary>
    public required ElementKind Kind { get; init; }

    /// <summary>Bits of the value (1 for a boolean).</summary>
    public required int BitWidth { get; init; }

    /// <summary>Bytes per element in a dense host buffer (a boolean takes one byte).</summary>
    public required int ByteSize { get; init; }

    /// <summary>The value of <c>PJRT_Buffer_Type</c> (not <c>xla.PrimitiveType</c>) for this type.</summary>
    public required int PjrtType { get; init; }

    /// <summary>
    /// numpy's type code without the byte-order character (<c>f4</c>, <c>b1</c>); null where Axle reads
    /// and writes no <c>.npy</c> arrays of the type. numpy has no bfloat16: it is the 2-byte void <c>V2</c>,
    /// what <c>np.save</c> writes for an <c>ml_dtypes.bfloat16</c> array.
    /// </summary>
    public required string? NpyCode { get; init; }

    /// <summary>The .NET type with the same bits, or null where there is none (bfloat16, the complex types).</summary>
    public required Type? ClrType { get; init; }
}
