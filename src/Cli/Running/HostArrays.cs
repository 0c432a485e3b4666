using System.Buffers.Binary;
using Axle.IO;
using Axle.Lowering;
using Axle.Runtime;

namespace Axle.Cli.Running;

/// <summary>Host arrays for <c>axle run</c>: dtype mappings, seeded random inputs, values as doubles.</summary>
internal static class HostArrays
{
    public static DType ToDType(ElementType e) =>
        DTypes.TryFromElementType(e, out var d) ? d
            : throw new CliException(ExitCode.UnsupportedDType, $"element type {e} is not supported");

    public static PjrtElementType ToPjrt(DType d) => d.ToPjrt();

    public static DType FromPjrt(PjrtElementType p) =>
        DTypes.TryFromPjrt(p, out var d) ? d
            : throw new CliException(ExitCode.UnsupportedDType, $"the plugin returned an output of type {p}, which Axle does not support");

    /// <summary>
    /// Seeded inputs: floats standard normal (Box–Muller), signed integers uniform in [-5, 5),
    /// unsigned in [0, 10), booleans fair coin flips — small values, so integer programs index and
    /// shift sensibly.
    /// </summary>
    public static NpyArray Random(TensorType type, Random rng)
    {
        DType dtype = ToDType(type.Element);
        int size = dtype.ByteSize();
        long count = type.ElementCount;
        var data = new byte[count * size];
        for (long i = 0; i < count; i++)
        {
            var at = data.AsSpan((int)(i * size), size);
            switch (dtype)
            {
                case DType.Bool: at[0] = (byte)rng.Next(2); break;
                case DType.F64: BinaryPrimitives.WriteDoubleLittleEndian(at, Normal(rng)); break;
                case DType.F32: BinaryPrimitives.WriteSingleLittleEndian(at, (float)Normal(rng)); break;
                case DType.F16: BinaryPrimitives.WriteHalfLittleEndian(at, (Half)Normal(rng)); break;
                case DType.BF16: BinaryPrimitives.WriteUInt16LittleEndian(at, BFloat16((float)Normal(rng))); break;
                default:
                    long v = dtype.IsUnsigned() ? rng.Next(10) : rng.Next(-5, 5);
                    for (int b = 0; b < size; b++) at[b] = (byte)(v >> (8 * b));
                    break;
            }
        }
        return new NpyArray(dtype, [.. type.Dims], data);
    }

    /// <summary>Element <paramref name="i"/> as a double (for comparing outputs).</summary>
    public static double Read(NpyArray a, long i)
    {
        var s = a.Data.AsSpan((int)(i * a.DType.ByteSize()));
        return a.DType switch
        {
            DType.Bool => s[0],
            DType.I8 => (sbyte)s[0],
            DType.U8 => s[0],
            DType.I16 => BinaryPrimitives.ReadInt16LittleEndian(s),
            DType.U16 => BinaryPrimitives.ReadUInt16LittleEndian(s),
            DType.I32 => BinaryPrimitives.ReadInt32LittleEndian(s),
            DType.U32 => BinaryPrimitives.ReadUInt32LittleEndian(s),
            DType.I64 => BinaryPrimitives.ReadInt64LittleEndian(s),
            DType.U64 => BinaryPrimitives.ReadUInt64LittleEndian(s),
            DType.F16 => (double)BinaryPrimitives.ReadHalfLittleEndian(s),
            DType.BF16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(s) << 16),
            DType.F32 => BinaryPrimitives.ReadSingleLittleEndian(s),
            _ => BinaryPrimitives.ReadDoubleLittleEndian(s),
        };
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    // Round to nearest even on the 16 bits kept.
    private static ushort BFloat16(float f)
    {
        uint bits = BitConverter.SingleToUInt32Bits(f);
        return (ushort)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
    }
}
