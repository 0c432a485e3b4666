namespace Axle;

// Gamma-family samplers: Marsaglia–Tsang with JAX's key schedule (one key per element from
// Split(key, n), then per element: split off the boost key, loop over (key, x_key, u_key) = split(key, 3),
// inner loop redrawing the normal until v > 0), vmapped so each element runs its own loop.
public static partial class Rng
{
    /// <summary>Gamma(a, 1) samples (JAX's <c>random.gamma</c>; alpha &lt; 1 uses the boost <c>Gamma(a+1) · U^(1/a)</c>).</summary>
    /// <param name="key">A <c>u32[2]</c> key.</param>
    /// <param name="a">Shape parameter(s), broadcast to <paramref name="shape"/>.</param>
    /// <param name="shape">Default: <paramref name="a"/>'s shape.</param>
    /// <param name="dtype">Float dtype; default: <paramref name="a"/>'s if it is a strong float, else F32.</param>
    /// <exception cref="ArgumentException">Not a key, a non-float dtype, or <paramref name="a"/> does not broadcast.</exception>
    public static Tensor Gamma(Tensor key, Tensor a, int[]? shape = null, DType? dtype = null) => GammaPublic("gamma", key, a, shape, dtype, logSpace: false);

    /// <summary>Log of Gamma(a, 1) samples, computed in log space (accurate for tiny <paramref name="a"/>; JAX's <c>random.loggamma</c>).</summary>
    /// <exception cref="ArgumentException">Not a key, a non-float dtype, or <paramref name="a"/> does not broadcast.</exception>
    public static Tensor LogGamma(Tensor key, Tensor a, int[]? shape = null, DType? dtype = null) => GammaPublic("loggamma", key, a, shape, dtype, logSpace: true);

    /// <summary>Beta(a, b) samples: two log-gammas from <c>Split(key)</c>, combined without overflow (JAX's algorithm).</summary>
    /// <exception cref="ArgumentException">Not a key, a non-float dtype, or parameters that do not broadcast.</exception>
    public static Tensor Beta(Tensor key, Tensor a, Tensor b, int[]? shape = null, DType? dtype = null)
    {
        var t = FloatDType(dtype, a, b);
        var s = ShapeOf("beta", shape, (nameof(a), a), (nameof(b), b));
        Prepare("beta", key, s, t);
        return RngProgram.Run1("beta", RngProgram.Statics(s, t), [key, a, b], x =>
        {
            var ga = GammaImpl(SplitAt(x[0], 0), Ops.ConvertElementType(x[1], t, weak: false), s, t, logSpace: true);
            var gb = GammaImpl(SplitAt(x[0], 1), Ops.ConvertElementType(x[2], t, weak: false), s, t, logSpace: true);
            var max = Ops.Maximum(ga, gb);
            var ea = Ops.Exp(Ops.Subtract(ga, max));
            var eb = Ops.Exp(Ops.Subtract(gb, max));
            return Ops.Divide(ea, Ops.Add(ea, eb));
        });
    }

    /// <summary>Dirichlet(alpha) samples: softmax of log-gammas over the last axis (JAX's algorithm).</summary>
    /// <param name="key">A <c>u32[2]</c> key.</param>
    /// <param name="alpha">Concentrations <c>[..., k]</c>.</param>
    /// <param name="shape">Batch shape; default: alpha's batch shape. The result is <c>shape + [k]</c>.</param>
    /// <param name="dtype">Float dtype.</param>
    /// <exception cref="ArgumentException">Not a key, alpha a scalar, or a shape alpha does not broadcast to.</exception>
    public static Tensor Dirichlet(Tensor key, Tensor alpha, int[]? shape = null, DType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(alpha);
        if (alpha.Rank < 1) throw new ArgumentException($"Rng.Dirichlet: alpha must have at least one axis; got {alpha.Shape}{Errors.CallSite()}", nameof(alpha));
        var t = FloatDType(dtype, alpha);
        int k = alpha.Shape[^1];
        int[] s = shape ?? alpha.Shape.Take(alpha.Rank - 1).Select(d => d.Value).ToArray();
        int[] full = [.. s, k];
        Prepare("dirichlet", key, full, t);
        CheckBroadcast("dirichlet", full, ("alpha", alpha));
        return RngProgram.Run1("dirichlet", RngProgram.Statics(full, t), [key, alpha], x =>
        {
            var g = GammaImpl(x[0], Ops.ConvertElementType(x[1], t, weak: false), full, t, logSpace: true);
            var e = Ops.Exp(Ops.Subtract(g, Ops.Max(g, -1, keepDims: true)));
            return Ops.Divide(e, Ops.Sum(e, -1, keepDims: true));
        });
    }

