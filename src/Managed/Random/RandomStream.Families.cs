namespace Axle;

// The samplers beyond the location–scale families: each records its distribution name (lower
// case, as Rng's op names) and parameter names, which the log-densities read back.
public sealed partial class RandomStream
{
    /// <summary>Gamma(alpha, scale): <c>scale · Gamma(alpha, 1)</c> (parameters "alpha", "scale"; Marsaglia–Tsang, JAX's algorithm).</summary>
    /// <param name="alpha">Shape (concentration) parameter, &gt; 0.</param>
    /// <param name="scale">Scale (default 1); the rate is 1/scale.</param>
    /// <param name="size">The shape; default: the parameters' broadcast shape.</param>
    /// <param name="dtype">Float dtype; default: the parameters' strong float dtype, else the stream's.</param>
    /// <param name="name">The variable's name, unique in the stream (messages, value variables, results); default: the family and its index, e.g. <c>gamma_3</c>.</param>
    public Tensor Gamma(Tensor alpha, Tensor? scale = null, Dim[]? size = null, DType? dtype = null, string? name = null)
    {
        Tensor s = scale ?? 1.0;
        var t = FloatDType(dtype, alpha, s);
        return Variable("gamma", name, ["alpha", "scale"], [alpha, s], size, t, (k, ps, sz, dt) =>
            Ops.Multiply(Rng.Gamma(k, ps[0], Shape(ps, sz), dt), Ops.ConvertElementType(ps[1], dt, weak: false)));
    }

    /// <inheritdoc cref="Gamma(Tensor, Tensor, Dim[], DType?, string?)"/>
    public Tensor Gamma(Tensor alpha, Tensor scale, Dim size, DType? dtype = null, string? name = null) => Gamma(alpha, scale, [size], dtype, name: name);

    /// <summary>Beta(alpha, beta) (parameters "alpha", "beta"; two log-gammas, JAX's algorithm).</summary>
    /// <param name="alpha">First concentration, &gt; 0.</param>
    /// <param name="beta">Second concentration, &gt; 0.</param>
    /// <param name="size">The shape; default: the parameters' broadcast shape.</param>
    /// <param name="dtype">Float dtype; default: the parameters' strong float dtype, else the stream's.</param>
    /// <param name="name">The variable's name, unique in the stream (messages, value variables, results); default: the family and its index, e.g. <c>gamma_3</c>.</param>
    public Tensor Beta(Tensor alpha, Tensor beta, Dim[]? size = null, DType? dtype = null, string? name = null)
    {
        var t = FloatDType(dtype, alpha, beta);
        return Variable("beta", name, ["alpha", "beta"], [alpha, beta], size, t, (k, ps, sz, dt) => Rng.Beta(k, ps[0], ps[1], Shape(ps, sz), dt));
    }

    /// <inheritdoc cref="Beta(Tensor, Tensor, Dim[], DType?, string?)"/>
    public Tensor Beta(Tensor alpha, Tensor beta, Dim size, DType? dtype = null, string? name = null) => Beta(alpha, beta, [size], dtype, name: name);

    /// <summary>
    /// Dirichlet(alpha) over the last axis of <paramref name="alpha"/> <c>[..., k]</c> (parameter "alpha").
    /// Values are <c>size + [k]</c>: <paramref name="size"/> is the batch shape (default alpha's).
    /// </summary>
    /// <param name="alpha">Concentrations <c>[..., k]</c>, &gt; 0.</param>
    /// <param name="size">The batch shape; default: alpha's batch shape.</param>
    /// <param name="dtype">Float dtype; default: alpha's strong float dtype, else the stream's.</param>
    /// <param name="name">The variable's name, unique in the stream (messages, value variables, results); default: the family and its index, e.g. <c>gamma_3</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="alpha"/> is a scalar.</exception>
    public Tensor Dirichlet(Tensor alpha, Dim[]? size = null, DType? dtype = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(alpha);
        if (alpha.Rank < 1) throw new ArgumentException($"RandomStream.Dirichlet: alpha must have at least one axis; got {alpha.Shape}", nameof(alpha));
        var t = FloatDType(dtype, alpha);
        return Variable("dirichlet", name, ["alpha"], [alpha], size, t, (k, ps, sz, dt) => Rng.Dirichlet(k, ps[0], sz, dt), (ps, sz) =>
        {
            var a = ps[0];
            if (sz is null) return a;
            var batch = new Shape(a.Take(a.Rank - 1));
            var target = new Shape(sz);
            if (Broadcasting.Shapes("dirichlet", ("alpha", batch), ("size", target)) != target)
                throw Errors.Shapes("dirichlet", "alpha", a, "size", target, "alpha's batch shape does not broadcast to the size");
            return new Shape(target.Append(a[^1]));
        });
    }

