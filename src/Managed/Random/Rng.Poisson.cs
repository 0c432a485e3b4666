namespace Axle;

// Poisson sampling as JAX's random.poisson: lam is f32; Knuth's product of uniforms where
// lam < 10 (or NaN), Hörmann's transformed rejection elsewhere, both run over the whole shape with
// the SAME key and the result picked per element; lam == 0 gives 0. Each loop runs while any
// element still needs it, so every element sees exactly the draws JAX gives it.
public static partial class Rng
{
    /// <summary>
    /// Poisson(lam) samples (JAX's <c>random.poisson</c>): Knuth's algorithm for <c>lam &lt; 10</c>,
    /// transformed rejection (Hörmann) for <c>lam ≥ 10</c>, chosen per element; computed in f32.
    /// </summary>
    /// <param name="key">A <c>u32[2]</c> key.</param>
    /// <param name="lam">Rates (≥ 0), broadcast to <paramref name="shape"/>.</param>
    /// <param name="shape">Default: <paramref name="lam"/>'s shape.</param>
    /// <param name="dtype">Integer dtype of the counts (default I32).</param>
    /// <exception cref="ArgumentException">Not a key, a non-integer dtype, or <paramref name="lam"/> does not broadcast.</exception>
    public static Tensor Poisson(Tensor key, Tensor lam, int[]? shape = null, DType dtype = DType.I32)
    {
        ArgumentNullException.ThrowIfNull(lam);
        var s = ShapeOf("poisson", shape, (nameof(lam), lam));
        CheckShape("poisson", s);
        CheckKey("poisson", key);
        if (!dtype.IsInteger() || dtype == DType.Bool)
            throw new ArgumentException($"Rng.Poisson: dtype must be an integer dtype; got {dtype.ShortName()}{Errors.CallSite()}", nameof(dtype));
        return RngProgram.Run1("poisson", RngProgram.Statics(s, dtype), [key, lam], x => PoissonImpl(x[0], x[1], s, dtype));
    }

    internal static Tensor PoissonImpl(Tensor key, Tensor lam, int[] shape, DType dtype)
    {
        // Counts are integers: no derivative flows to lam (and none may enter the loops).
        lam = Ops.BroadcastTo(Ops.ConvertElementType(Ax.StopGradient(lam), DType.F32, weak: false), shape);
        var useKnuth = Ops.LogicalOr(Ops.IsNan(lam), Ops.Less(lam, F32(10)));
        var lamKnuth = Ops.Where(useKnuth, lam, Ops.ZerosLike(lam));
        // Rejection's acceptance tends to 89% as lam grows, so unused elements run at a large rate.
        var lamRejection = Ops.Where(useKnuth, Ops.FullLike(lam, F32(1e5)), lam);
        int maxIters = MaxIterations(dtype);
        var result = Ops.Where(useKnuth, PoissonKnuth(key, lamKnuth, shape, dtype, maxIters), PoissonRejection(key, lamRejection, shape, dtype, maxIters));
        return Ops.Where(Ops.Equal(lam, F32(0)), Ops.ZerosLike(result), result);
    }

    /// <summary>JAX's <c>_poisson_knuth</c>: count uniforms until their log-product falls to -lam.</summary>
    private static Tensor PoissonKnuth(Tensor key, Tensor lam, int[] shape, DType dtype, int maxIters)
    {
        Tensor[] init = [I32(0), Ops.Zeros(shape, dtype), key, Ops.Zeros(shape, DType.F32), lam, I32(maxIters)];
        var state = Loop.While(init,
            s => Ops.LogicalAnd(Ops.Any(Ops.Greater(s[3], Ops.Negate(s[4]))), Ops.Less(s[0], s[5])),
            s =>
            {
                var two = SplitImpl(s[2], [2]);
                var k = Ops.Where(Ops.Greater(s[3], Ops.Negate(s[4])), Ops.Add(s[1], Ops.ConvertElementType(1, dtype, weak: false)), s[1]);
                var u = UniformImpl(Row(two, 1), shape, DType.F32, 0.0, 1.0);
                return [Ops.Add(s[0], I32(1)), k, Row(two, 0), Ops.Add(s[3], Ops.Log(u)), s[4], s[5]];
            });
        return Ops.Subtract(state[1], Ops.ConvertElementType(1, dtype, weak: false));
    }

