using Axle.Tests.Backends;
using Axle.Runtime;

namespace Axle.Tests.Runtime;

public class BufferTests
{
    public static TheoryData<long[]> Shapes => new() { Array.Empty<long>(), new long[] { 0 }, new long[] { 5 }, new long[] { 2, 3 }, new long[] { 2, 0, 4 } };

    [CpuPluginTheory]
    [MemberData(nameof(Shapes))]
    public void EveryElementTypeRoundTrips(long[] shape)
    {
        using PjrtClient client = TestPjrt.NewClient();
        int n = checked((int)shape.Aggregate(1L, (a, b) => a * b));
        RoundTrip(client, shape, PjrtElementType.F32, Enumerable.Range(0, n).Select(i => i * 0.5f - 3f).ToArray());
        RoundTrip(client, shape, PjrtElementType.F64, Enumerable.Range(0, n).Select(i => Math.PI * i).ToArray());
        RoundTrip(client, shape, PjrtElementType.S32, Enumerable.Range(0, n).Select(i => i * -7 + int.MaxValue / 3).ToArray());
        RoundTrip(client, shape, PjrtElementType.U32, Enumerable.Range(0, n).Select(i => uint.MaxValue - (uint)i).ToArray());
        RoundTrip(client, shape, PjrtElementType.S64, Enumerable.Range(0, n).Select(i => long.MinValue + i).ToArray());
        RoundTrip(client, shape, PjrtElementType.U64, Enumerable.Range(0, n).Select(i => ulong.MaxValue - (ulong)i).ToArray());
        RoundTrip(client, shape, PjrtElementType.S16, Enumerable.Range(0, n).Select(i => (short)(i - 300)).ToArray());
        RoundTrip(client, shape, PjrtElementType.U16, Enumerable.Range(0, n).Select(i => (ushort)(60000 + i)).ToArray());
        RoundTrip(client, shape, PjrtElementType.S8, Enumerable.Range(0, n).Select(i => (sbyte)(i - 100)).ToArray());
        RoundTrip(client, shape, PjrtElementType.U8, Enumerable.Range(0, n).Select(i => (byte)(200 + i)).ToArray());
        RoundTrip(client, shape, PjrtElementType.Pred, Enumerable.Range(0, n).Select(i => i % 3 == 0).ToArray());
        RoundTrip(client, shape, PjrtElementType.F16, Enumerable.Range(0, n).Select(i => (Half)(i * 0.25f)).ToArray());
    }

    [CpuPluginFact]
    public void Bfloat16RoundTripsAsRawBytes()
    {
        using PjrtClient client = TestPjrt.NewClient();
        // bfloat16 is the top half of a float32: 1.0f = 0x3F80, -2.0f = 0xC000.
        byte[] bytes = { 0x80, 0x3F, 0x00, 0xC0, 0x00, 0x00 };
        using PjrtBuffer buffer = client.BufferFromHost(bytes, PjrtElementType.BF16, new long[] { 3 });
        Assert.Equal(PjrtElementType.BF16, buffer.ElementType);
        Assert.Equal(bytes, buffer.ToBytes());
    }

    [CpuPluginFact]
    public void BufferReportsItsDeviceAndSize()
    {
        using PjrtClient client = TestPjrt.NewClient();
        using PjrtBuffer buffer = client.BufferFromHost<double>(new double[6], new long[] { 2, 3 });
        Assert.Same(client.AddressableDevices[0], buffer.Device);
        Assert.Equal(48, buffer.OnDeviceSizeInBytes);
        Assert.Equal(6, buffer.ElementCount);
    }

    [CpuPluginFact]
    public void CopyToFillsASpanOfTheRightLength()
    {
        using PjrtClient client = TestPjrt.NewClient();
        using PjrtBuffer buffer = client.BufferFromHost<int>(new[] { 1, 2, 3 }, new long[] { 3 });
        Span<int> target = stackalloc int[3];
        buffer.CopyTo(target);
        Assert.Equal(new[] { 1, 2, 3 }, target.ToArray());
        var e = Assert.Throws<ArgumentException>(() => buffer.CopyTo(new int[4].AsSpan()));
        Assert.Contains("3", e.Message);
    }

    [CpuPluginFact]
    public void SourceArrayMayChangeRightAfterTheCall()
    {
        using PjrtClient client = TestPjrt.NewClient();
        float[] data = { 1, 2, 3 };
        using PjrtBuffer buffer = client.BufferFromHost<float>(data, new long[] { 3 });
        data[0] = 99;
        Assert.Equal(new float[] { 1, 2, 3 }, buffer.ToArray<float>());
    }

    [CpuPluginFact]
    public void ReadingWithTheWrongTypeNamesBothTypes()
    {
        using PjrtClient client = TestPjrt.NewClient();
        using PjrtBuffer buffer = client.BufferFromHost<float>(new float[2], new long[] { 2 });
        var e = Assert.Throws<ArgumentException>(() => buffer.ToArray<int>());
        Assert.Contains("F32", e.Message);
        Assert.Contains("S32", e.Message);
    }

    [CpuPluginFact]
    public void LengthThatDoesNotMatchTheShapeIsRejected()
    {
        using PjrtClient client = TestPjrt.NewClient();
        var e = Assert.Throws<ArgumentException>(() => client.BufferFromHost<float>(new float[5], new long[] { 2, 3 }));
        Assert.Equal("data", e.ParamName);
        Assert.Contains("6", e.Message);
        Assert.Contains("5", e.Message);
        Assert.Throws<ArgumentException>(() => client.BufferFromHost<float>(new float[0], new long[] { -1 }));
        Assert.Throws<ArgumentException>(() => client.BufferFromHost(new byte[3], PjrtElementType.BF16, new long[] { 2 }));
    }

    [CpuPluginFact]
    public void UnsupportedHostTypeIsRejected()
    {
        using PjrtClient client = TestPjrt.NewClient();
        Assert.Throws<ArgumentException>(() => client.BufferFromHost<decimal>(new decimal[1], new long[] { 1 }));
    }

    private static void RoundTrip<T>(PjrtClient client, long[] shape, PjrtElementType expectedType, T[] data)
        where T : unmanaged
    {
        using PjrtBuffer buffer = client.BufferFromHost<T>(data, shape);
        Assert.Equal(expectedType, buffer.ElementType);
        Assert.Equal(shape, buffer.Dimensions);
        Assert.Equal(data, buffer.ToArray<T>());
    }
}
