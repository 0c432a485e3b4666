namespace Axle;

/// <summary>
/// Stan's Cholesky-factor-of-correlation transform on the last two axes (K, K): the K(K-1)/2 free
/// values, row by row over the strict lower triangle, are canonical partial correlations
/// z = tanh(u), and row i is L_ij = z_ij·√(1 - Σ_{k&lt;j} L_ik²), L_ii = √(1 - Σ_{k&lt;i} L_ik²), so every row
/// has unit norm. With s_ij = Π_{k&lt;j}(1 - z_ik²) (the stick left before column j):
/// log |J| = Σ log(1 - z²) + ½ Σ_{i, 0&lt;j&lt;i} log s_ij.
/// </summary>
internal sealed class CholeskyCorrelationBijector : Bijector
{
    public static readonly CholeskyCorrelationBijector Instance = new();

    private const double Log2 = 0.6931471805599453;

    public override Support Support => Support.CholeskyCorrelation;

    public override string Describe(string[] argumentNames) => "Cholesky factor of a correlation matrix (tanh of canonical partial correlations)";

    public override void CheckShape(string caller, string name, int[] shape)
    {
        if (shape.Length < 2 || shape[^1] != shape[^2] || shape[^1] < 1)
            throw new ArgumentException(
                $"{caller}: the Cholesky factor '{name}' must be square on its last two axes, (K, K) with K >= 1; got shape ({string.Join(", ", shape)})", "shape");
    }

    public override int FreeLength(int[] shape)
    {
        int k = shape[^1];
        return Elements(shape) / (k * k) * (k * (k - 1) / 2);
    }

    public override (Tensor X, Tensor LogJacobian) Forward(Tensor u, int[] shape, Tensor[] args)
    {
        int k = shape[^1];
        int[] batch = shape[..^2];
        Tensor y = Ops.Reshape(u, [.. batch, k * (k - 1) / 2]);
        var rows = new Tensor[k];
        rows[0] = Ops.Concatenate([Ops.Ones([.. batch, 1], u.DType), Ops.Zeros([.. batch, k - 1], u.DType)], -1);
        Tensor jac = Ops.ZerosLike(Ops.Sum(u));
        var segments = Segments(y, k);
        for (int i = 1; i < k; i++)
        {
            Tensor yi = segments[i - 1];
            Tensor z = Ops.Tanh(yi);
            // log(1 - tanh² y) = 2 (log 2 - |y| - log(1 + e^{-2|y|})), exact for large |y| where 1 - z² rounds to 0.
            Tensor a = Ops.Abs(yi);
            Tensor logOneMinusZ2 = 2.0 * (Log2 - a - Ops.Softplus(-2.0 * a));
            Tensor cum = Ops.Cumsum(logOneMinusZ2, -1);
            Tensor logStick = cum - logOneMinusZ2;
            Tensor offDiagonal = z * Ops.Exp(0.5 * logStick);
            Tensor diagonal = Ops.Exp(0.5 * Ops.Split(cum, [i - 1], -1)[1]);
            rows[i] = Ops.Concatenate([offDiagonal, diagonal, Ops.Zeros([.. batch, k - 1 - i], u.DType)], -1);
            jac = jac + Ops.Sum(logOneMinusZ2) + 0.5 * Ops.Sum(logStick);
        }
        return (Ops.Stack(rows, batch.Length), jac);
    }

    public override Tensor Inverse(Tensor x, int[] shape, Tensor[] args)
    {
        int k = shape[^1];
        if (k == 1) return Ops.Reshape(x, 0);
        int rowAxis = shape.Length - 2;
        var rows = Ops.Split(x, k, rowAxis);
        var parts = new Tensor[k - 1];
        for (int i = 1; i < k; i++)
        {
            Tensor r = Ops.Split(Ops.Squeeze(rows[i], rowAxis), [i], -1)[0];
            Tensor sq = Ops.Square(r);
            Tensor stick = 1.0 - (Ops.Cumsum(sq, -1) - sq);
            parts[i - 1] = Ops.Atanh(r / Ops.Sqrt(stick));
        }
        return Ops.Reshape(Ops.Concatenate(parts, -1), FreeLength(shape));
    }

    /// <summary>The free values of rows 1..K-1: row i has i of them.</summary>
    private static Tensor[] Segments(Tensor y, int k)
    {
        if (k == 2) return [y];
        var cuts = new int[k - 2];
        for (int i = 1, at = 0; i < k - 1; i++) cuts[i - 1] = at += i;
        return Ops.Split(y, cuts, -1);
    }
}
