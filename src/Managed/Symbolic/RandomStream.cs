namespace Axle;

/// <summary>
/// Random variables for symbolic graphs (Aesara's <c>RandomStream</c>): each call makes a new
/// random variable node whose parameters may be symbolic and whose <c>size</c> may name
/// symbolic dimensions (<c>size: X.Shape[^1]</c>). A function built with <c>Ax.Function</c> from
/// a graph holding random variables takes one key first; variable i of this stream draws with
/// <c>FoldIn(key, i)</c>, so the same key gives the same draws in every function.
/// </summary>
/// <remarks>
/// Without <c>size</c> the shape is the parameters' broadcast shape; with it, the parameters must
/// broadcast to it. Float variables take <c>dtype</c>, else the first strongly typed float
/// parameter's dtype, else the stream's. Bernoulli variables are bool; Poisson and Categorical are
/// integer. For Dirichlet and MultivariateNormal, <c>size</c> is the batch shape (the event axis is appended).
/// Every family takes <c>name:</c> (unique in the stream; default the family and the index, <c>normal_2</c>):
/// it names the variable in messages, its value variable in <c>Ppl.JointLogprob</c> and its draws in
/// <c>Ppl.Posterior</c>'s results.
/// </remarks>
public sealed partial class RandomStream
{
    private readonly List<RandomVariable> _variables = [];
    private readonly Lock _lock = new();

    /// <summary>A stream whose float variables default to <paramref name="dtype"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="dtype"/> is not a float dtype.</exception>
    public RandomStream(DType dtype = DTypes.DefaultFloat)
    {
        if (!dtype.IsFloat()) throw new ArgumentException($"RandomStream: the default dtype must be a float dtype; got {dtype.ShortName()}", nameof(dtype));
        DType = dtype;
    }

    /// <summary>The default dtype of float variables.</summary>
    public DType DType { get; }

    /// <summary>The variables made so far, in creation order (a variable's index is its position).</summary>
    public IReadOnlyList<RandomVariable> Variables
    {
        get
        {
            lock (_lock) return [.. _variables];
        }
    }

    /// <summary>Normal(loc, scale): <c>loc + scale · N(0, 1)</c>.</summary>
    public Tensor Normal(Tensor? loc = null, Tensor? scale = null, Dim[]? size = null, DType? dtype = null, string? name = null) =>
        Located("normal", name, loc, scale, size, dtype, Rng.NormalImpl, abs: false);

    /// <inheritdoc cref="Normal(Tensor, Tensor, Dim[], DType?, string?)"/>
    public Tensor Normal(Tensor loc, Tensor scale, Dim size, DType? dtype = null, string? name = null) => Normal(loc, scale, [size], dtype, name: name);

    /// <summary>HalfNormal(loc, scale): <c>loc + scale · |N(0, 1)|</c>.</summary>
    public Tensor HalfNormal(Tensor? loc = null, Tensor? scale = null, Dim[]? size = null, DType? dtype = null, string? name = null) =>
        Located("half_normal", name, loc, scale, size, dtype, Rng.NormalImpl, abs: true);

    /// <inheritdoc cref="HalfNormal(Tensor, Tensor, Dim[], DType?, string?)"/>
    public Tensor HalfNormal(Tensor loc, Tensor scale, Dim size, DType? dtype = null, string? name = null) => HalfNormal(loc, scale, [size], dtype, name: name);

    /// <summary>Cauchy(loc, scale): <c>loc + scale · C</c>, C standard Cauchy.</summary>
    public Tensor Cauchy(Tensor? loc = null, Tensor? scale = null, Dim[]? size = null, DType? dtype = null, string? name = null) =>
        Located("cauchy", name, loc, scale, size, dtype, Rng.CauchyImpl, abs: false);

    /// <inheritdoc cref="Cauchy(Tensor, Tensor, Dim[], DType?, string?)"/>
    public Tensor Cauchy(Tensor loc, Tensor scale, Dim size, DType? dtype = null, string? name = null) => Cauchy(loc, scale, [size], dtype, name: name);

    /// <summary>HalfCauchy(loc, scale) with Aesara's parameters: <c>loc + scale · |C|</c>.</summary>
    public Tensor HalfCauchy(Tensor? loc = null, Tensor? scale = null, Dim[]? size = null, DType? dtype = null, string? name = null) =>
        Located("half_cauchy", name, loc, scale, size, dtype, Rng.CauchyImpl, abs: true);

    /// <inheritdoc cref="HalfCauchy(Tensor, Tensor, Dim[], DType?, string?)"/>
    public Tensor HalfCauchy(Tensor loc, Tensor scale, Dim size, DType? dtype = null, string? name = null) => HalfCauchy(loc, scale, [size], dtype, name: name);

