namespace Axle;

/// <summary>
/// Stan's ordered transforms on the last axis: ordered x₁ = u₁, xₖ = xₖ₋₁ + exp(uₖ)
/// (log |J| = Σ_{k≥2} uₖ); positive ordered xₖ = Σ_{j≤k} exp(u_j) (log |J| = Σ uₖ).
/// </summary>
internal sealed class OrderedBijector : Bijector
{
    private readonly bool _positive;

    private OrderedBijector(bool positive) => _positive = positive;

    public static readonly OrderedBijector Ordered = new(positive: false);

    public static readonly OrderedBijector PositiveOrdered = new(positive: true);

    public override Support Support => _positive ? Support.PositiveOrdered : Support.Ordered;

    public override string Describe(string[] argumentNames) => _positive ? "positive ordered (cumulative sum of exp)" : "ordered (first, then cumulative sum of exp)";

    public override void CheckShape(string caller, string name, int[] shape)
    {
        if (shape.Length == 0 || shape[^1] < 1)
            throw new ArgumentException($"{caller}: the ordered vector '{name}' needs a last axis of at least 1 element; got shape ({string.Join(", ", shape)})", "shape");
    }

    public override (Tensor X, Tensor LogJacobian) Forward(Tensor u, int[] shape, Tensor[] args)
    {
        Tensor y = Ops.Reshape(u, shape);
        if (_positive) return (Ops.Cumsum(Ops.Exp(y), -1), Ops.Sum(y));
        if (shape[^1] == 1) return (y, Ops.ZerosLike(Ops.Sum(u)));
        var parts = Ops.Split(y, [1], -1);
        Tensor steps = Ops.Concatenate([parts[0], Ops.Exp(parts[1])], -1);
        return (Ops.Cumsum(steps, -1), Ops.Sum(parts[1]));
    }

    public override Tensor Inverse(Tensor x, int[] shape, Tensor[] args)
    {
        Tensor y;
        if (shape[^1] == 1) y = _positive ? Ops.Log(x) : x;
        else
        {
            var firstAndRest = Ops.Split(x, [1], -1);
            Tensor previous = Ops.Split(x, [shape[^1] - 1], -1)[0];
            Tensor logGaps = Ops.Log(firstAndRest[1] - previous); // log(x_k - x_{k-1}), k >= 2
            y = Ops.Concatenate([_positive ? Ops.Log(firstAndRest[0]) : firstAndRest[0], logGaps], -1);
        }
        return Ops.Reshape(y, Elements(shape));
    }
}