    /// <inheritdoc cref="Dirichlet(Tensor, Dim[], DType?, string?)"/>
    public Tensor Dirichlet(Tensor alpha, Dim size, DType? dtype = null, string? name = null) => Dirichlet(alpha, [size], dtype, name: name);

    /// <summary>Poisson(lam) counts (parameter "lam"; Knuth below 10, transformed rejection above, JAX's algorithm in f32).</summary>
    /// <param name="lam">Rates, ≥ 0.</param>
    /// <param name="size">The shape; default: lam's shape.</param>
    /// <param name="dtype">Integer dtype of the counts (default I32).</param>
    /// <param name="name">The variable's name, unique in the stream (messages, value variables, results); default: the family and its index, e.g. <c>gamma_3</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="dtype"/> is not an integer dtype.</exception>
    public Tensor Poisson(Tensor lam, Dim[]? size = null, DType dtype = DType.I32, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(lam);
        if (!dtype.IsInteger() || dtype == DType.Bool)
            throw new ArgumentException($"RandomStream.Poisson: dtype must be an integer dtype; got {dtype.ShortName()}", nameof(dtype));
        return Variable("poisson", name, ["lam"], [lam], size, dtype, (k, ps, sz, dt) => Rng.Poisson(k, ps[0], Shape(ps, sz), dt));
    }

    /// <inheritdoc cref="Poisson(Tensor, Dim[], DType, string?)"/>
    public Tensor Poisson(Tensor lam, Dim size, DType dtype = DType.I32, string? name = null) => Poisson(lam, [size], dtype, name: name);

