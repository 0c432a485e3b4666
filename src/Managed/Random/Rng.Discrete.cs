namespace Axle;

// Discrete samplers, each JAX's algorithm.
public static partial class Rng
{
    /// <summary>Bernoulli(p) as bool: <c>Uniform(key, shape, dtype of p) &lt; p</c> (bit-exact with JAX).</summary>
    /// <param name="key">A <c>u32[2]</c> key.</param>
    /// <param name="p">Probabilities (default 0.5), float.</param>
    /// <param name="shape">Default: <paramref name="p"/>'s shape.</param>
    /// <exception cref="ArgumentException">Not a key, a non-float p, or p does not broadcast to the shape.</exception>
    public static Tensor Bernoulli(Tensor key, Tensor? p = null, int[]? shape = null)
    {
        Tensor pp = p ?? 0.5;
        if (!pp.DType.IsFloat()) throw new ArgumentException($"Rng.Bernoulli: p must be a float; got {pp.DType.ShortName()}{Errors.CallSite()}", nameof(p));
        DType t = pp.IsWeak ? DTypes.DefaultFloat : pp.DType;
        var s = ShapeOf("bernoulli", shape, (nameof(p), pp));
        Prepare("bernoulli", key, s, t);
        return RngProgram.Run1("bernoulli", RngProgram.Statics(s, t), [key, pp], x =>
            Ops.Less(UniformImpl(x[0], s, t, 0.0, 1.0), Ops.ConvertElementType(x[1], t, weak: false)));
    }

