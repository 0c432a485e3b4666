namespace Axle;

/// <summary>Per-dtype float facts the samplers need (numpy's <c>finfo</c>), and bit-level nextafter.</summary>
internal static class FloatBits
{
    /// <summary>Explicit mantissa bits.</summary>
    public static int Mantissa(DType t) => t switch
    {
        DType.F16 => 10,
        DType.BF16 => 7,
        DType.F32 => 23,
        DType.F64 => 52,
        _ => throw new ArgumentException($"{t.ShortName()} is not a float dtype"),
    };

    /// <summary>The bits of 1.0.</summary>
    public static long OneBits(DType t) => t switch
    {
        DType.F16 => 0x3C00,
        DType.BF16 => 0x3F80,
        DType.F32 => 0x3F800000,
        DType.F64 => 0x3FF0000000000000,
        _ => throw new ArgumentException($"{t.ShortName()} is not a float dtype"),
    };

    /// <summary>The unsigned dtype of <paramref name="bits"/> bits.</summary>
    public static DType Unsigned(int bits) => bits switch
    {
        8 => DType.U8,
        16 => DType.U16,
        32 => DType.U32,
        64 => DType.U64,
        _ => throw new ArgumentException($"no unsigned dtype of {bits} bits"),
    };

    /// <summary>The signed dtype of <paramref name="bits"/> bits.</summary>
    public static DType Signed(int bits) => bits switch
    {
        8 => DType.I8,
        16 => DType.I16,
        32 => DType.I32,
        64 => DType.I64,
        _ => throw new ArgumentException($"no signed dtype of {bits} bits"),
    };

    /// <summary>The gap between 1 and the next float (finfo.eps).</summary>
    public static double Eps(DType t) => Math.ScaleB(1, -Mantissa(t));

    /// <summary>The gap between 1 and the float below it (finfo.epsneg).</summary>
    public static double EpsNeg(DType t) => Math.ScaleB(1, -Mantissa(t) - 1);

    /// <summary>The smallest positive normal float (finfo.tiny).</summary>
    public static double Tiny(DType t) => t switch
    {
        DType.F16 => Math.ScaleB(1, -14),
        DType.BF16 or DType.F32 => Math.ScaleB(1, -126),
        _ => Math.ScaleB(1, -1022),
    };

    /// <summary>A scalar literal of <paramref name="dtype"/> holding <paramref name="bits"/> (an integer dtype).</summary>
    public static Tensor Literal(long bits, DType dtype) => Ops.ConvertElementType(bits, dtype, weak: false);

    /// <summary>
    /// The next float after <paramref name="x"/> toward +∞ (<paramref name="up"/>) or -∞, by
    /// stepping the bit pattern (XLA's nextafter): ±0 steps to the smallest subnormal; NaN stays.
    /// </summary>
    public static Tensor NextAfter(Tensor x, bool up)
    {
        DType t = x.DType, it = Signed(t.ByteSize() * 8);
        var bits = Prims.BitcastConvertType.Bind1([x], new BitcastConvertTypeParams(it));
        var one = Literal(1, it);
        // Away from zero on the far side, toward zero on the near side.
        var stepped = Ops.Where(up ? Ops.Greater(x, 0.0) : Ops.Less(x, 0.0), Ops.Add(bits, one), Ops.Subtract(bits, one));
        long smallest = up ? 1 : (1L << (t.ByteSize() * 8 - 1)) | 1;
        stepped = Ops.Where(Ops.Equal(x, 0.0), Literal(smallest, it), stepped);
        var result = Prims.BitcastConvertType.Bind1([stepped], new BitcastConvertTypeParams(t));
        var stay = Ops.LogicalOr(Ops.IsNan(x), Ops.Equal(x, up ? double.PositiveInfinity : double.NegativeInfinity));
        return Ops.Where(stay, x, result);
    }
}
