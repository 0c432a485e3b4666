using System.Buffers.Binary;
using Axle.Lowering;

namespace Axle;

/// <summary>
/// Host-side element conversions over dense little-endian bytes, with numpy <c>astype</c>
/// semantics: float→int truncates toward zero, integers wrap, anything→bool is "non-zero".
/// </summary>
internal static class HostData
{
    public static byte[] Convert(ReadOnlySpan<byte> src, DType from, DType to)
    {
        int n = src.Length / from.ByteSize();
        var dst = new byte[n * to.ByteSize()];
        for (int i = 0; i < n; i++)
        {
            if (from.IsFloat()) WriteDouble(dst, to, i, ReadDouble(src, from, i));
            else if (from == DType.U64) WriteULong(dst, to, i, ReadULong(src, i));
            else WriteLong(dst, to, i, ReadLong(src, from, i));
        }
        return dst;
    }

    public static byte[] FromDouble(DType to, double value)
    {
        var b = new byte[to.ByteSize()];
        WriteDouble(b, to, 0, value);
        return b;
    }

    public static byte[] FromLong(DType to, long value)
    {
        var b = new byte[to.ByteSize()];
        WriteLong(b, to, 0, value);
        return b;
    }

    /// <summary>The lowest or highest value of the dtype (±inf for floats).</summary>
    public static byte[] Extreme(DType t, bool max)
    {
        if (t.IsFloat()) return FromDouble(t, max ? double.PositiveInfinity : double.NegativeInfinity);
        var b = new byte[t.ByteSize()];
        switch (t)
        {
            case DType.Bool: b[0] = max ? (byte)1 : (byte)0; break;
            case DType.U64: if (max) BinaryPrimitives.WriteUInt64LittleEndian(b, ulong.MaxValue); break;
            default:
                // The range of the type's width (from the element-type table); U64's maximum is the one a long cannot hold.
                int drop = 64 - ElementTypeTable.Of(t.ToElementType()).BitWidth;
                long v = t.IsUnsigned()
                    ? (max ? (long)(ulong.MaxValue >> drop) : 0)
                    : (max ? long.MaxValue >> drop : long.MinValue >> drop);
                WriteLong(b, t, 0, v);
                break;
        }
        return b;
    }

    public static double ReadDouble(ReadOnlySpan<byte> s, DType t, int i) => t switch
    {
        DType.F64 => BinaryPrimitives.ReadDoubleLittleEndian(s[(i * 8)..]),
        DType.F32 => BinaryPrimitives.ReadSingleLittleEndian(s[(i * 4)..]),
        DType.F16 => (double)BinaryPrimitives.ReadHalfLittleEndian(s[(i * 2)..]),
        DType.BF16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(s[(i * 2)..]) << 16),
        DType.U64 => ReadULong(s, i),
        _ => ReadLong(s, t, i),
    };

    public static long ReadLong(ReadOnlySpan<byte> s, DType t, int i) => t switch
    {
        DType.Bool => s[i] != 0 ? 1 : 0,
        DType.I8 => (sbyte)s[i],
        DType.U8 => s[i],
        DType.I16 => BinaryPrimitives.ReadInt16LittleEndian(s[(i * 2)..]),
        DType.U16 => BinaryPrimitives.ReadUInt16LittleEndian(s[(i * 2)..]),
        DType.I32 => BinaryPrimitives.ReadInt32LittleEndian(s[(i * 4)..]),
        DType.U32 => BinaryPrimitives.ReadUInt32LittleEndian(s[(i * 4)..]),
        DType.I64 => BinaryPrimitives.ReadInt64LittleEndian(s[(i * 8)..]),
        DType.U64 => unchecked((long)ReadULong(s, i)),
        _ => (long)ReadDouble(s, t, i),
    };

    private static ulong ReadULong(ReadOnlySpan<byte> s, int i) => BinaryPrimitives.ReadUInt64LittleEndian(s[(i * 8)..]);

    public static void WriteDouble(Span<byte> d, DType t, int i, double v)
    {
        switch (t)
        {
            case DType.F64: BinaryPrimitives.WriteDoubleLittleEndian(d[(i * 8)..], v); break;
            case DType.F32: BinaryPrimitives.WriteSingleLittleEndian(d[(i * 4)..], (float)v); break;
            case DType.F16: BinaryPrimitives.WriteHalfLittleEndian(d[(i * 2)..], (Half)v); break;
            case DType.BF16: BinaryPrimitives.WriteUInt16LittleEndian(d[(i * 2)..], ToBFloat16((float)v)); break;
            case DType.Bool: d[i] = v != 0 ? (byte)1 : (byte)0; break;
            case DType.U64: WriteULong(d, t, i, double.IsNaN(v) ? 0 : v < 0 ? unchecked((ulong)(long)v) : (ulong)v); break;
            default: WriteLong(d, t, i, double.IsNaN(v) ? 0 : (long)v); break;
        }
    }

    public static void WriteLong(Span<byte> d, DType t, int i, long v)
    {
        unchecked
        {
            switch (t)
            {
                case DType.Bool: d[i] = v != 0 ? (byte)1 : (byte)0; break;
                case DType.I8 or DType.U8: d[i] = (byte)v; break;
                case DType.I16 or DType.U16: BinaryPrimitives.WriteInt16LittleEndian(d[(i * 2)..], (short)v); break;
                case DType.I32 or DType.U32: BinaryPrimitives.WriteInt32LittleEndian(d[(i * 4)..], (int)v); break;
                case DType.I64 or DType.U64: BinaryPrimitives.WriteInt64LittleEndian(d[(i * 8)..], v); break;
                default: WriteDouble(d, t, i, v); break;
            }
        }
    }

    private static void WriteULong(Span<byte> d, DType t, int i, ulong v)
    {
        if (t.IsFloat()) WriteDouble(d, t, i, v);
        else WriteLong(d, t, i, unchecked((long)v));
    }

    private static ushort ToBFloat16(float f)
    {
        uint bits = BitConverter.SingleToUInt32Bits(f);
        if (float.IsNaN(f)) return (ushort)((bits >> 16) | 0x40);
        // Round to nearest even, as XLA does.
        bits += 0x7FFF + ((bits >> 16) & 1);
        return (ushort)(bits >> 16);
    }
}