    /// <summary>JAX's <c>_poisson_rejection</c>: Hörmann's transformed rejection (PTRS), accepted elements keep their first k.</summary>
    private static Tensor PoissonRejection(Tensor key, Tensor lam, int[] shape, DType dtype, int maxIters)
    {
        Tensor[] init = [I32(0), Ops.Full(shape, F32(-1), DType.F32), Ops.Full(shape, false, DType.Bool), key, lam, I32(maxIters)];
        var state = Loop.While(init,
            s => Ops.LogicalAnd(Ops.Any(Ops.LogicalNot(s[2])), Ops.Less(s[0], s[5])),
            s =>
            {
                Tensor l = s[4];
                var logLam = Ops.Log(l);
                var b = Ops.Add(F32(0.931), Ops.Multiply(F32(2.53), Ops.Sqrt(l)));
                var a = Ops.Add(F32(-0.059), Ops.Multiply(F32(0.02483), b));
                var invAlpha = Ops.Add(F32(1.1239), Ops.Divide(F32(1.1328), Ops.Subtract(b, F32(3.4))));
                var vR = Ops.Subtract(F32(0.9277), Ops.Divide(F32(3.6224), Ops.Subtract(b, F32(2))));

                var three = SplitImpl(s[3], [3]);
                var u = Ops.Subtract(UniformImpl(Row(three, 1), shape, DType.F32, 0.0, 1.0), F32(0.5));
                var v = UniformImpl(Row(three, 2), shape, DType.F32, 0.0, 1.0);
                var uShifted = Ops.Subtract(F32(0.5), Ops.Abs(u));

                var k = Ops.Floor(Ops.Add(Ops.Add(Ops.Multiply(Ops.Add(Ops.Divide(Ops.Multiply(F32(2), a), uShifted), b), u), l), F32(0.43)));
                var sLog = Ops.Log(Ops.Divide(Ops.Multiply(v, invAlpha), Ops.Add(Ops.Divide(a, Ops.Multiply(uShifted, uShifted)), b)));
                var t = Ops.Subtract(Ops.Add(Ops.Negate(l), Ops.Multiply(k, logLam)), Ops.Lgamma(Ops.Add(k, F32(1))));

                var accept1 = Ops.LogicalAnd(Ops.GreaterEqual(uShifted, F32(0.07)), Ops.LessEqual(v, vR));
                var reject = Ops.LogicalOr(Ops.Less(k, F32(0)), Ops.LogicalAnd(Ops.Less(uShifted, F32(0.013)), Ops.Greater(v, uShifted)));
                var accept = Ops.LogicalOr(accept1, Ops.LogicalAnd(Ops.LogicalNot(reject), Ops.LessEqual(sLog, t)));
                return [Ops.Add(s[0], I32(1)), Ops.Where(accept, k, s[1]), Ops.LogicalOr(s[2], accept), Row(three, 0), l, s[5]];
            });
        return Ops.Astype(state[1], dtype);
    }

    /// <summary>JAX bounds its loops by the count dtype's maximum (never reached in practice); the counter here is i32.</summary>
    private static int MaxIterations(DType dtype) => dtype switch
    {
        DType.I8 => sbyte.MaxValue,
        DType.U8 => byte.MaxValue,
        DType.I16 => short.MaxValue,
        DType.U16 => ushort.MaxValue,
        _ => int.MaxValue,
    };

    private static Tensor F32(double v) => Ops.ConvertElementType(v, DType.F32, weak: false);

    private static Tensor I32(int v) => Ops.ConvertElementType(v, DType.I32, weak: false);
}