    /// <summary>Laplace(loc, scale).</summary>
    public Tensor Laplace(Tensor? loc = null, Tensor? scale = null, Dim[]? size = null, DType? dtype = null, string? name = null) =>
        Located("laplace", name, loc, scale, size, dtype, (k, s, t) => Rng.Laplace(k, s, t), abs: false);

    /// <inheritdoc cref="Laplace(Tensor, Tensor, Dim[], DType?, string?)"/>
    public Tensor Laplace(Tensor loc, Tensor scale, Dim size, DType? dtype = null, string? name = null) => Laplace(loc, scale, [size], dtype, name: name);

    /// <summary>Logistic(loc, scale).</summary>
    public Tensor Logistic(Tensor? loc = null, Tensor? scale = null, Dim[]? size = null, DType? dtype = null, string? name = null) =>
        Located("logistic", name, loc, scale, size, dtype, (k, s, t) => Rng.Logistic(k, s, t), abs: false);

    /// <inheritdoc cref="Logistic(Tensor, Tensor, Dim[], DType?, string?)"/>
    public Tensor Logistic(Tensor loc, Tensor scale, Dim size, DType? dtype = null, string? name = null) => Logistic(loc, scale, [size], dtype, name: name);

    /// <summary>Gumbel(loc, scale).</summary>
    public Tensor Gumbel(Tensor? loc = null, Tensor? scale = null, Dim[]? size = null, DType? dtype = null, string? name = null) =>
        Located("gumbel", name, loc, scale, size, dtype, Rng.GumbelImpl, abs: false);

    /// <inheritdoc cref="Gumbel(Tensor, Tensor, Dim[], DType?, string?)"/>
    public Tensor Gumbel(Tensor loc, Tensor scale, Dim size, DType? dtype = null, string? name = null) => Gumbel(loc, scale, [size], dtype, name: name);

    /// <summary>Exponential(scale): <c>scale · E</c>, E standard exponential (Aesara's parameter).</summary>
    public Tensor Exponential(Tensor? scale = null, Dim[]? size = null, DType? dtype = null, string? name = null)
    {
        Tensor s = scale ?? 1.0;
        var t = FloatDType(dtype, s);
        return Variable("exponential", name, ["scale"], [s], size, t,
            (k, ps, sz, dt) => Ops.Multiply(Rng.ExponentialImpl(k, Shape(ps, sz), dt), Ops.ConvertElementType(ps[0], dt, weak: false)));
    }

    /// <inheritdoc cref="Exponential(Tensor, Dim[], DType?, string?)"/>
    public Tensor Exponential(Tensor scale, Dim size, DType? dtype = null, string? name = null) => Exponential(scale, [size], dtype, name: name);

    /// <summary>Uniform(low, high).</summary>
    public Tensor Uniform(Tensor? low = null, Tensor? high = null, Dim[]? size = null, DType? dtype = null, string? name = null)
    {
        Tensor lo = low ?? 0.0, hi = high ?? 1.0;
        var t = FloatDType(dtype, lo, hi);
        return Variable("uniform", name, ["low", "high"], [lo, hi], size, t,
            (k, ps, sz, dt) => Rng.UniformImpl(k, Shape(ps, sz), dt, ps[0], ps[1]));
    }

    /// <inheritdoc cref="Uniform(Tensor, Tensor, Dim[], DType?, string?)"/>
    public Tensor Uniform(Tensor low, Tensor high, Dim size, DType? dtype = null, string? name = null) => Uniform(low, high, [size], dtype, name: name);

    /// <summary>Bernoulli(p): true with probability <paramref name="p"/> (bool values; <c>Uniform &lt; p</c>, JAX's algorithm).</summary>
    public Tensor Bernoulli(Tensor p, Dim[]? size = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(p);
        var t = FloatDType(null, p);
        return Variable("bernoulli", name, ["p"], [p], size, DType.Bool,
            (k, ps, sz, _) => Ops.Less(Rng.UniformImpl(k, Shape(ps, sz), t, 0.0, 1.0), Ops.ConvertElementType(ps[0], t, weak: false)));
    }

    /// <inheritdoc cref="Bernoulli(Tensor, Dim[], string?)"/>
    public Tensor Bernoulli(Tensor p, Dim size, string? name = null) => Bernoulli(p, [size], name: name);

    // ---------------- plumbing ----------------

