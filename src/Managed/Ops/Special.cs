namespace Axle;

public static partial class Ops
{
    /// <summary>
    /// Elementwise <c>log(1 + e^x)</c>, computed as <c>max(x, 0) + log1p(e^-|x|)</c> so it neither
    /// overflows for large <c>x</c> nor loses digits for very negative <c>x</c>.
    /// </summary>
    public static Tensor Softplus(Tensor x)
    {
        x = ToFloat(x);
        return Add(Maximum(x, 0.0), Log1p(Exp(Negate(Abs(x)))));
    }

    /// <summary>Elementwise <c>log(sigmoid(x)) = -softplus(-x)</c>, stable for large |x|.</summary>
    public static Tensor LogSigmoid(Tensor x)
    {
        x = ToFloat(x);
        return Negate(Softplus(Negate(x)));
    }

    /// <summary>Elementwise <c>max(x, 0)</c> (keeps the dtype).</summary>
    public static Tensor Relu(Tensor x)
    {
        Check(x);
        return Maximum(x, 0);
    }

    /// <summary>
    /// Gaussian error linear unit. <paramref name="approximate"/> (the default, as in JAX) uses
    /// <c>x/2 (1 + tanh(sqrt(2/π) (x + 0.044715 x³)))</c>; otherwise <c>x/2 (1 + erf(x / sqrt 2))</c>.
    /// </summary>
    public static Tensor Gelu(Tensor x, bool approximate = true)
    {
        x = ToFloat(x);
        var half = Multiply(x, 0.5);
        if (!approximate) return Multiply(half, Add(Erf(Multiply(x, 1 / Math.Sqrt(2))), 1.0));
        var inner = Multiply(Add(x, Multiply(Multiply(Multiply(x, x), x), 0.044715)), Math.Sqrt(2 / Math.PI));
        return Multiply(half, Add(Tanh(inner), 1.0));
    }

    /// <summary>Elementwise logit <c>log(x / (1 - x))</c>, the inverse of <see cref="Sigmoid"/>.</summary>
    public static Tensor Logit(Tensor x)
    {
        x = ToFloat(x);
        return Subtract(Log(x), Log1p(Negate(x)));
    }

    /// <summary><c>x · log(y)</c>, and 0 where <c>x == 0</c> (whatever <c>y</c> is), as scipy's <c>xlogy</c>.</summary>
    public static Tensor Xlogy(Tensor x, Tensor y) => XlogCore(x, y, Log);

    /// <summary><c>x · log1p(y)</c>, and 0 where <c>x == 0</c>, as scipy's <c>xlog1py</c>.</summary>
    public static Tensor Xlog1py(Tensor x, Tensor y) => XlogCore(x, y, Log1p);

    private static Tensor XlogCore(Tensor x, Tensor y, Func<Tensor, Tensor> log)
    {
        Check(x, y);
        (x, y) = FloatPair(x, y);
        var both = TypePromotion.Promote(x, y);
        (x, y) = (both[0], both[1]);
        var nonZero = NotEqual(x, 0);
        // Keep log's inputs clean where x == 0, so a NaN/inf there never reaches the product.
        var safeY = Where(nonZero, y, 1.0);
        return Where(nonZero, Multiply(x, log(safeY)), 0.0);
    }
}
