namespace Axle;

// Continuous samplers built on Uniform, each JAX's algorithm step for step.
public static partial class Rng
{
    /// <summary>
    /// Uniform floats in [<paramref name="min"/>, <paramref name="max"/>) (JAX's <c>random.uniform</c>,
    /// bit-exact): random mantissa bits under exponent 0 give [1, 2), minus 1, scaled and shifted;
    /// only the lower bound is clamped.
    /// </summary>
    /// <param name="key">A <c>u32[2]</c> key.</param>
    /// <param name="shape">The result's shape (default scalar); the bounds must broadcast to it.</param>
    /// <param name="dtype">A float dtype.</param>
    /// <param name="min">Lower bound (default 0).</param>
    /// <param name="max">Upper bound (default 1).</param>
    /// <exception cref="ArgumentException">Not a key, a non-float dtype, or bounds that do not broadcast to <paramref name="shape"/>.</exception>
    public static Tensor Uniform(Tensor key, int[]? shape = null, DType dtype = DType.F32, Tensor? min = null, Tensor? max = null)
    {
        shape ??= [];
        Prepare("uniform", key, shape, dtype);
        Tensor lo = min ?? 0.0, hi = max ?? 1.0;
        CheckBroadcast("uniform", shape, ("min", lo), ("max", hi));
        return RngProgram.Run1("uniform", RngProgram.Statics(shape, dtype), [key, lo, hi], a => UniformImpl(a[0], shape, dtype, a[1], a[2]));
    }

    /// <summary>Standard normal samples: <c>sqrt(2) · erf⁻¹(u)</c> with u uniform in (-1, 1) (JAX's algorithm).</summary>
    /// <exception cref="ArgumentException">Not a key, or a non-float dtype.</exception>
    public static Tensor Normal(Tensor key, int[]? shape = null, DType dtype = DType.F32) =>
        Simple("normal", key, shape, dtype, NormalImpl);

    /// <summary>Standard Cauchy samples: <c>tan(π (u - 1/2))</c>, u uniform in [eps, 1).</summary>
    /// <exception cref="ArgumentException">Not a key, or a non-float dtype.</exception>
    public static Tensor Cauchy(Tensor key, int[]? shape = null, DType dtype = DType.F32) =>
        Simple("cauchy", key, shape, dtype, CauchyImpl);

    /// <summary>
    /// Half-Cauchy samples with Aesara's parameters: <c>loc + |Cauchy| · scale</c> (numpyro's
    /// HalfCauchy is <c>loc = 0</c>). <paramref name="loc"/> and <paramref name="scale"/> broadcast to the shape.
    /// </summary>
    /// <param name="key">A <c>u32[2]</c> key.</param>
    /// <param name="loc">Location (default 0).</param>
    /// <param name="scale">Scale (default 1).</param>
    /// <param name="shape">The shape; default: the broadcast shape of the parameters.</param>
    /// <param name="dtype">Float dtype; default: the parameters' float dtype, else F32.</param>
    /// <exception cref="ArgumentException">Not a key, a non-float dtype, or parameters that do not broadcast.</exception>
    public static Tensor HalfCauchy(Tensor key, Tensor? loc = null, Tensor? scale = null, int[]? shape = null, DType? dtype = null)
    {
        Tensor l = loc ?? 0.0, s = scale ?? 1.0;
        return Located("half_cauchy", key, l, s, shape, dtype, (k, sh, t) => CauchyImpl(k, sh, t), abs: true);
    }

    /// <summary>Half-normal samples <c>|N(0, 1)|</c>.</summary>
    /// <exception cref="ArgumentException">Not a key, or a non-float dtype.</exception>
    public static Tensor HalfNormal(Tensor key, int[]? shape = null, DType dtype = DType.F32) =>
        Simple("half_normal", key, shape, dtype, (k, s, t) => Ops.Abs(NormalImpl(k, s, t)));