    private static Tensor GammaPublic(string op, Tensor key, Tensor a, int[]? shape, DType? dtype, bool logSpace)
    {
        var t = FloatDType(dtype, a);
        var s = ShapeOf(op, shape, (nameof(a), a));
        Prepare(op, key, s, t);
        return RngProgram.Run1(op, RngProgram.Statics(s, t), [key, a], x => GammaImpl(x[0], Ops.ConvertElementType(x[1], t, weak: false), s, t, logSpace));
    }

    internal static Tensor GammaImpl(Tensor key, Tensor a, int[] shape, DType dtype, bool logSpace)
    {
        int n = shape.Aggregate(1, (x, y) => x * y);
        if (n == 0) return Ops.Zeros(shape, dtype);
        var keys = SplitImpl(key, [n]);
        var alphas = Ops.Reshape(Ops.BroadcastTo(a, shape), n);
        var samples = VmapTransform.Call(x => [GammaOne(x[0], x[1], logSpace)], [keys, alphas], [0, 0], [0], null)[0];
        return Ops.Reshape(samples, shape);
    }

    /// <summary>One Marsaglia–Tsang draw for a scalar alpha (JAX's <c>_gamma_one</c>, step for step).</summary>
    private static Tensor GammaOne(Tensor key, Tensor alpha, bool logSpace)
    {
        DType t = alpha.DType;
        Tensor C(double v) => Ops.ConvertElementType(v, t, weak: false);
        var boostMask = Ops.GreaterEqual(alpha, C(1));
        var alphaOrig = alpha;
        alpha = Ops.Where(boostMask, alpha, Ops.Add(alpha, C(1)));
        var d = Ops.Subtract(alpha, C(1.0 / 3.0));
        var c = Ops.Divide(C(1.0 / 3.0), Ops.Sqrt(d));
        var first = SplitImpl(key, [2]);
        Tensor loopKey = Row(first, 0), subkey = Row(first, 1);

        // State (key, X, V, U, d, c), starting where the condition holds.
        var state = Loop.While([loopKey, C(0), C(1), C(2), d, c], s =>
        {
            Tensor X = s[1], V = s[2], U = s[3], dd = s[4];
            var squeeze = Ops.GreaterEqual(U, Ops.Subtract(C(1), Ops.Multiply(C(0.0331), Ops.Multiply(X, X))));
            var rhs = Ops.Add(Ops.Multiply(X, C(0.5)), Ops.Multiply(dd, Ops.Add(Ops.Subtract(C(1), V), Ops.Log(V))));
            return Ops.LogicalAnd(squeeze, Ops.GreaterEqual(Ops.Log(U), rhs));
        }, s =>
        {
            var three = SplitImpl(s[0], [3]);
            Tensor next = Row(three, 0), xKey = Row(three, 1), uKey = Row(three, 2);
            var inner = Loop.While([xKey, C(0), C(-1), s[5]], q => Ops.LessEqual(q[2], C(0)), q =>
            {
                var two = SplitImpl(q[0], [2]);
                var x = NormalImpl(Row(two, 1), [], t);
                return [Row(two, 0), x, Ops.Add(C(1), Ops.Multiply(x, q[3])), q[3]];
            });
            Tensor xv = inner[1], v = inner[2];
            var u = UniformImpl(uKey, [], t, 0.0, 1.0);
            return [next, Ops.Multiply(xv, xv), Ops.Multiply(Ops.Multiply(v, v), v), u, s[4], s[5]];
        });
        var vFinal = state[2];
        if (logSpace)
        {
            var logSamples = Ops.Negate(ExponentialImpl(subkey, [], t));
            var logBoost = Ops.Where(Ops.LogicalOr(boostMask, Ops.Equal(logSamples, C(0))), C(0), Ops.Multiply(logSamples, Ops.Divide(C(1), alphaOrig)));
            return Ops.Add(Ops.Add(Ops.Log(d), Ops.Log(vFinal)), logBoost);
        }
        var samples = Ops.Subtract(C(1), UniformImpl(subkey, [], t, 0.0, 1.0));
        var boost = Ops.Where(boostMask, C(1), Ops.Power(samples, Ops.Divide(C(1), alphaOrig)));
        return Ops.Multiply(Ops.Multiply(d, vFinal), boost);
    }

    /// <summary>Row <paramref name="i"/> of a stack of keys <c>[n, 2]</c>.</summary>
    internal static Tensor Row(Tensor keys, int i) => Ops.Reshape(Ops.Slice(keys, [i, 0], [i + 1, 2], [1, 1]), 2);
}
