using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Axle.Lowering;

namespace Axle.IO;

/// <summary>
/// Reads and writes numpy's <c>.npy</c> format (versions 1.0, 2.0 and 3.0), so arrays move between
/// Axle and Python (<c>np.save</c> / <c>np.load</c>). Files are written C order, little-endian,
/// version 1.0 unless the header needs 2.0, header padded to 64 bytes as numpy does.
/// </summary>
/// <remarks>
/// dtype strings: <c>|b1</c> Bool, <c>|i1</c> <c>&lt;i2</c> <c>&lt;i4</c> <c>&lt;i8</c>, <c>|u1</c>
/// <c>&lt;u2</c> <c>&lt;u4</c> <c>&lt;u8</c>, <c>&lt;f2</c> <c>&lt;f4</c> <c>&lt;f8</c>. numpy has no
/// bfloat16: BF16 is written <c>&lt;V2</c>, what <c>np.save</c> writes for an <c>ml_dtypes.bfloat16</c>
/// array (load it with <c>np.load(f).view(ml_dtypes.bfloat16)</c>); reading, any 2-byte void
/// (<c>&lt;V2</c>, <c>|V2</c>, <c>V2</c>) and <c>bfloat16</c> read as BF16. Big-endian files and
/// <c>fortran_order: True</c> are converted on reading. Other dtypes (complex, strings, objects)
/// are refused with <see cref="NotSupportedException"/>.
/// </remarks>
public static class Npy
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Writes a concrete tensor to <paramref name="path"/>.</summary>
    public static void Write(string path, Tensor tensor) => Write(path, NpyArray.FromTensor(tensor));

    /// <summary>Writes a row-major array; <paramref name="shape"/> defaults to a vector of <c>data.Length</c>.</summary>
    public static void Write<T>(string path, T[] data, params long[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        byte[] bytes = MemoryMarshal.AsBytes(data.AsSpan()).ToArray();
        Write(path, new NpyArray(DTypes.Of<T>(), shape.Length == 0 ? [data.Length] : shape, bytes));
    }

    /// <summary>Writes <paramref name="array"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, NpyArray array)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.Create(path);
        Write(stream, array);
    }

    /// <summary>Writes <paramref name="array"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, NpyArray array)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(array);
        string shape = array.Shape.Length == 1
            ? $"({array.Shape[0]},)"
            : $"({string.Join(", ", array.Shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))})";
        // numpy's own layout: sorted keys, a trailing ", ", spaces to a multiple of 64, then '\n'.
        string dict = $"{{'descr': '{Descr(array.DType)}', 'fortran_order': False, 'shape': {shape}, }}";
        static int Padded(int prefix, int dictLength) => (prefix + dictLength + 1 + 63) / 64 * 64;
        bool v1 = Padded(Magic.Length + 4, dict.Length) - (Magic.Length + 4) <= ushort.MaxValue; // 1.0 has a 2-byte length
        int prefix = Magic.Length + 2 + (v1 ? 2 : 4);
        int total = Padded(prefix, dict.Length);
        string header = dict + new string(' ', total - prefix - dict.Length - 1) + "\n";
        stream.Write(Magic);
        stream.WriteByte(v1 ? (byte)1 : (byte)2);
        stream.WriteByte(0);
        Span<byte> length = stackalloc byte[4];
        BitConverter.TryWriteBytes(length, header.Length);
        stream.Write(length[..(v1 ? 2 : 4)]);
        stream.Write(Encoding.ASCII.GetBytes(header));
        stream.Write(array.Data);
    }

    /// <summary>Reads a <c>.npy</c> file into a tensor.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid <c>.npy</c> file.</exception>
    /// <exception cref="NotSupportedException">The file holds a dtype Axle does not have.</exception>
    public static Tensor Read(string path) => ReadArray(path).ToTensor();

    /// <summary>Reads a <c>.npy</c> file.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid <c>.npy</c> file.</exception>
    /// <exception cref="NotSupportedException">The file holds a dtype Axle does not have.</exception>
    public static NpyArray ReadArray(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return ReadArray(stream, path);
    }

    /// <summary>Reads one array from <paramref name="stream"/>; <paramref name="name"/> names it in messages.</summary>
    /// <exception cref="InvalidDataException">The data is not a valid <c>.npy</c> array.</exception>
    /// <exception cref="NotSupportedException">The array has a dtype Axle does not have.</exception>
    public static NpyArray ReadArray(Stream stream, string name = "stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] start = ReadExactly(stream, Magic.Length + 2, name, "the magic string");
        if (!start.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException($"{name} is not a .npy file (it does not start with \\x93NUMPY)");
        int major = start[Magic.Length];
        if (major is < 1 or > 3)
            throw new InvalidDataException($"{name}: .npy format version {major}.{start[Magic.Length + 1]} is not supported (1.0, 2.0, 3.0 are)");
        byte[] lengthBytes = ReadExactly(stream, major == 1 ? 2 : 4, name, "the header length");
        long headerLength = major == 1 ? BitConverter.ToUInt16(lengthBytes) : BitConverter.ToUInt32(lengthBytes);
        if (headerLength > 1 << 20) throw new InvalidDataException($"{name}: header length {headerLength} is implausible");
        byte[] headerBytes = ReadExactly(stream, (int)headerLength, name, "the header");
        string header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);
        var (descr, fortran, shape) = NpyHeader.Parse(header, name);
        var (dtype, swap) = FromDescr(descr, name);
        long count = shape.Aggregate(1L, (a, d) => checked(a * d));
        long size = checked(count * dtype.ByteSize());
        if (size > Array.MaxLength) throw new NotSupportedException($"{name}: {size} bytes of data is more than one array can hold");
        byte[] data = ReadExactly(stream, (int)size, name, $"{count} elements of {descr}");
        if (swap) SwapBytes(data, dtype.ByteSize());
        if (dtype == DType.Bool)
            for (int i = 0; i < data.Length; i++) data[i] = data[i] != 0 ? (byte)1 : (byte)0;
        if (fortran && shape.Length > 1) data = FortranToC(data, shape, dtype.ByteSize());
        return new NpyArray(dtype, shape, data);
    }

    /// <summary>The <c>descr</c> string Axle writes for <paramref name="dtype"/>.</summary>
    public static string Descr(DType dtype)
    {
        ElementTypeInfo row = ElementTypeTable.TryOf((ElementType)dtype)
            ?? throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype");
        // numpy marks single bytes "not applicable" ('|') and everything else little-endian ('<').
        return (row.ByteSize == 1 ? "|" : "<") + row.NpyCode;
    }

    private static (DType, bool Swap) FromDescr(string descr, string name)
    {
        if (descr == "bfloat16") return (DType.BF16, false);
        bool prefixed = descr.Length > 0 && descr[0] is '<' or '>' or '|' or '=';
        char order = prefixed ? descr[0] : '=';
        string code = prefixed ? descr[1..] : descr;
        // '?' is numpy's one-character code for bool; the table holds the sized spelling b1.
        ElementType? element = ElementTypeTable.FromNpy(code == "?" ? "b1" : code)?.Element;
        if (element is null)
            throw new NotSupportedException(
                $"{name}: dtype '{descr}' is not supported; Axle reads b1 i1 i2 i4 i8 u1 u2 u4 u8 f2 f4 f8 and V2/bfloat16 (as bf16)");
        var dtype = (DType)element.Value;
        bool swap = order == '>' && dtype.ByteSize() > 1 && dtype != DType.BF16;
        return (dtype, swap);
    }

    private static byte[] ReadExactly(Stream stream, int count, string name, string what)
    {
        byte[] buffer = new byte[count];
        int read = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        if (read < count) throw new InvalidDataException($"{name} ends inside {what} (needed {count} bytes, got {read})");
        return buffer;
    }

    private static void SwapBytes(byte[] data, int size)
    {
        for (int i = 0; i < data.Length; i += size) Array.Reverse(data, i, size);
    }

    // Element (i0, ..., ik) sits at Σ i_j·stride_j with strides growing from the first axis in Fortran order.
    private static byte[] FortranToC(byte[] data, long[] shape, int size)
    {
        long count = data.Length / size;
        var result = new byte[data.Length];
        var index = new long[shape.Length];
        for (long c = 0; c < count; c++)
        {
            long f = 0, stride = 1;
            for (int axis = 0; axis < shape.Length; axis++)
            {
                f += index[axis] * stride;
                stride *= shape[axis];
            }
            Array.Copy(data, f * size, result, c * size, size);
            for (int axis = shape.Length - 1; axis >= 0; axis--)
            {
                if (++index[axis] < shape[axis]) break;
                index[axis] = 0;
            }
        }
        return result;
    }
}
