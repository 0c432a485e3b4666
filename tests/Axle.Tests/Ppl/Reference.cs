namespace Axle.Tests.Ppl;

/// <summary>Closed-form log-densities in plain C# (f64), the tests' reference.</summary>
internal static class Reference
{
    public const double LogTwoPi = 1.8378770664093453;

    /// <summary>log Γ(x) for x &gt; 0 (Lanczos, g = 7, n = 9; relative error ~1e-15).</summary>
    public static double LogGamma(double x)
    {
        double[] c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        double a = c[0], t = x + 7.5;
        for (int i = 1; i < 9; i++) a += c[i] / (x + i);
        return 0.5 * LogTwoPi + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }

    public static double Normal(double x, double loc, double scale) =>
        -0.5 * Math.Pow((x - loc) / scale, 2) - Math.Log(scale) - 0.5 * LogTwoPi;

    public static double Cauchy(double x, double loc, double scale) =>
        -Math.Log(Math.PI * scale * (1 + Math.Pow((x - loc) / scale, 2)));

    /// <summary>The standard normal CDF, from erfc by its continued-fraction-free series (Numerical Recipes' erfc approximation is too coarse).</summary>
    public static double Phi(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>erfc by numerical integration of exp(-t²) (Simpson, fine grid): accurate to ~1e-13 on the tests' range.</summary>
    public static double Erfc(double x)
    {
        if (x < 0) return 2 - Erfc(-x);
        const int n = 20000;
        double upper = x + 10, h = (upper - x) / n, sum = 0;
        for (int i = 0; i <= n; i++)
        {
            double t = x + i * h, w = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
            sum += w * Math.Exp(-t * t);
        }
        return 2 / Math.Sqrt(Math.PI) * sum * h / 3;
    }
}
