using System.Globalization;

namespace Axle;

/// <summary>
/// A declared parameter of a log-density model (Stan's <c>parameters</c> block): its name, shape and
/// support. <c>Ppl.Posterior(parameters, logDensity)</c> packs them into one unconstrained vector and
/// hands the log-density function their constrained values by name.
/// </summary>
/// <remarks>
/// Bounds are constants (C# numbers or concrete tensors that broadcast to the shape) or functions of
/// the parameters declared before (<c>Param.Interval("beta1", 0, p =&gt; 1 - p["alpha1"])</c>, garch11's
/// <c>beta1 &lt; 1 - alpha1</c>). An infinite bound of an interval drops out elementwise.
/// </remarks>
public sealed class Param
{
    private Param(string name, int[] shape, Bijector bijector, Func<ParamValues, Tensor>[] bounds, string[] boundNames)
    {
        Name = name;
        Shape = new Shape(shape);
        Bijector = bijector;
        Bounds = bounds;
        BoundNames = boundNames;
        bijector.CheckShape($"Param.{bijector.Support}", name, shape);
    }

    /// <summary>The parameter's name (the key of its value in <see cref="ParamValues"/> and in results).</summary>
    public string Name { get; }

    /// <summary>The shape of its constrained values.</summary>
    public Shape Shape { get; }

    /// <summary>Its support.</summary>
    public Support Support => Bijector.Support;

    internal Bijector Bijector { get; }

    /// <summary>The bijector's arguments as functions of the earlier parameters (constants ignore them).</summary>
    internal Func<ParamValues, Tensor>[] Bounds { get; }

    internal string[] BoundNames { get; }

    /// <summary>Real values of <paramref name="shape"/> (a scalar when none is given).</summary>
    /// <exception cref="ArgumentException">An empty name or a negative dimension.</exception>
    public static Param Real(string name, params int[] shape) => new(Check(name), CheckShape(name, shape), IdentityBijector.Instance, [], []);

    /// <summary>Positive values (x = exp(u)).</summary>
    /// <exception cref="ArgumentException">An empty name or a negative dimension.</exception>
    public static Param Positive(string name, params int[] shape) => new(Check(name), CheckShape(name, shape), BoundedBijector.Positive, [], []);

    /// <summary>Values above a constant <paramref name="lower"/> (x = lower + exp(u)).</summary>
    /// <exception cref="ArgumentException">An empty name, a negative dimension, or a bound that is not a concrete tensor broadcasting to the shape.</exception>
    public static Param LowerBounded(string name, Tensor lower, params int[] shape) =>
        Bounded(name, shape, BoundedBijector.Lower, Constant(name, "lower", lower, shape));

    /// <summary>Values above <paramref name="lower"/>, a function of the parameters declared before this one.</summary>
    /// <exception cref="ArgumentException">An empty name or a negative dimension.</exception>
    public static Param LowerBounded(string name, Func<ParamValues, Tensor> lower, params int[] shape) =>
        Bounded(name, shape, BoundedBijector.Lower, Function(lower, nameof(lower)));

    /// <summary>Values below a constant <paramref name="upper"/> (x = upper - exp(u)).</summary>
    /// <exception cref="ArgumentException">An empty name, a negative dimension, or a bound that is not a concrete tensor broadcasting to the shape.</exception>
    public static Param UpperBounded(string name, Tensor upper, params int[] shape) =>
        Bounded(name, shape, BoundedBijector.Upper, Constant(name, "upper", upper, shape));

    /// <summary>Values below <paramref name="upper"/>, a function of the parameters declared before this one.</summary>
    /// <exception cref="ArgumentException">An empty name or a negative dimension.</exception>
    public static Param UpperBounded(string name, Func<ParamValues, Tensor> upper, params int[] shape) =>
        Bounded(name, shape, BoundedBijector.Upper, Function(upper, nameof(upper)));

    /// <summary>Values in (<paramref name="lower"/>, <paramref name="upper"/>) (scaled logit).</summary>
    /// <exception cref="ArgumentException">An empty name, a negative dimension, or a bound that is not a concrete tensor broadcasting to the shape.</exception>
    public static Param Interval(string name, Tensor lower, Tensor upper, params int[] shape) =>
        Bounded(name, shape, BoundedBijector.Interval, Constant(name, "lower", lower, shape), Constant(name, "upper", upper, shape));

    /// <summary>Values in (<paramref name="lower"/>, <paramref name="upper"/>), the upper bound a function of the earlier parameters.</summary>
    /// <exception cref="ArgumentException">An empty name, a negative dimension, or a constant bound that does not fit.</exception>
    public static Param Interval(string name, Tensor lower, Func<ParamValues, Tensor> upper, params int[] shape) =>
        Bounded(name, shape, BoundedBijector.Interval, Constant(name, "lower", lower, shape), Function(upper, nameof(upper)));