    /// <summary>
    /// Categorical over the last axis of unnormalized log-probabilities <paramref name="logits"/> <c>[..., k]</c>
    /// (parameter "logits"): I32 indices, <c>argmax(Gumbel + logits)</c> (JAX's algorithm).
    /// </summary>
    /// <param name="logits">Log-probabilities up to a constant, <c>[..., k]</c>.</param>
    /// <param name="size">The shape; it must end in logits' batch shape (default: that batch shape).</param>
    /// <param name="name">The variable's name, unique in the stream (messages, value variables, results); default: the family and its index, e.g. <c>gamma_3</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="logits"/> is a scalar.</exception>
    public Tensor Categorical(Tensor logits, Dim[]? size = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Rank < 1) throw new ArgumentException($"RandomStream.Categorical: logits need an axis; got a scalar", nameof(logits));
        FloatDType(null, logits);
        return Variable("categorical", name, ["logits"], [logits], size, DType.I32, (k, ps, sz, _) => Rng.Categorical(k, ps[0], -1, sz), (ps, sz) =>
        {
            var batch = new Shape(ps[0].Take(ps[0].Rank - 1));
            if (sz is null) return batch;
            var target = new Shape(sz);
            if (target.Rank < batch.Rank || !target.Skip(target.Rank - batch.Rank).SequenceEqual(batch))
                throw Errors.Shapes("categorical", "logits", ps[0], "size", target, "the size must end in the logits' batch shape");
            return target;
        });
    }

    /// <inheritdoc cref="Categorical(Tensor, Dim[], string?)"/>
    public Tensor Categorical(Tensor logits, Dim size, string? name = null) => Categorical(logits, [size], name: name);

    /// <summary>
    /// MultivariateNormal(mean, cov) (parameters "mean", "cov"): <c>mean + cholesky(cov) z</c>, values
    /// <c>size + [n]</c> where <paramref name="size"/> is the batch shape (default: mean's and cov's broadcast batch shape).
    /// </summary>
    /// <param name="mean">Means <c>[..., n]</c>.</param>
    /// <param name="cov">Covariances <c>[..., n, n]</c>, positive definite.</param>
    /// <param name="size">The batch shape.</param>
    /// <param name="dtype">Float dtype; default: the parameters' strong float dtype, else the stream's.</param>
    /// <param name="name">The variable's name, unique in the stream (messages, value variables, results); default: the family and its index, e.g. <c>gamma_3</c>.</param>
    /// <exception cref="ArgumentException">mean/cov of the wrong ranks or sizes.</exception>
    public Tensor MultivariateNormal(Tensor mean, Tensor cov, Dim[]? size = null, DType? dtype = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(cov);
        if (mean.Rank < 1 || cov.Rank < 2 || cov.Shape[^1] != cov.Shape[^2] || cov.Shape[^1] != mean.Shape[^1])
            throw new ArgumentException($"RandomStream.MultivariateNormal: mean must be [..., n] and cov [..., n, n]; got {mean.Shape} and {cov.Shape}", nameof(cov));
        var t = FloatDType(dtype, mean, cov);
        return Variable("multivariate_normal", name, ["mean", "cov"], [mean, cov], size, t, (k, ps, sz, dt) => Rng.MultivariateNormal(k, ps[0], ps[1], sz, dt), (ps, sz) =>
        {
            var batch = Broadcasting.Shapes("multivariate_normal",
                ("mean", new Shape(ps[0].Take(ps[0].Rank - 1))), ("cov", new Shape(ps[1].Take(ps[1].Rank - 2))));
            if (sz is null) return new Shape(batch.Append(ps[0][^1]));
            var target = new Shape(sz);
            if (Broadcasting.Shapes("multivariate_normal", ("parameters", batch), ("size", target)) != target)
                throw Errors.Shapes("multivariate_normal", "parameters", batch, "size", target, "the parameters' batch shape does not broadcast to the size");
            return new Shape(target.Append(ps[0][^1]));
        });
    }

    /// <inheritdoc cref="MultivariateNormal(Tensor, Tensor, Dim[], DType?, string?)"/>
    public Tensor MultivariateNormal(Tensor mean, Tensor cov, Dim size, DType? dtype = null, string? name = null) => MultivariateNormal(mean, cov, [size], dtype, name: name);

    /// <summary>
    /// Normal(loc, scale) truncated to (lower, upper) (parameters "loc", "scale", "lower", "upper", bounds in
    /// the value's units): <c>loc + scale · Rng.TruncatedNormal((lower - loc) / scale, (upper - loc) / scale)</c>.
    /// </summary>
    /// <param name="loc">Location of the untruncated normal.</param>
    /// <param name="scale">Scale of the untruncated normal, &gt; 0.</param>
    /// <param name="lower">Lower bound (may be -∞).</param>
    /// <param name="upper">Upper bound (may be +∞).</param>
    /// <param name="size">The shape; default: the parameters' broadcast shape.</param>
    /// <param name="dtype">Float dtype; default: the parameters' strong float dtype, else the stream's.</param>
    /// <param name="name">The variable's name, unique in the stream (messages, value variables, results); default: the family and its index, e.g. <c>gamma_3</c>.</param>
    public Tensor TruncatedNormal(Tensor loc, Tensor scale, Tensor lower, Tensor upper, Dim[]? size = null, DType? dtype = null, string? name = null)
    {
        var t = FloatDType(dtype, loc, scale, lower, upper);
        return Variable("truncated_normal", name, ["loc", "scale", "lower", "upper"], [loc, scale, lower, upper], size, t, (k, ps, sz, dt) =>
        {
            Tensor C(Tensor x) => Ops.ConvertElementType(x, dt, weak: false);
            Tensor l = C(ps[0]), s = C(ps[1]);
            var z = Rng.TruncatedNormal(k, Ops.Divide(Ops.Subtract(C(ps[2]), l), s), Ops.Divide(Ops.Subtract(C(ps[3]), l), s), Shape(ps, sz), dt);
            return Ops.Add(l, Ops.Multiply(s, z));
        });
    }

    /// <inheritdoc cref="TruncatedNormal(Tensor, Tensor, Tensor, Tensor, Dim[], DType?, string?)"/>
    public Tensor TruncatedNormal(Tensor loc, Tensor scale, Tensor lower, Tensor upper, Dim size, DType? dtype = null, string? name = null) =>
        TruncatedNormal(loc, scale, lower, upper, [size], dtype, name: name);
}