    /// <summary>Standard exponential samples: <c>-log1p(-u)</c>.</summary>
    /// <exception cref="ArgumentException">Not a key, or a non-float dtype.</exception>
    public static Tensor Exponential(Tensor key, int[]? shape = null, DType dtype = DType.F32) =>
        Simple("exponential", key, shape, dtype, ExponentialImpl);

    /// <summary>Standard Laplace samples: <c>sign(u) · log1p(-|u|)</c>, u uniform in [-1 + epsneg, 1).</summary>
    /// <exception cref="ArgumentException">Not a key, or a non-float dtype.</exception>
    public static Tensor Laplace(Tensor key, int[]? shape = null, DType dtype = DType.F32) =>
        Simple("laplace", key, shape, dtype, (k, s, t) =>
        {
            var u = UniformImpl(k, s, t, -1.0 + FloatBits.EpsNeg(t), 1.0);
            return Ops.Multiply(Ops.Sign(u), Ops.Log1p(Ops.Negate(Ops.Abs(u))));
        });

    /// <summary>Standard logistic samples: <c>log(x) - log1p(-x)</c>, x uniform in [tiny, 1).</summary>
    /// <exception cref="ArgumentException">Not a key, or a non-float dtype.</exception>
    public static Tensor Logistic(Tensor key, int[]? shape = null, DType dtype = DType.F32) =>
        Simple("logistic", key, shape, dtype, (k, s, t) =>
        {
            var x = UniformImpl(k, s, t, FloatBits.Tiny(t), 1.0);
            return Ops.Subtract(Ops.Log(x), Ops.Log1p(Ops.Negate(x)));
        });

    /// <summary>Standard Gumbel samples: <c>-log(-log(u))</c>, u uniform in [tiny, 1).</summary>
    /// <exception cref="ArgumentException">Not a key, or a non-float dtype.</exception>
    public static Tensor Gumbel(Tensor key, int[]? shape = null, DType dtype = DType.F32) =>
        Simple("gumbel", key, shape, dtype, GumbelImpl);

    /// <summary>
    /// Standard normal samples truncated to (<paramref name="lower"/>, <paramref name="upper"/>):
    /// <c>sqrt(2) · erf⁻¹(u)</c> with u uniform between <c>erf(lower/√2)</c> and <c>erf(upper/√2)</c>,
    /// clamped just inside the bounds (JAX's algorithm).
    /// </summary>
    /// <exception cref="ArgumentException">Not a key, a non-float dtype, or bounds that do not broadcast.</exception>
    public static Tensor TruncatedNormal(Tensor key, Tensor lower, Tensor upper, int[]? shape = null, DType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        var t = FloatDType(dtype, lower, upper);
        shape = ShapeOf("truncated_normal", shape, (nameof(lower), lower), (nameof(upper), upper));
        Prepare("truncated_normal", key, shape, t);
        return RngProgram.Run1("truncated_normal", RngProgram.Statics(shape, t), [key, lower, upper], a =>
        {
            var lo = Ops.ConvertElementType(a[1], t, weak: false);
            var hi = Ops.ConvertElementType(a[2], t, weak: false);
            var sqrt2 = Ops.ConvertElementType(Math.Sqrt(2), t, weak: false);
            var ea = Ops.Erf(Ops.Divide(lo, sqrt2));
            var eb = Ops.Erf(Ops.Divide(hi, sqrt2));
            var u = UniformImpl(a[0], shape, t, ea, eb);
            var x = Ops.Multiply(sqrt2, Ops.ErfInv(u));
            return Ops.BroadcastTo(Ops.Clip(x, FloatBits.NextAfter(lo, up: true), FloatBits.NextAfter(hi, up: false)), shape);
        });
    }

