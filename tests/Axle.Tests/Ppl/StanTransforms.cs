namespace Axle.Tests.Ppl;

/// <summary>
/// Stan's constraining transforms as scalar loops, line by line after Stan Math's
/// <c>simplex_constrain</c> and <c>cholesky_corr_constrain</c> (with <c>lp</c>): the tests' known answers
/// for the vectorized bijectors.
/// </summary>
internal static class StanTransforms
{
    public static (double[] X, double Lp) Simplex(double[] y)
    {
        int km1 = y.Length;
        var x = new double[km1 + 1];
        double stick = 1, lp = 0;
        for (int k = 0; k < km1; k++)
        {
            double adj = y[k] - Math.Log(km1 - k);
            x[k] = stick / (1 + Math.Exp(-adj));
            lp += Math.Log(stick) - Log1pExp(-adj) - Log1pExp(adj);
            stick -= x[k];
        }
        x[km1] = stick;
        return (x, lp);
    }

    public static (double[,] L, double Lp) CholeskyCorr(double[] y, int k)
    {
        var z = new double[y.Length];
        double lp = 0;
        for (int i = 0; i < y.Length; i++)
        {
            z[i] = Math.Tanh(y[i]);
            lp += Math.Log(1 - z[i] * z[i]);
        }
        var x = new double[k, k];
        x[0, 0] = 1;
        int at = 0;
        for (int i = 1; i < k; i++)
        {
            x[i, 0] = z[at++];
            double sumSqs = x[i, 0] * x[i, 0];
            for (int j = 1; j < i; j++)
            {
                lp += 0.5 * Math.Log(1 - sumSqs);
                x[i, j] = z[at++] * Math.Sqrt(1 - sumSqs);
                sumSqs += x[i, j] * x[i, j];
            }
            x[i, i] = Math.Sqrt(1 - sumSqs);
        }
        return (x, lp);
    }

    private static double Log1pExp(double a) => a > 0 ? a + Math.Log(1 + Math.Exp(-a)) : Math.Log(1 + Math.Exp(a));
}
