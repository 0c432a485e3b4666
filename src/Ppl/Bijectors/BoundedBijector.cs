namespace Axle;

/// <summary>
/// Bounded supports (Stan's lower, upper and lower-upper transforms): x = lower + exp(u),
/// x = upper - exp(u), or x = lower + (upper - lower)·σ(u). The bounds are arguments, so they may be
/// expressions of other variables (garch11's beta1 &lt; 1 - alpha1).
/// </summary>
internal sealed class BoundedBijector : Bijector
{
    private readonly bool _lower, _upper;

    private BoundedBijector(bool lower, bool upper, bool positive)
    {
        _lower = lower;
        _upper = upper;
        Support = positive ? Support.Positive : lower && upper ? Support.Interval : lower ? Support.LowerBounded : Support.UpperBounded;
    }

    /// <summary>x &gt; 0 (no arguments).</summary>
    public static readonly BoundedBijector Positive = new(lower: true, upper: false, positive: true);

    /// <summary>x &gt; args[0].</summary>
    public static readonly BoundedBijector Lower = new(lower: true, upper: false, positive: false);

    /// <summary>x &lt; args[0].</summary>
    public static readonly BoundedBijector Upper = new(lower: false, upper: true, positive: false);

    /// <summary>args[0] &lt; x &lt; args[1]; an infinite bound drops out elementwise (a truncated normal's ±∞).</summary>
    public static readonly BoundedBijector Interval = new(lower: true, upper: true, positive: false);

    public override Support Support { get; }

    public override string Describe(string[] a) => Support switch
    {
        Support.Positive => "log",
        Support.LowerBounded => $"log of x - {a[0]}",
        Support.UpperBounded => $"log of {a[0]} - x",
        _ => $"scaled logit on ({a[0]}, {a[1]})",
    };

    public override (Tensor X, Tensor LogJacobian) Forward(Tensor u, int[] shape, Tensor[] args)
    {
        u = Ops.Reshape(u, shape);
        if (Support == Support.Positive) return (Ops.Exp(u), Ops.Sum(u));
        if (!_upper) return (args[0] + Ops.Exp(u), Ops.Sum(u));
        if (!_lower) return (args[0] - Ops.Exp(u), Ops.Sum(u));
        var (both, lowOnly, upOnly, lo, hi) = Bounds(args[0], args[1], shape);
        Tensor width = Ops.Where(both, hi - lo, 1.0);
        // exp(u) only where a half-open branch is taken: elsewhere u may be large, and exp(u) = inf
        // would turn the masked branch's zero cotangent into NaN (0 · inf).
        Tensor e = Ops.Exp(Ops.Where(both, 0.0, u));
        Tensor x = Ops.Where(both, lo + width * Ops.Sigmoid(u), Ops.Where(lowOnly, lo + e, Ops.Where(upOnly, hi - e, u)));
        Tensor jac = Ops.Where(both, Ops.Log(width) + LogSigmoidSlope(u), Ops.Where(Ops.LogicalOr(lowOnly, upOnly), u, 0.0));
        return (x, Ops.Sum(jac));
    }

    public override Tensor Inverse(Tensor x, int[] shape, Tensor[] args)
    {
        Tensor u;
        if (Support == Support.Positive) u = Ops.Log(x);
        else if (!_upper) u = Ops.Log(x - args[0]);
        else if (!_lower) u = Ops.Log(args[0] - x);
        else
        {
            var (both, lowOnly, upOnly, lo, hi) = Bounds(args[0], args[1], shape);
            Tensor width = Ops.Where(both, hi - lo, 1.0);
            Tensor p = Ops.Where(both, (x - lo) / width, 0.5);
            Tensor gap = Ops.Where(lowOnly, x - lo, Ops.Where(upOnly, hi - x, 1.0));
            u = Ops.Where(both, Logit(p), Ops.Where(Ops.LogicalOr(lowOnly, upOnly), Ops.Log(gap), x));
        }
        return Ops.Reshape(Ops.BroadcastTo(u, shape), Elements(shape));
    }

    /// <summary>Which elements have both, only the lower or only the upper bound finite; the bounds with infinities replaced by 0.</summary>
    private static (Tensor Both, Tensor LowOnly, Tensor UpOnly, Tensor Lo, Tensor Hi) Bounds(Tensor lower, Tensor upper, int[] shape)
    {
        Tensor lf = Ops.BroadcastTo(Ops.IsFinite(lower), shape), uf = Ops.BroadcastTo(Ops.IsFinite(upper), shape);
        return (Ops.LogicalAnd(lf, uf), Ops.LogicalAnd(lf, Ops.LogicalNot(uf)), Ops.LogicalAnd(Ops.LogicalNot(lf), uf),
            Ops.Where(lf, lower, 0.0), Ops.Where(uf, upper, 0.0));
    }
}
