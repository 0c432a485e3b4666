using System.Buffers.Binary;
using System.Text;
using Axle.IO;

namespace Axle.Cli.Tests;

/// <summary><c>.npy</c> files as numpy's format specification (NEP 1) describes them.</summary>
public sealed class NpyTests
{
    public static TheoryData<DType, string> Descrs() => new()
    {
        { DType.Bool, "|b1" }, { DType.I8, "|i1" }, { DType.U8, "|u1" }, { DType.I16, "<i2" }, { DType.U16, "<u2" },
        { DType.I32, "<i4" }, { DType.U32, "<u4" }, { DType.I64, "<i8" }, { DType.U64, "<u8" },
        { DType.F16, "<f2" }, { DType.F32, "<f4" }, { DType.F64, "<f8" }, { DType.BF16, "<V2" },
    };

    [Theory]
    [MemberData(nameof(Descrs))]
    public void EveryDTypeRoundTripsBitExactly(DType dtype, string descr)
    {
        var rng = new Random((int)dtype);
        byte[] data = new byte[2 * 3 * dtype.ByteSize()];
        rng.NextBytes(data); // any bit pattern: NaN payloads, -0.0, denormals
        if (dtype == DType.Bool) data = [.. data.Select(b => (byte)(b & 1))];
        var array = new NpyArray(dtype, [2, 3], data);
        var stream = new MemoryStream();
        Npy.Write(stream, array);
        Assert.Contains($"'descr': '{descr}'", Header(stream.ToArray()));
        stream.Position = 0;
        var back = Npy.ReadArray(stream);
        Assert.Equal(dtype, back.DType);
        Assert.Equal([2L, 3L], back.Shape);
        Assert.Equal(data, back.Data);
    }

    [Fact]
    public void HeaderFollowsTheSpecification()
    {
        var stream = new MemoryStream();
        Npy.Write(stream, NpyArray.FromTensor(Tensor.From(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } })));
        byte[] file = stream.ToArray();
        Assert.Equal([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0], file[..8]);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(8));
        Assert.Equal(0, (10 + headerLength) % 64);
        string header = Header(file);
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header);
        Assert.EndsWith("\n", header);
        string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        Assert.True(header[dict.Length..^1].All(c => c == ' '), "the header is padded with spaces only");
        // C order: the data is the row-major float bytes.
        float[] values = [.. Enumerable.Range(0, 6).Select(i => BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(10 + headerLength + 4 * i)))];
        Assert.Equal([1f, 2, 3, 4, 5, 6], values);
        Assert.Equal(10 + headerLength + 24, file.Length);
    }

    [Fact]
    public void ScalarsAndVectorsWriteNumpysTupleSyntax()
    {
        Assert.Contains("'shape': (), ", Header(Write(new NpyArray(DType.F64, [], new byte[8]))));
        Assert.Contains("'shape': (3,), ", Header(Write(new NpyArray(DType.I32, [3], new byte[12]))));
        Assert.Contains("'shape': (0, 2), ", Header(Write(new NpyArray(DType.I32, [0, 2], []))));
    }

    [Fact]
    public void HeadersTooLongForVersion1AreWrittenAsVersion2()
    {
        long[] shape = [.. Enumerable.Repeat(1L, 22_000)]; // "1, " per dimension: over 65,535 header bytes
        byte[] file = Write(new NpyArray(DType.F32, shape, [1, 2, 3, 4]));
        Assert.Equal((byte)2, file[6]);
        Assert.Equal(0, (12 + BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(8))) % 64);
        var back = Npy.ReadArray(new MemoryStream(file));
        Assert.Equal(shape, back.Shape);
        Assert.Equal([1, 2, 3, 4], back.Data);
    }

    [Fact]
    public void TensorsGoThroughFilesWithTheirValues()
    {
        string path = Path.Combine(Cli.TempDir(), "t.npy");
        var t = Ops.Exp(Tensor.From(new double[] { 0, 1, -2 })); // computed on the device
        Npy.Write(path, t);
        var back = Npy.Read(path);
        Assert.Equal(DType.F64, back.DType);
        Assert.Equal(t.ToArray<double>(), back.ToArray<double>());
        Npy.Write(path, new[] { 1L, -2L, 3L, 4L }, 2, 2);
        Assert.Equal(new long[] { 1, -2, 3, 4 }, Npy.Read(path).ToArray<long>());
        Assert.Equal(new[] { 2, 2 }, Npy.Read(path).Shape.ToArray());
    }

    [Fact]
    public void FortranOrderBigEndianAndVersion2FilesAreRead()
    {
        // A 2x3 big-endian int32 array in Fortran order: columns first.
        byte[] data = new byte[24];
        int[] fortran = [1, 4, 2, 5, 3, 6];
        for (int i = 0; i < 6; i++) BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4 * i), fortran[i]);
        var a = Npy.ReadArray(new MemoryStream(File("{'descr': '>i4', 'fortran_order': True, 'shape': (2, 3), }", data, major: 2)));
        Assert.Equal(DType.I32, a.DType);
        Assert.Equal([1, 2, 3, 4, 5, 6], Enumerable.Range(0, 6).Select(i => BinaryPrimitives.ReadInt32LittleEndian(a.Data.AsSpan(4 * i))));
    }

    [Fact]
    public void UnsupportedAndBrokenFilesFailWithMessages()
    {
        var complex = Assert.Throws<NotSupportedException>(() =>
            Npy.ReadArray(new MemoryStream(File("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", new byte[8])), "z.npy"));
        Assert.Contains("z.npy: dtype '<c8' is not supported", complex.Message);
        var notNpy = Assert.Throws<InvalidDataException>(() => Npy.ReadArray(new MemoryStream("hello world"u8.ToArray()), "x.npy"));
        Assert.Contains("x.npy is not a .npy file", notNpy.Message);
        var truncated = Assert.Throws<InvalidDataException>(() =>
            Npy.ReadArray(new MemoryStream(File("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", new byte[8])), "t.npy"));
        Assert.Contains("t.npy ends inside 4 elements", truncated.Message);
        Assert.Throws<ArgumentException>(() => new NpyArray(DType.F32, [2], new byte[4]));
    }

    private static byte[] Write(NpyArray a)
    {
        var s = new MemoryStream();
        Npy.Write(s, a);
        return s.ToArray();
    }

    private static string Header(byte[] file) => Encoding.ASCII.GetString(file, 10, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(8)));

    private static byte[] File(string dict, byte[] data, int major = 1)
    {
        string header = dict + "\n";
        var s = new MemoryStream();
        s.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0]);
        if (major == 1) s.Write(BitConverter.GetBytes((ushort)header.Length));
        else s.Write(BitConverter.GetBytes((uint)header.Length));
        s.Write(Encoding.ASCII.GetBytes(header));
        s.Write(data);
        return s.ToArray();
    }
}