    private Tensor Located(string dist, string? name, Tensor? loc, Tensor? scale, Dim[]? size, DType? dtype, Func<Tensor, int[], DType, Tensor> standard, bool abs)
    {
        Tensor l = loc ?? 0.0, s = scale ?? 1.0;
        var t = FloatDType(dtype, l, s);
        return Variable(dist, name, ["loc", "scale"], [l, s], size, t, (k, ps, sz, dt) =>
        {
            var z = standard(k, Shape(ps, sz), dt);
            if (abs) z = Ops.Abs(z);
            return Ops.Add(Ops.ConvertElementType(ps[0], dt, weak: false), Ops.Multiply(z, Ops.ConvertElementType(ps[1], dt, weak: false)));
        });
    }

    /// <summary>
    /// Makes the variable's node: a leaf of the symbolic graph even when every parameter is concrete.
    /// <paramref name="name"/> null gives the default name, the family and the index (<c>normal_2</c>).
    /// </summary>
    internal Tensor Variable(string dist, string? name, string[] names, Tensor[] ps, Dim[]? size, DType dtype, Sampler sampler, ShapeRule? shape = null)
    {
        if (name is not null && string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"RandomStream.{dist}: the name must not be empty or white space; got '{name}'", nameof(name));
        string label = name is null ? dist : $"{dist} '{name}'";
        for (int i = 0; i < ps.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(ps[i], names[i]);
            ps[i].ThrowIfDisposed();
            if (ps[i].IsTraced && !Sym.IsSymbolic(ps[i]))
                throw new InvalidOperationException(
                    $"RandomStream.{label}: parameter '{names[i]}' is a traced tensor {ps[i].Aval} of Jit/Grad/Vmap; random variables belong to " +
                    "symbolic graphs: build the graph outside the transform (or use Rng with an explicit key inside it)");
        }
        // C# numbers are weak F32 (or I32) scalars: convert them to the variable's float dtype now, so that the
        // log-density computes log(5.0) of Normal(0, 5.0) in f64 for an f64 variable, not in f32.
        DType paramType = dtype.IsFloat() ? dtype : DType;
        for (int i = 0; i < ps.Length; i++)
            if (ps[i].IsWeak && !ps[i].IsTraced) ps[i] = Ops.ConvertElementType(ps[i], paramType, weak: false);
        Shape? s = size is null ? null : new Shape(size);
        lock (_lock)
        {
            string given = name ?? $"{dist}_{_variables.Count}";
            if (_variables.Find(v => v.Name == given) is { } clash)
                throw new ArgumentException(
                    $"RandomStream.{dist}: this stream already has a variable named '{given}' ({clash}); give each variable its own name", nameof(name));
            var rv = new RandomVariable(this, _variables.Count, given, dist, names, ps, s, dtype, sampler, shape ?? DefaultShape(label, names));
            var p = new RandomVariableParams(rv, s is null ? (Sizes?)null : Sizes.Of(s));
            Tensor value;
            try
            {
                value = SymbolicTrace.Instance.Process(Prims.RandomVariable, ps, p)[0];
            }
            catch (ArgumentException e) when (name is not null && e.GetType() == typeof(ArgumentException) && !e.Message.Contains($"'{name}'", StringComparison.Ordinal))
            {
                // The shape rules of the event families name only the family; the variable's name says which one.
                throw new ArgumentException($"RandomStream.{label}: {e.Message}", e.ParamName, e);
            }
            rv.Value = value;
            _variables.Add(rv);
            return value;
        }
    }

    /// <summary>The concrete shape of a draw: the size, else the parameters' broadcast shape.</summary>
    internal static int[] Shape(Tensor[] ps, int[]? size) =>
        size ?? Broadcasting.Shapes("random_variable", ps.Select((p, i) => ($"param{i}", p.Shape)).ToArray()).ToArray();

    private static ShapeRule DefaultShape(string dist, string[] names) => (ps, size) =>
    {
        var named = ps.Select((p, i) => (i < names.Length ? names[i] : $"param{i}", p)).ToArray();
        var b = named.Length == 0 ? new Shape() : Broadcasting.Shapes(dist, named);
        if (size is null) return b;
        var target = new Shape(size);
        if (Broadcasting.Shapes(dist, ("parameters", b), ("size", target)) != target)
            throw Errors.Shapes(dist, "parameters", b, "size", target, "the parameters do not broadcast to the size");
        return target;
    };

    private DType FloatDType(DType? dtype, params Tensor[] ps)
    {
        foreach (var p in ps) ArgumentNullException.ThrowIfNull(p);
        var t = dtype ?? ps.Where(p => !p.IsWeak && p.DType.IsFloat()).Select(p => (DType?)p.DType).FirstOrDefault() ?? DType;
        if (!t.IsFloat()) throw new ArgumentException($"RandomStream: dtype must be a float dtype; got {t.ShortName()}", nameof(dtype));
        return t;
    }
}
