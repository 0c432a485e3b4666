namespace Axle;

// Location-scale families: z = (x - loc) / scale, log p = log f(z) - log scale.
internal static partial class LogDensities
{
    private static (Tensor Z, Tensor LogScale) Standardize(Tensor x, Tensor[] ps, RandomVariable rv)
    {
        Tensor loc = Param(rv, ps, "loc"), scale = Param(rv, ps, "scale");
        return ((x - loc) / scale, Ops.Log(scale));
    }

    private static Tensor Normal(Tensor x, Tensor[] ps, RandomVariable rv) => NormalLogPdf(x, Param(rv, ps, "loc"), Param(rv, ps, "scale"));

    private static Tensor NormalLogPdf(Tensor x, Tensor loc, Tensor scale) =>
        -0.5 * Ops.Square((x - loc) / scale) - Ops.Log(scale) - 0.5 * LogTwoPi;

    private static Tensor HalfNormal(Tensor x, Tensor[] ps, RandomVariable rv) =>
        Support(x >= Param(rv, ps, "loc"), Log2 + Normal(x, ps, rv));

    private static Tensor Cauchy(Tensor x, Tensor[] ps, RandomVariable rv)
    {
        var (z, logScale) = Standardize(x, ps, rv);
        return -LogPi - logScale - Ops.Log1p(Ops.Square(z));
    }

    private static Tensor HalfCauchy(Tensor x, Tensor[] ps, RandomVariable rv) =>
        Support(x >= Param(rv, ps, "loc"), Log2 + Cauchy(x, ps, rv));

    private static Tensor Laplace(Tensor x, Tensor[] ps, RandomVariable rv)
    {
        var (z, logScale) = Standardize(x, ps, rv);
        return -Log2 - logScale - Ops.Abs(z);
    }

    private static Tensor Logistic(Tensor x, Tensor[] ps, RandomVariable rv)
    {
        // log f(z) = -z - 2 log(1 + e^-z), written with softplus so large |z| stays finite.
        var (z, logScale) = Standardize(x, ps, rv);
        return -z - 2.0 * Ops.Softplus(-z) - logScale;
    }

    private static Tensor Gumbel(Tensor x, Tensor[] ps, RandomVariable rv)
    {
        var (z, logScale) = Standardize(x, ps, rv);
        return -z - Ops.Exp(-z) - logScale;
    }
}