    /// <summary>
    /// Categorical samples from unnormalized log-probabilities: <c>argmax(Gumbel + logits)</c> along
    /// <paramref name="axis"/> (JAX's algorithm). The result is I32 of <paramref name="shape"/>, whose
    /// trailing dimensions must be the batch shape (logits without <paramref name="axis"/>).
    /// </summary>
    /// <exception cref="ArgumentException">Not a key, or a shape that does not end in the batch shape.</exception>
    public static Tensor Categorical(Tensor key, Tensor logits, int axis = -1, int[]? shape = null)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Rank < 1) throw new ArgumentException($"Rng.Categorical: logits need an axis; got a scalar{Errors.CallSite()}", nameof(logits));
        int a = Errors.NormalizeAxis("categorical", axis, logits.Rank);
        var t = FloatDType(null, logits);
        int[] batch = logits.Shape.Where((_, i) => i != a).Select(d => d.Value).ToArray();
        shape ??= batch;
        if (shape.Length < batch.Length || !shape[(shape.Length - batch.Length)..].SequenceEqual(batch))
            throw new ArgumentException($"Rng.Categorical: shape ({string.Join(", ", shape)}) must end in the batch shape ({string.Join(", ", batch)}){Errors.CallSite()}", nameof(shape));
        int[] prefix = shape[..(shape.Length - batch.Length)];
        var gshape = batch.ToList();
        gshape.Insert(a, logits.Shape[a]);
        int[] full = [.. prefix, .. gshape];
        Prepare("categorical", key, full, t);
        return RngProgram.Run1("categorical", RngProgram.Statics(full, t, a), [key, logits], x =>
        {
            var l = Ops.ConvertElementType(x[1], t, weak: false);
            for (int i = 0; i < prefix.Length; i++) l = Ops.ExpandDims(l, 0);
            return Ops.Astype(Ops.ArgMax(Ops.Add(GumbelImpl(x[0], full, t), l), prefix.Length + a), DType.I32);
        });
    }

    /// <summary>
    /// Random integers in [<paramref name="minval"/>, <paramref name="maxval"/>) (JAX's <c>random.randint</c>:
    /// two words of random bits reduced modulo the span; a span ≤ 0 gives minval).
    /// </summary>
    /// <exception cref="ArgumentException">Not a key, or a non-integer dtype.</exception>
    public static Tensor Randint(Tensor key, int[] shape, Tensor minval, Tensor maxval, DType dtype = DType.I32)
    {
        ArgumentNullException.ThrowIfNull(minval);
        ArgumentNullException.ThrowIfNull(maxval);
        CheckShape("randint", shape);
        CheckKey("randint", key);
        if (!dtype.IsInteger()) throw new ArgumentException($"Rng.Randint: dtype must be an integer dtype; got {dtype.ShortName()}{Errors.CallSite()}", nameof(dtype));
        CheckBroadcast("randint", shape, ("minval", minval), ("maxval", maxval));
        return RngProgram.Run1("randint", RngProgram.Statics(shape, dtype), [key, minval, maxval], x => RandintImpl(x[0], shape, x[1], x[2], dtype));
    }

    /// <summary>A random permutation of <c>0 .. n-1</c> (I32), JAX's sort-based shuffle.</summary>
    /// <exception cref="ArgumentException">Not a key, or a negative <paramref name="n"/>.</exception>
    public static Tensor Permutation(Tensor key, int n)
    {
        CheckKey("permutation", key);
        if (n < 0) throw new ArgumentException($"Rng.Permutation: n must be non-negative; got {n}{Errors.CallSite()}", nameof(n));
        return RngProgram.Run1("permutation", RngProgram.Statics(n), [key], x => Shuffle(x[0], Ops.Arange(n)));
    }

    /// <summary><paramref name="x"/> with its slices along <paramref name="axis"/> randomly permuted (JAX's <c>permutation(key, x, axis)</c>).</summary>
    /// <exception cref="ArgumentException">Not a key, or a scalar <paramref name="x"/>.</exception>
    public static Tensor Permutation(Tensor key, Tensor x, int axis = 0)
    {
        CheckKey("permutation", key);
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 0) throw new ArgumentException($"Rng.Permutation: x must have an axis; got a scalar{Errors.CallSite()}", nameof(x));
        int a = Errors.NormalizeAxis("permutation", axis, x.Rank);
        return RngProgram.Run1("permutation_x", RngProgram.Statics(a), [key, x], v => Ops.Take(v[1], Shuffle(v[0], Ops.Arange(v[1].Shape[a])), a));
    }

    /// <summary>
    /// Draws <paramref name="shape"/> indices from <c>0 .. n-1</c> (JAX's <c>random.choice</c>): uniform
    /// with replacement via Randint; without replacement the first draws of a permutation; with
    /// <paramref name="p"/> and replacement, inverse-CDF search; with p and without replacement, Gumbel top-k.
    /// </summary>
    /// <exception cref="ArgumentException">Not a key, more draws than <paramref name="n"/> without replacement, or p of the wrong shape.</exception>
    public static Tensor Choice(Tensor key, int n, int[]? shape = null, bool replace = true, Tensor? p = null)
    {
        CheckKey("choice", key);
        shape ??= [];
        CheckShape("choice", shape);
        int draws = shape.Aggregate(1, (x, y) => x * y);
        if (!replace && draws > n)
            throw new ArgumentException($"Rng.Choice: cannot take {draws} samples from {n} without replacement{Errors.CallSite()}", nameof(shape));
        if (p is null)
        {
            if (replace) return Randint(key, shape, 0, n);
            return RngProgram.Run1("choice_perm", RngProgram.Statics(n, shape), [key], x => Ops.Reshape(Ops.Slice(Shuffle(x[0], Ops.Arange(n)), [0], [draws], [1]), shape));
        }
        if (p.Rank != 1 || p.Shape[0] != n)
            throw new ArgumentException($"Rng.Choice: p must have shape ({n}); got {p.Shape}{Errors.CallSite()}", nameof(p));
        var t = FloatDType(null, p);
        return RngProgram.Run1("choice_p", RngProgram.Statics(n, shape, replace, t), [key, p], x =>
        {
            var pp = Ops.ConvertElementType(x[1], t, weak: false);
            if (replace)
            {
                var cdf = Ops.Cumsum(pp);
                var total = Ops.Reshape(Ops.Slice(cdf, [n - 1], [n], [1]));
                var r = Ops.Multiply(total, Ops.Subtract(Ops.ConvertElementType(1.0, t, weak: false), UniformImpl(x[0], shape, t, 0.0, 1.0)));
                // searchsorted(cdf, r, side='left'): the number of cdf entries below r.
                var below = Ops.Less(Ops.Reshape(cdf, [.. Enumerable.Repeat(1, shape.Length), n]), Ops.ExpandDims(r, -1));
                return Ops.Astype(Ops.Sum(Ops.Astype(below, DType.I32), -1), DType.I32);
            }
            var g = Ops.Add(GumbelImpl(x[0], [n], t), Ops.Log(pp));
            return Ops.Reshape(Ops.TopK(g, draws).Indices, shape);
        });
    }

    internal static Tensor RandintImpl(Tensor key, int[] shape, Tensor minval, Tensor maxval, DType dtype)
    {
        int nbits = dtype.ByteSize() * 8;
        DType ut = FloatBits.Unsigned(nbits);
        if (!minval.DType.IsInteger()) minval = Ops.Astype(minval, DType.I64);
        if (!maxval.DType.IsInteger()) maxval = Ops.Astype(maxval, DType.I64);
        // Compare in a dtype wide enough for both the bound and dtype's range.
        DType wide = dtype.IsUnsigned() && nbits == 64 ? DType.U64 : DType.I64;
        long dtypeMax = dtype switch
        {
            DType.I8 => sbyte.MaxValue,
            DType.I16 => short.MaxValue,
            DType.I32 => int.MaxValue,
            DType.U8 => byte.MaxValue,
            DType.U16 => ushort.MaxValue,
            DType.U32 => uint.MaxValue,
            _ => long.MaxValue,
        };
        var maxWide = Ops.Astype(maxval, wide);
        var outOfRange = Ops.Greater(maxWide, Ops.ConvertElementType(dtypeMax, wide, weak: false));
        Tensor Clip(Tensor v) => Ops.Astype(Ops.Clip(Ops.Astype(v, wide), Ops.ConvertElementType(dtype.IsUnsigned() ? 0 : -dtypeMax - 1, wide, weak: false),
            Ops.ConvertElementType(dtypeMax, wide, weak: false)), dtype);
        var lo = Ops.BroadcastTo(Clip(minval), shape);
        var hi = Ops.BroadcastTo(Clip(maxval), shape);
        outOfRange = Ops.BroadcastTo(outOfRange, shape);
        var higher = BitsImpl(SplitAt(key, 0), shape, ut);
        var lower = BitsImpl(SplitAt(key, 1), shape, ut);
        var one = Ops.ConvertElementType(1, ut, weak: false);
        var span = Ops.ConvertElementType(Ops.Subtract(hi, lo), ut, weak: false);
        span = Ops.Where(Ops.LessEqual(hi, lo), one, span);
        span = Ops.Where(Ops.LogicalAnd(outOfRange, Ops.Greater(hi, lo)), Ops.Add(span, one), span);
        var multiplier = Prims.Rem.Bind1([Ops.BroadcastTo(Ops.ConvertElementType(1L << (nbits / 2), ut, weak: false), shape), span]);
        multiplier = Prims.Rem.Bind1([Ops.Multiply(multiplier, multiplier), span]);
        var offset = Ops.Add(Ops.Multiply(Prims.Rem.Bind1([higher, span]), multiplier), Prims.Rem.Bind1([lower, span]));
        offset = Prims.Rem.Bind1([offset, span]);
        return Ops.Add(lo, Ops.ConvertElementType(offset, dtype, weak: false));
    }

    /// <summary>JAX's <c>_shuffle</c>: ceil(3 ln(size) / ln(2³²-1)) rounds of sorting by fresh random u32 keys.</summary>
    internal static Tensor Shuffle(Tensor key, Tensor x)
    {
        int size = (int)x.Shape.ElementCount;
        int rounds = (int)Math.Ceiling(3 * Math.Log(Math.Max(1, size)) / Math.Log(uint.MaxValue));
        for (int r = 0; r < rounds; r++)
        {
            var pair = SplitImpl(key, [2]);
            key = Row(pair, 0);
            var sortKeys = BitsImpl(Row(pair, 1), x.Shape.ToArray(), DType.U32);
            x = Prims.Sort.Bind([sortKeys, x], new SortParams(Dimension: 0, NumKeys: 1, Descending: false, IsStable: true))[1];
        }
        return x;
    }
}
