namespace Axle.Tests.RandomNumbers;

/// <summary>Threefry, keys and bits: exact values from Random123 and JAX (partitionable mode).</summary>
public class KeyTests
{
    private static uint[] Hash(uint k0, uint k1, uint x0, uint x1)
    {
        var (y0, y1) = Threefry.Hash(Tensor.From(k0), Tensor.From(k1), Tensor.From(x0), Tensor.From(x1));
        return [y0.Item<uint>(), y1.Item<uint>()];
    }

    [Theory]
    [InlineData(0u, 0u, 0u, 0u, 0x6B200159u, 0x99BA4EFEu)]
    [InlineData(0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0x1CB996FCu, 0xBB002BE7u)]
    [InlineData(0x13198A2Eu, 0x03707344u, 0x243F6A88u, 0x85A308D3u, 0xC4923A9Cu, 0x483DF7A0u)]
    public void ThreefryMatchesRandom123(uint k0, uint k1, uint x0, uint x1, uint y0, uint y1) =>
        Assert.Equal(new[] { y0, y1 }, Hash(k0, k1, x0, x1));

    [Fact]
    public void KeyFromSeed()
    {
        Assert.Equal(new uint[] { 0, 0 }, Rng.Key(0).ToArray<uint>());
        Assert.Equal(new uint[] { 0, 42 }, Rng.Key(42).ToArray<uint>());
        Assert.Equal(new uint[] { 1, 2 }, Rng.Key((1L << 32) | 2).ToArray<uint>());
        Assert.Equal(new uint[] { 0xFFFFFFFF, 0xFFFFFFFF }, Rng.Key(-1).ToArray<uint>());
        Assert.Equal(DType.U32, Rng.Key(0).DType);
    }

    [Fact]
    public void SplitMatchesJax()
    {
        var two = Rng.Split(Rng.Key(0));
        Assert.Equal(new Shape(2, 2), two.Shape);
        Assert.Equal(new uint[] { 1797259609, 2579123966, 928981903, 3453687069 }, two.ToArray<uint>());
        var four = Rng.Split(Rng.Key(0), 4);
        Assert.Equal(new uint[]
        {
            1797259609, 2579123966, 928981903, 3453687069, 4146024105, 2718843009, 2467461003, 3840466878,
        }, four.ToArray<uint>());
    }

    [Fact]
    public void SplitWithShapeIsRowMajorSplit()
    {
        var grid = Rng.Split(Rng.Key(7), [2, 3]);
        Assert.Equal(new Shape(2, 3, 2), grid.Shape);
        Assert.Equal(Rng.Split(Rng.Key(7), 6).ToArray<uint>(), grid.ToArray<uint>());
    }

    [Fact]
    public void FoldInMatchesJaxAndSplit()
    {
        Assert.Equal(new uint[] { 928981903, 3453687069 }, Rng.FoldIn(Rng.Key(0), 1).ToArray<uint>());
        var keys = Rng.Split(Rng.Key(123), 5).ToArray<uint>();
        for (int i = 0; i < 5; i++)
            Assert.Equal(keys[(2 * i)..(2 * i + 2)], Rng.FoldIn(Rng.Key(123), i).ToArray<uint>());
        // Data converts to u32 wrapping, as jnp.uint32.
        Assert.Equal(Rng.FoldIn(Rng.Key(3), Tensor.From(uint.MaxValue)).ToArray<uint>(), Rng.FoldIn(Rng.Key(3), -1).ToArray<uint>());
    }

    [Fact]
    public void BitsAreXorOfThreefryWords()
    {
        var bits = Rng.Bits(Rng.Key(5), [4]).ToArray<uint>();
        for (uint i = 0; i < 4; i++)
        {
            var y = Hash(0, 5, 0, i);
            Assert.Equal(y[0] ^ y[1], bits[i]);
        }
        var scalar = Hash(0, 5, 0, 0);
        Assert.Equal(scalar[0] ^ scalar[1], Rng.Bits(Rng.Key(5)).Item<uint>());
        var wide = Rng.Bits(Rng.Key(5), [3], DType.U64).ToArray<ulong>();
        for (uint i = 0; i < 3; i++)
        {
            var y = Hash(0, 5, 0, i);
            Assert.Equal(((ulong)y[0] << 32) | y[1], wide[i]);
        }
        var bytes = Rng.Bits(Rng.Key(5), [4], DType.U8).ToArray<byte>();
        var halves = Rng.Bits(Rng.Key(5), [4], DType.U16).ToArray<ushort>();
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal((byte)bits[i], bytes[i]);
            Assert.Equal((ushort)bits[i], halves[i]);
        }
    }

    [Fact]
    public void UniformMatchesJax()
    {
        var u = Rng.Uniform(Rng.Key(0), [3]).ToArray<float>();
        Assert.Equal(new[] { 0.947667f, 0.9785799f, 0.33229148f }, u);
        // The bit recipe, checked element by element against Bits.
        var bits = Rng.Bits(Rng.Key(0), [3]).ToArray<uint>();
        for (int i = 0; i < 3; i++)
            Assert.Equal(BitConverter.UInt32BitsToSingle((bits[i] >> 9) | 0x3F800000u) - 1f, u[i]);
        var d = Rng.Uniform(Rng.Key(0), [3], DType.F64).ToArray<double>();
        var bits64 = Rng.Bits(Rng.Key(0), [3], DType.U64).ToArray<ulong>();
        for (int i = 0; i < 3; i++)
            Assert.Equal(BitConverter.UInt64BitsToDouble((bits64[i] >> 12) | 0x3FF0000000000000UL) - 1.0, d[i]);
    }

    [Fact]
    public void UniformScalesAndClampsLowerBound()
    {
        var u = Rng.Uniform(Rng.Key(0), [3]).ToArray<float>();
        var s = Rng.Uniform(Rng.Key(0), [3], min: -2.0, max: 3.0).ToArray<float>();
        for (int i = 0; i < 3; i++) Assert.Equal(MathF.Max(-2f, u[i] * 5f + -2f), s[i]);
        var perRow = Rng.Uniform(Rng.Key(0), [2, 3], min: Tensor.From(new float[] { 0, 10, 20 }), max: 100.0);
        Assert.Equal(new Shape(2, 3), perRow.Shape);
        var v = perRow.ToArray<float>();
        Assert.True(v[1] >= 10 && v[2] >= 20 && v.All(x => x < 100));
    }

    [Fact]
    public void BadKeysAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Rng.Split(Tensor.From(new float[] { 0, 0 })));
        Assert.Equal("key", e.ParamName);
        Assert.Contains("u32[2]", e.Message);
        var batch = Assert.Throws<ArgumentException>(() => Rng.Normal(Rng.Split(Rng.Key(0), 3), [2]));
        Assert.Contains("Vmap", batch.Message);
        Assert.Throws<ArgumentException>(() => Rng.Bits(Rng.Key(0), [2], DType.I32));
        Assert.Throws<ArgumentException>(() => Rng.Uniform(Rng.Key(0), [2], DType.I32));
        Assert.Throws<ArgumentException>(() => Rng.Uniform(Rng.Key(0), [-1]));
        Assert.Throws<ArgumentException>(() => Rng.Uniform(Rng.Key(0), [2], min: Tensor.From(new float[] { 0, 1, 2 })));
    }
}
