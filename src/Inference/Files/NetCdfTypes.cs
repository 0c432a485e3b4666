namespace Axle.Inference.Files;

/// <summary>
/// netCDF's external types and how Axle's dtypes map onto them, both ways. The one table the reader
/// and the writer share.
/// </summary>
/// <remarks>
/// netCDF has no boolean: xarray stores a bool variable as <c>byte</c> (int8) with the attribute
/// <c>dtype = "bool"</c> and decodes it back to bool; so do the writer and the reader here. netCDF has no
/// 16-bit float either: F16 and BF16 are written as <c>float</c> (every value is exact in f32) and read
/// back as F32.
/// </remarks>
internal static class NetCdfTypes
{
    internal const int Byte = 1, Char = 2, Short = 3, Int = 4, Float = 5, Double = 6, UByte = 7, UShort = 8, UInt = 9,
        Int64 = 10, UInt64 = 11, String = 12;

    /// <summary>The attribute xarray puts on an int8 variable that holds booleans.</summary>
    internal const string BoolMarker = "dtype";

    /// <summary>The netCDF type a variable of <paramref name="dtype"/> is written as, and the dtype its bytes must have.</summary>
    internal static (int NcType, DType Stored) Of(DType dtype) => dtype switch
    {
        DType.Bool => (Byte, DType.Bool),
        DType.I8 => (Byte, DType.I8),
        DType.I16 => (Short, DType.I16),
        DType.I32 => (Int, DType.I32),
        DType.I64 => (Int64, DType.I64),
        DType.U8 => (UByte, DType.U8),
        DType.U16 => (UShort, DType.U16),
        DType.U32 => (UInt, DType.U32),
        DType.U64 => (UInt64, DType.U64),
        DType.F16 or DType.BF16 or DType.F32 => (Float, DType.F32),
        DType.F64 => (Double, DType.F64),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "no netCDF type for this dtype"),
    };

    /// <summary>The dtype of a numeric netCDF type, or null for text, strings and user-defined types.</summary>
    internal static DType? ToDType(int ncType) => ncType switch
    {
        Byte => DType.I8,
        Short => DType.I16,
        Int => DType.I32,
        Int64 => DType.I64,
        UByte => DType.U8,
        UShort => DType.U16,
        UInt => DType.U32,
        UInt64 => DType.U64,
        Float => DType.F32,
        Double => DType.F64,
        _ => null,
    };

    /// <summary>netCDF's name of a type, for messages (<c>ncdump</c>'s spelling).</summary>
    internal static string Name(int ncType) => ncType switch
    {
        Byte => "byte",
        Char => "char",
        Short => "short",
        Int => "int",
        Float => "float",
        Double => "double",
        UByte => "ubyte",
        UShort => "ushort",
        UInt => "uint",
        Int64 => "int64",
        UInt64 => "uint64",
        String => "string",
        _ => $"user-defined type {ncType}",
    };
}
