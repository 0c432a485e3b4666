namespace Axle;

/// <summary>
/// Threefry-2x32 (Salmon et al., Random123), 20 rounds, written with u32 integer ops (add, xor,
/// shifts, or) so it lowers to plain StableHLO and every plugin computes the same bits as JAX.
/// </summary>
internal static class Threefry
{
    private static readonly int[] RotationsA = [13, 15, 26, 6];
    private static readonly int[] RotationsB = [17, 29, 16, 24];

    /// <summary>A u32 scalar literal (a host scalar, so it lowers to a constant, never a parameter).</summary>
    public static Tensor U32(long value) => Ops.ConvertElementType(value & 0xFFFFFFFFL, DType.U32, weak: false);

    /// <summary>
    /// threefry2x32 of key words (<paramref name="k0"/>, <paramref name="k1"/>) and counter words
    /// (<paramref name="x0"/>, <paramref name="x1"/>); all u32, broadcasting, arithmetic mod 2³².
    /// </summary>
    public static (Tensor Y0, Tensor Y1) Hash(Tensor k0, Tensor k1, Tensor x0, Tensor x1)
    {
        Tensor k2 = Ops.BitwiseXor(Ops.BitwiseXor(k0, k1), U32(0x1BD11BDA));
        Tensor[] ks = [k0, k1, k2];
        x0 = Ops.Add(x0, ks[0]);
        x1 = Ops.Add(x1, ks[1]);
        for (int block = 0; block < 5; block++)
        {
            foreach (int r in block % 2 == 0 ? RotationsA : RotationsB)
            {
                x0 = Ops.Add(x0, x1);
                x1 = RotateLeft(x1, r);
                x1 = Ops.BitwiseXor(x1, x0);
            }
            x0 = Ops.Add(x0, ks[(block + 1) % 3]);
            x1 = Ops.Add(x1, Ops.Add(ks[(block + 2) % 3], U32(block + 1)));
        }
        return (x0, x1);
    }

    /// <summary>
    /// The 64-bit flat index of each element of <paramref name="shape"/> as (hi, lo) u32 words
    /// (JAX's <c>iota_2x32_shape</c>); a scalar shape counts (0, 0).
    /// </summary>
    public static (Tensor Hi, Tensor Lo) Counters(int[] shape)
    {
        long n = shape.Aggregate(1L, (a, d) => a * d);
        if (n > int.MaxValue)
            throw Errors.Arg("random_bits", "shape", $"shape ({string.Join(", ", shape)}) has more than 2^31 - 1 elements");
        Tensor lo = Ops.Reshape(Ops.Arange(0, (int)n, 1, DType.U32), shape);
        Tensor hi = Ops.Full(shape, 0, DType.U32);
        return (hi, lo);
    }

    private static Tensor RotateLeft(Tensor x, int r) =>
        Ops.BitwiseOr(Ops.ShiftLeft(x, U32(r)), Ops.ShiftRight(x, U32(32 - r)));
}
