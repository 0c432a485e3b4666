namespace Axle.Plots;

/// <summary>
/// Gaussian kernel density estimate with Scott's bandwidth, as scipy's <c>gaussian_kde</c> computes it by
/// default (h = sd·n^(−1/5), sd with ddof 1). Written here rather than taken from a library: it is twenty
/// lines, and the one .NET library that has it (MathNet.Numerics' <c>KernelDensity</c>) would add a 1.5 MB
/// dependency for one function and leaves the bandwidth to the caller anyway.
/// </summary>
internal static class Kde
{
    /// <summary>Points of the density curve: <paramref name="points"/> values spanning the finite draws, widened by one bandwidth each side.</summary>
    /// <returns>(xs, density); both empty when there are no finite draws.</returns>
    public static (double[] Xs, double[] Density) Curve(double[] draws, int points = 200)
    {
        double[] x = draws.Where(double.IsFinite).ToArray();
        if (x.Length == 0) return ([], []);
        double h = Bandwidth(x);
        double lo = x.Min() - h, hi = x.Max() + h;
        var xs = new double[points];
        for (int i = 0; i < points; i++) xs[i] = lo + (hi - lo) * i / (points - 1);
        return (xs, Evaluate(x, h, xs));
    }

    /// <summary>Scott's rule: sd·n^(−1/5). A sample with no spread gets a bandwidth of 1e-3 of its scale so its curve is a narrow spike, not a division by zero.</summary>
    public static double Bandwidth(double[] x)
    {
        double mean = x.Average();
        double variance = x.Length > 1 ? x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1) : 0;
        double sd = Math.Sqrt(variance);
        if (!(sd > 0)) sd = 1e-3 * Math.Max(Math.Abs(mean), 1);
        return sd * Math.Pow(x.Length, -0.2);
    }

    /// <summary>The density at each of <paramref name="at"/>: the mean of normal densities N(at; xᵢ, h²).</summary>
    public static double[] Evaluate(double[] x, double h, double[] at)
    {
        double norm = 1 / (x.Length * h * Math.Sqrt(2 * Math.PI));
        var density = new double[at.Length];
        for (int i = 0; i < at.Length; i++)
        {
            double sum = 0;
            foreach (double xi in x)
            {
                double z = (at[i] - xi) / h;
                sum += Math.Exp(-0.5 * z * z);
            }
            density[i] = sum * norm;
        }
        return density;
    }
}
