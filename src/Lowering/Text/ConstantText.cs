using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;

namespace Axle.Lowering.Text;

/// <summary>
/// Makes dense literals readable: Axle writes every literal as a hex blob (exact for any value);
/// a one-element blob of an integer, f32 or f64 type reads better as a number. Values MLIR cannot
/// write as decimals (NaN, infinities) and 16-bit floats stay hex.
/// </summary>
internal static class ConstantText
{
    internal static string Readable(string attribute)
    {
        const string prefix = "dense<\"0x";
        int typeAt = attribute.LastIndexOf("> : ", StringComparison.Ordinal);
        if (!attribute.StartsWith(prefix, StringComparison.Ordinal) || typeAt < 0) return attribute;
        string hex = attribute[prefix.Length..typeAt].TrimEnd('"');
        string typeText = attribute[(typeAt + 4)..].Trim();
        var type = MlirTypes.TryParseTensor(typeText);
        if (type is null || hex.Length != 2 * type.Element.ByteSize()) return attribute;
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return attribute;
        }
        string? value = Decode(bytes, type.Element);
        return value is null ? attribute : $"dense<{value}> : {typeText}";
    }

    private static string? Decode(byte[] b, ElementType element) => element switch
    {
        ElementType.I8 => ((sbyte)b[0]).ToString(CultureInfo.InvariantCulture),
        ElementType.U8 => b[0].ToString(CultureInfo.InvariantCulture),
        ElementType.I16 => BinaryPrimitives.ReadInt16LittleEndian(b).ToString(CultureInfo.InvariantCulture),
        ElementType.U16 => BinaryPrimitives.ReadUInt16LittleEndian(b).ToString(CultureInfo.InvariantCulture),
        ElementType.I32 => BinaryPrimitives.ReadInt32LittleEndian(b).ToString(CultureInfo.InvariantCulture),
        ElementType.U32 => BinaryPrimitives.ReadUInt32LittleEndian(b).ToString(CultureInfo.InvariantCulture),
        ElementType.I64 => BinaryPrimitives.ReadInt64LittleEndian(b).ToString(CultureInfo.InvariantCulture),
        ElementType.U64 => BinaryPrimitives.ReadUInt64LittleEndian(b).ToString(CultureInfo.InvariantCulture),
        ElementType.F32 => Float(BinaryPrimitives.ReadSingleLittleEndian(b)),
        ElementType.F64 => Float(BinaryPrimitives.ReadDoubleLittleEndian(b)),
        _ => null,
    };

    // Shortest round-trip digits, in MLIR's float syntax (a '.' is required: 1.0, 1.5e-05).
    private static string? Float<T>(T value) where T : IBinaryFloatingPointIeee754<T>
    {
        if (!T.IsFinite(value)) return null;
        string s = value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        int e = s.IndexOf('e', StringComparison.Ordinal);
        string mantissa = e < 0 ? s : s[..e], exponent = e < 0 ? "" : s[e..];
        if (!mantissa.Contains('.', StringComparison.Ordinal)) mantissa += ".0";
        return mantissa + exponent;
    }
}