    /// <summary>
    /// Multivariate normal samples <c>mean + L z</c> with <c>L = cholesky(cov)</c> and z standard
    /// normal of shape <c>shape + [n]</c> (JAX's default 'cholesky' method).
    /// </summary>
    /// <param name="key">A <c>u32[2]</c> key.</param>
    /// <param name="mean">Means, <c>[..., n]</c>.</param>
    /// <param name="cov">Covariances, <c>[..., n, n]</c>, positive definite.</param>
    /// <param name="shape">Batch shape; default: the broadcast of mean's and cov's batch shapes.</param>
    /// <param name="dtype">Float dtype; default: the parameters' float dtype, else F32.</param>
    /// <exception cref="ArgumentException">Not a key, or mean/cov of the wrong ranks or sizes.</exception>
    public static Tensor MultivariateNormal(Tensor key, Tensor mean, Tensor cov, int[]? shape = null, DType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(cov);
        if (mean.Rank < 1 || cov.Rank < 2 || cov.Shape[^1] != cov.Shape[^2] || cov.Shape[^1] != mean.Shape[^1])
            throw new ArgumentException(
                $"Rng.MultivariateNormal: mean must be [..., n] and cov [..., n, n]; got {mean.Shape} and {cov.Shape}{Errors.CallSite()}", nameof(cov));
        var t = FloatDType(dtype, mean, cov);
        int n = mean.Shape[^1];
        var batch = Broadcasting.Shapes("multivariate_normal",
            ("mean", new Shape(mean.Shape.Take(mean.Rank - 1))), ("cov", new Shape(cov.Shape.Take(cov.Rank - 2)))).ToArray();
        shape ??= batch;
        Prepare("multivariate_normal", key, shape, t);
        return RngProgram.Run1("multivariate_normal", RngProgram.Statics(shape, t), [key, mean, cov], a =>
        {
            var factor = Ops.Cholesky(Ops.ConvertElementType(a[2], t, weak: false));
            var z = NormalImpl(a[0], [.. shape, n], t);
            return Ops.Add(Ops.ConvertElementType(a[1], t, weak: false), Ops.Einsum("...ij,...j->...i", factor, z));
        });
    }

    // ---------------- implementations ----------------

    internal static Tensor UniformImpl(Tensor key, int[] shape, DType dtype, Tensor min, Tensor max)
    {
        int nbits = dtype.ByteSize() * 8, nmant = FloatBits.Mantissa(dtype);
        int rngBits = nmant < 8 ? 8 : nbits;
        DType uint_ = FloatBits.Unsigned(nbits);
        var bits = BitsImpl(key, shape, FloatBits.Unsigned(rngBits));
        if (rngBits != nbits) bits = Ops.ConvertElementType(bits, uint_, weak: false);
        var floatBits = Ops.BitwiseOr(Ops.ShiftRight(bits, FloatBits.Literal(rngBits - nmant, uint_)), FloatBits.Literal(FloatBits.OneBits(dtype), uint_));
        var floats = Ops.Subtract(Prims.BitcastConvertType.Bind1([floatBits], new BitcastConvertTypeParams(dtype)), Ops.ConvertElementType(1.0, dtype, weak: false));
        var lo = Ops.ConvertElementType(min, dtype, weak: false);
        var hi = Ops.ConvertElementType(max, dtype, weak: false);
        var scaled = Ops.Add(Ops.Multiply(floats, Ops.Subtract(hi, lo)), lo);
        return Ops.BroadcastTo(Ops.Maximum(lo, scaled), shape);
    }

    internal static Tensor NormalImpl(Tensor key, int[] shape, DType dtype)
    {
        // The open interval (-1, 1): the float just above -1, so erf⁻¹ stays finite.
        double lo = -1.0 + FloatBits.EpsNeg(dtype);
        var u = UniformImpl(key, shape, dtype, lo, 1.0);
        return Ops.Multiply(Ops.ConvertElementType(Math.Sqrt(2), dtype, weak: false), Ops.ErfInv(u));
    }

    internal static Tensor CauchyImpl(Tensor key, int[] shape, DType dtype)
    {
        var u = UniformImpl(key, shape, dtype, FloatBits.Eps(dtype), 1.0);
        return Ops.Tan(Ops.Multiply(Ops.ConvertElementType(Math.PI, dtype, weak: false), Ops.Subtract(u, Ops.ConvertElementType(0.5, dtype, weak: false))));
    }

