namespace Axle.Inference;

/// <summary>
/// The standard normal quantile Φ⁻¹(p) by Wichura's Algorithm AS 241 (PPND16, Applied Statistics 37,
/// 477–484, 1988): rational functions of p − ½ in the centre and of √(−ln min(p, 1 − p)) in the
/// tails, accurate to about 1e-16. R's <c>qnorm</c> runs the same algorithm with the same evaluation
/// order, so rank normalization gives posterior's z-scores to the bit, and one quantile costs a few
/// dozen flops (rank-normalizing is most of a summary's time).
/// </summary>
internal static class NormalQuantile
{
    // Wichura's published coefficients, constant term first (Horner runs from the last).
    private static readonly double[] CentralNumerator =
        [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
         45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727];
    private static readonly double[] CentralDenominator =
        [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077,
         21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852854561];
    private static readonly double[] NearNumerator =
        [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
         1.27045825245236838258, .24178072517745061177, .0227238449892691845833, 7.7454501427834140764e-4];
    private static readonly double[] NearDenominator =
        [1, 2.05319162663775882187, 1.6763848301838038494, .68976733498510000455,
         .14810397642748007459, .0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9];
    private static readonly double[] FarNumerator =
        [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, .29656057182850489123,
         .026532189526576123093, .0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
    private static readonly double[] FarDenominator =
        [1, .59983220655588793769, .13692988092273580531, .0148753612908506148525,
         7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15];

    public static double Of(double p)
    {
        if (double.IsNaN(p) || p < 0 || p > 1) return double.NaN;
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        double q = p - 0.5;
        if (Math.Abs(q) <= 0.425)
        {
            // 0.075 ≤ p ≤ 0.925.
            double r = 0.180625 - q * q;
            return q * Horner(CentralNumerator, r) / Horner(CentralDenominator, r);
        }
        double s = Math.Sqrt(-Math.Log(q > 0 ? 1 - p : p));
        double value = s <= 5
            ? Horner(NearNumerator, s - 1.6) / Horner(NearDenominator, s - 1.6)
            : Horner(FarNumerator, s - 5) / Horner(FarDenominator, s - 5);
        return q < 0 ? -value : value;
    }

    private static double Horner(double[] c, double x)
    {
        double v = c[^1];
        for (int i = c.Length - 2; i >= 0; i--) v = v * x + c[i];
        return v;
    }
}
