namespace Axle;

/// <summary>
/// Stan's stick-breaking simplex transform on the last axis: for k = 1..K-1,
/// z_k = σ(u_k - log(K - k)), x_k = z_k · (1 - Σ_{j&lt;k} x_j), x_K = the stick left. The offset makes
/// u = 0 the uniform simplex. log |J| = Σ_k log z_k + log(1 - z_k) + log(stick before k).
/// </summary>
internal sealed class SimplexBijector : Bijector
{
    public static readonly SimplexBijector Instance = new();

    public override Support Support => Support.Simplex;

    public override string Describe(string[] argumentNames) => "stick-breaking";

    public override void CheckShape(string caller, string name, int[] shape)
    {
        if (shape.Length == 0 || shape[^1] < 1)
            throw new ArgumentException($"{caller}: the simplex '{name}' needs a last axis of at least 1 element; got shape ({string.Join(", ", shape)})", "shape");
    }

    public override int FreeLength(int[] shape) => Elements(shape) / shape[^1] * (shape[^1] - 1);

    public override (Tensor X, Tensor LogJacobian) Forward(Tensor u, int[] shape, Tensor[] args)
    {
        int k = shape[^1];
        if (k == 1) return (Ops.Ones(shape, u.DType), Ops.ZerosLike(Ops.Sum(u)));
        Tensor y = Ops.Reshape(u, [.. shape[..^1], k - 1]);
        Tensor v = y - Offsets(k, y.DType);
        Tensor logZ = Ops.LogSigmoid(v), log1mZ = Ops.LogSigmoid(-v);
        Tensor cum = Ops.Cumsum(log1mZ, -1);
        Tensor logStick = cum - log1mZ; // log of the stick left before break k
        Tensor head = Ops.Exp(logZ + logStick);
        Tensor last = Ops.Exp(Ops.Split(cum, [k - 2], -1)[1]);
        return (Ops.Concatenate([head, last], -1), Ops.Sum(logZ + log1mZ + logStick));
    }

    public override Tensor Inverse(Tensor x, int[] shape, Tensor[] args)
    {
        int k = shape[^1];
        if (k == 1) return Ops.Reshape(x, 0);
        Tensor head = Ops.Split(x, [k - 1], -1)[0];
        Tensor stick = 1.0 - ExclusiveCumsum(head);
        Tensor y = Logit(head / stick) + Offsets(k, x.DType);
        return Ops.Reshape(y, FreeLength(shape));
    }

    /// <summary>log(K - k) for k = 1..K-1.</summary>
    private static Tensor Offsets(int k, DType dtype) => Ops.Log(Ops.Arange(k - 1.0, 0.0, -1.0, dtype));
}