    internal static Tensor ExponentialImpl(Tensor key, int[] shape, DType dtype) =>
        Ops.Negate(Ops.Log1p(Ops.Negate(UniformImpl(key, shape, dtype, 0.0, 1.0))));

    internal static Tensor GumbelImpl(Tensor key, int[] shape, DType dtype) =>
        Ops.Negate(Ops.Log(Ops.Negate(Ops.Log(UniformImpl(key, shape, dtype, FloatBits.Tiny(dtype), 1.0)))));

    // ---------------- shared plumbing ----------------

    /// <summary>A parameterless sampler: checks, then one cached program when eager.</summary>
    private static Tensor Simple(string op, Tensor key, int[]? shape, DType dtype, Func<Tensor, int[], DType, Tensor> impl)
    {
        int[] s = shape ?? [];
        Prepare(op, key, s, dtype);
        return RngProgram.Run1(op, RngProgram.Statics(s, dtype), [key], a => impl(a[0], s, dtype));
    }

    /// <summary><c>loc + f(key) · scale</c> (with <c>|f|</c> when <paramref name="abs"/>), shape from the parameters by default.</summary>
    private static Tensor Located(string op, Tensor key, Tensor loc, Tensor scale, int[]? shape, DType? dtype,
        Func<Tensor, int[], DType, Tensor> impl, bool abs)
    {
        var t = FloatDType(dtype, loc, scale);
        var s = ShapeOf(op, shape, (nameof(loc), loc), (nameof(scale), scale));
        Prepare(op, key, s, t);
        return RngProgram.Run1(op, RngProgram.Statics(s, t), [key, loc, scale], a =>
        {
            var z = impl(a[0], s, t);
            if (abs) z = Ops.Abs(z);
            return Ops.Add(Ops.ConvertElementType(a[1], t, weak: false), Ops.Multiply(z, Ops.ConvertElementType(a[2], t, weak: false)));
        });
    }

    /// <summary>Checks key, shape and a float dtype.</summary>
    internal static void Prepare(string op, Tensor key, int[] shape, DType dtype)
    {
        CheckShape(op, shape);
        CheckKey(op, key);
        if (!dtype.IsFloat())
            throw new ArgumentException($"Rng.{Pascal(op)}: dtype must be a float dtype; got {dtype.ShortName()}{Errors.CallSite()}", nameof(dtype));
    }

    /// <summary>The given dtype, else the first strongly typed float parameter's, else F32.</summary>
    internal static DType FloatDType(DType? dtype, params Tensor[] ps) =>
        dtype ?? ps.Where(p => !p.IsWeak && p.DType.IsFloat()).Select(p => (DType?)p.DType).FirstOrDefault() ?? DTypes.DefaultFloat;

    /// <summary>The given shape (parameters must broadcast to it), else the parameters' broadcast shape.</summary>
    internal static int[] ShapeOf(string op, int[]? shape, params (string Name, Tensor T)[] ps)
    {
        foreach (var (name, p) in ps) ArgumentNullException.ThrowIfNull(p, name);
        if (shape is null)
            return Broadcasting.Shapes(op, ps.Select(p => (p.Name, p.T.Shape)).ToArray()).ToArray();
        CheckBroadcast(op, shape, ps);
        return shape;
    }

    internal static void CheckBroadcast(string op, int[] shape, params (string Name, Tensor T)[] ps)
    {
        var target = new Shape(shape);
        foreach (var (name, t) in ps)
        {
            ArgumentNullException.ThrowIfNull(t, name);
            var b = Broadcasting.Shapes(op, (name, t.Shape), ("shape", target));
            if (b != target)
                throw new ArgumentException($"Rng.{Pascal(op)}: {name} of shape {t.Shape} does not broadcast to the shape {target}{Errors.CallSite()}", name);
        }
    }
}