    /// <summary>Values in (<paramref name="lower"/>, <paramref name="upper"/>), the lower bound a function of the earlier parameters.</summary>
    /// <exception cref="ArgumentException">An empty name, a negative dimension, or a constant bound that does not fit.</exception>
    public static Param Interval(string name, Func<ParamValues, Tensor> lower, Tensor upper, params int[] shape) =>
        Bounded(name, shape, BoundedBijector.Interval, Function(lower, nameof(lower)), Constant(name, "upper", upper, shape));

    /// <summary>Values in (<paramref name="lower"/>, <paramref name="upper"/>), both functions of the earlier parameters.</summary>
    /// <exception cref="ArgumentException">An empty name or a negative dimension.</exception>
    public static Param Interval(string name, Func<ParamValues, Tensor> lower, Func<ParamValues, Tensor> upper, params int[] shape) =>
        Bounded(name, shape, BoundedBijector.Interval, Function(lower, nameof(lower)), Function(upper, nameof(upper)));

    /// <summary>A simplex of <paramref name="k"/> entries (positive, summing to 1; Stan's <c>simplex[k]</c>), or an array of them with <paramref name="batch"/> leading axes.</summary>
    /// <exception cref="ArgumentException">An empty name, <paramref name="k"/> &lt; 1, or a negative batch dimension.</exception>
    public static Param Simplex(string name, int k, int[]? batch = null) => Event(name, k, batch, SimplexBijector.Instance, [k]);

    /// <summary>A strictly increasing vector of <paramref name="k"/> entries (Stan's <c>ordered[k]</c>; mixture locations).</summary>
    /// <exception cref="ArgumentException">An empty name, <paramref name="k"/> &lt; 1, or a negative batch dimension.</exception>
    public static Param Ordered(string name, int k, int[]? batch = null) => Event(name, k, batch, OrderedBijector.Ordered, [k]);

    /// <summary>A positive, strictly increasing vector of <paramref name="k"/> entries (Stan's <c>positive_ordered[k]</c>).</summary>
    /// <exception cref="ArgumentException">An empty name, <paramref name="k"/> &lt; 1, or a negative batch dimension.</exception>
    public static Param PositiveOrdered(string name, int k, int[]? batch = null) => Event(name, k, batch, OrderedBijector.PositiveOrdered, [k]);

    /// <summary>The lower-triangular Cholesky factor of a <paramref name="k"/> × <paramref name="k"/> correlation matrix (Stan's <c>cholesky_factor_corr[k]</c>).</summary>
    /// <exception cref="ArgumentException">An empty name, <paramref name="k"/> &lt; 1, or a negative batch dimension.</exception>
    public static Param CholeskyCorr(string name, int k, int[]? batch = null) => Event(name, k, batch, CholeskyCorrelationBijector.Instance, [k, k]);

    /// <summary>For messages: <c>'beta1' Interval (1)</c>.</summary>
    public override string ToString() => $"'{Name}' {Support} {Shape}";

    private static Param Bounded(string name, int[] shape, BoundedBijector b, params (Func<ParamValues, Tensor> F, string Name)[] bounds) =>
        new(Check(name), CheckShape(name, shape), b, bounds.Select(x => x.F).ToArray(), bounds.Select(x => x.Name).ToArray());

    private static Param Event(string name, int k, int[]? batch, Bijector b, int[] eventShape)
    {
        Check(name);
        if (k < 1) throw new ArgumentException($"Param.{b.Support}: '{name}' needs k >= 1; got {k}", nameof(k));
        return new(name, [.. CheckShape(name, batch ?? []), .. eventShape], b, [], []);
    }

    private static (Func<ParamValues, Tensor>, string) Constant(string name, string which, Tensor bound, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(bound, which);
        bound.ThrowIfDisposed();
        if (bound.IsTraced)
            throw new ArgumentException(
                $"Param '{name}': the {which} bound must be a concrete tensor, not a traced or symbolic {bound.Aval}; give a function of the earlier parameters instead", which);
        var target = new Shape(shape);
        if (Broadcasting.Shapes("Param", (which, bound.Shape), (name, target)) != target)
            throw new ArgumentException($"Param '{name}': the {which} bound of shape {bound.Shape} does not broadcast to the parameter's shape {target}", which);
        string text = bound.Rank == 0 ? Ops.Astype(bound, DType.F64).Item<double>().ToString("G6", CultureInfo.InvariantCulture) : $"{which} {bound.Shape}";
        return (_ => bound, text);
    }

    private static (Func<ParamValues, Tensor>, string) Function(Func<ParamValues, Tensor> bound, string which)
    {
        ArgumentNullException.ThrowIfNull(bound, which);
        return (bound, $"{which}(earlier parameters)");
    }

    private static string Check(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("Param: the name must not be empty or white space", nameof(name));
        return name;
    }

    private static int[] CheckShape(string name, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Any(d => d < 0))
            throw new ArgumentException($"Param '{name}': dimensions must be >= 0; got ({string.Join(", ", shape)})", nameof(shape));
        return [.. shape];
    }
}
