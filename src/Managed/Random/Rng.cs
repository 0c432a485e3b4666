namespace Axle;

/// <summary>
/// Random numbers as JAX's <c>jax.random</c>: a key is an ordinary <c>u32[2]</c> threefry key,
/// every function takes its key first and never changes it, and the bits are exactly JAX's
/// (≥ 0.5, partitionable threefry). Keys work in every transform (<c>Ax.Vmap</c> over a batch
/// of keys <c>u32[n, 2]</c>, <c>Ax.Jit</c>, <c>Ax.Grad</c>: no derivative flows through keys).
/// Use a key once: split it (<see cref="Split(Tensor, int)"/>) or fold data into it
/// (<see cref="FoldIn"/>) to get independent keys.
/// </summary>
public static partial class Rng
{
    /// <summary>A key from a 64-bit seed: <c>[seed &gt;&gt;&gt; 32, seed &amp; 0xFFFFFFFF]</c> (JAX with 64-bit seeds; the same as JAX's default for 0 ≤ seed &lt; 2³¹).</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>A <c>u32[2]</c> key.</returns>
    public static Tensor Key(long seed) => Tensor.From(new[] { (uint)((ulong)seed >> 32), (uint)(seed & 0xFFFFFFFFL) }, 2);

    /// <summary>Splits <paramref name="key"/> into <paramref name="num"/> new keys, <c>u32[num, 2]</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not a <c>u32[2]</c> key, or <paramref name="num"/> is negative.</exception>
    public static Tensor Split(Tensor key, int num = 2)
    {
        if (num < 0) throw new ArgumentOutOfRangeException(nameof(num), $"Rng.Split: num must be non-negative; got {num}");
        return Split(key, [num]);
    }

    /// <summary>
    /// Keys of shape <c>shape + [2]</c>: the key at flat index i is threefry(key, (hi(i), lo(i)))
    /// (partitionable mode), so <c>Split(key, n)[i] == FoldIn(key, i)</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not a <c>u32[2]</c> key, or the shape is negative.</exception>
    public static Tensor Split(Tensor key, int[] shape)
    {
        CheckShape("split", shape);
        CheckKey("split", key);
        return RngProgram.Run1("split", RngProgram.Statics(shape), [key], a => SplitImpl(a[0], shape));
    }

    /// <summary>A new key from <paramref name="key"/> and an integer <paramref name="data"/> (converted to u32, wrapping).</summary>
    /// <param name="key">A <c>u32[2]</c> key.</param>
    /// <param name="data">An integer scalar (a C# int converts).</param>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not a key, or <paramref name="data"/> is not an integer scalar.</exception>
    public static Tensor FoldIn(Tensor key, Tensor data)
    {
        CheckKey("fold_in", key);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Rank != 0 || !data.DType.IsInteger())
            throw new ArgumentException($"Rng.FoldIn: data must be an integer scalar; got {data.Aval}{Errors.CallSite()}", nameof(data));
        return RngProgram.Run1("fold_in", "", [key, data], a => FoldInImpl(a[0], a[1]));
    }

    /// <summary>
    /// Uniformly random unsigned integers of <paramref name="dtype"/> (U8, U16, U32 or U64), JAX's
    /// <c>random.bits</c>: 32-bit bits at flat index i are <c>y0 ^ y1</c> of threefry(key, (hi(i), lo(i)));
    /// 64-bit are <c>y0 &lt;&lt; 32 | y1</c>; 8/16-bit truncate the 32-bit ones.
    /// </summary>
    /// <exception cref="ArgumentException">Not a key, or <paramref name="dtype"/> is not an unsigned integer.</exception>
    public static Tensor Bits(Tensor key, int[]? shape = null, DType dtype = DType.U32)
    {
        shape ??= [];
        CheckShape("bits", shape);
        CheckKey("bits", key);
        if (!dtype.IsUnsigned())
            throw new ArgumentException($"Rng.Bits: dtype must be an unsigned integer (u8, u16, u32, u64); got {dtype.ShortName()}{Errors.CallSite()}", nameof(dtype));
        return RngProgram.Run1("bits", RngProgram.Statics(shape, dtype), [key], a => BitsImpl(a[0], shape, dtype));
    }

    // ---------------- implementations (run in any trace) ----------------

    internal static Tensor SplitImpl(Tensor key, int[] shape)
    {
        var (k0, k1) = Words(key);
        var (hi, lo) = Threefry.Counters(shape);
        var (y0, y1) = Threefry.Hash(k0, k1, hi, lo);
        return Ops.Stack([y0, y1], shape.Length);
    }

    internal static Tensor FoldInImpl(Tensor key, Tensor data)
    {
        var (k0, k1) = Words(key);
        var d = Ops.ConvertElementType(data, DType.U32, weak: false);
        var (y0, y1) = Threefry.Hash(k0, k1, Threefry.U32(0), d);
        return Ops.Stack([y0, y1], 0);
    }

    /// <summary>The i-th of any number of split keys (= <c>FoldIn(key, i)</c>), without computing the others.</summary>
    internal static Tensor SplitAt(Tensor key, int i) => FoldInImpl(key, i);

    internal static Tensor BitsImpl(Tensor key, int[] shape, DType dtype)
    {
        var (k0, k1) = Words(key);
        var (hi, lo) = Threefry.Counters(shape);
        var (y0, y1) = Threefry.Hash(k0, k1, hi, lo);
        if (dtype == DType.U64)
        {
            var high = Ops.ConvertElementType(y0, DType.U64, weak: false);
            var low = Ops.ConvertElementType(y1, DType.U64, weak: false);
            return Ops.BitwiseOr(Ops.ShiftLeft(high, Ops.ConvertElementType(32, DType.U64, weak: false)), low);
        }
        var bits = Ops.BitwiseXor(y0, y1);
        return dtype == DType.U32 ? bits : Ops.ConvertElementType(bits, dtype, weak: false);
    }

    /// <summary>The key's two words as u32 scalars.</summary>
    internal static (Tensor K0, Tensor K1) Words(Tensor key)
    {
        Tensor Word(int i) => Prims.Reshape.Bind1([Ops.Slice(key, [i], [i + 1], [1])], new ReshapeParams(Array.Empty<int>()));
        return (Word(0), Word(1));
    }

    internal static void CheckKey(string op, Tensor key)
    {
        ArgumentNullException.ThrowIfNull(key);
        key.ThrowIfDisposed();
        if (key.DType != DType.U32 || key.Rank != 1 || !key.Shape[0].IsKnown || key.Shape[0] != 2)
        {
            string hint = key.DType == DType.U32 && key.Rank > 1 && key.Shape[^1].IsKnown && key.Shape[^1] == 2
                ? $"; this is a batch of keys: map over it with Ax.Vmap"
                : "; make keys with Rng.Key, Rng.Split or Rng.FoldIn";
            throw new ArgumentException($"Rng.{Pascal(op)}: a key is u32[2]; got {key.Aval}{hint}{Errors.CallSite()}", nameof(key));
        }
    }

    internal static void CheckShape(string op, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Any(d => d < 0))
            throw new ArgumentException($"Rng.{Pascal(op)}: shape ({string.Join(", ", shape)}) has a negative dimension{Errors.CallSite()}", nameof(shape));
    }

    private static string Pascal(string op) => string.Concat(op.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
