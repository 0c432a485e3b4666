using System.Globalization;
using Axle.Inference;

namespace Axle.Examples.HorseshoeLogistic;

/// <summary>The summary table and the acceptance checks (R-hat &lt; 1.05; true non-zero coefficients inside their 90% intervals).</summary>
internal static class Report
{
    private const double MaxRhat = 1.05;

    public static void Posterior(Posterior posterior, double[] trueBeta, HmcResult fit)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Format(inv, "{0,-10}{1,9}{2,9}{3,9}{4,9}{5,8}{6,9}  {7}", "", "true", "mean", "5%", "95%", "R-hat", "ESS", ""));
        Row("tau", double.NaN, posterior.TauByChain);
        for (int j = 0; j < trueBeta.Length; j++) Row($"beta[{j}]", trueBeta[j], posterior.BetaByChain[j]);
        int draws = fit.Chains * fit.DrawCount;
        Console.WriteLine(string.Format(inv,
            "\nwarm-up {0:0.0} s, sampling {1:0.0} s: {2:0.00} ms per draw ({3} chains together, {4:0.000} ms per chain-draw); " +
            "step sizes {5}; acceptance {6}; divergences {7}",
            fit.WarmupTime.TotalSeconds, fit.SamplingTime.TotalSeconds, fit.SamplingTime.TotalMilliseconds / fit.DrawCount, fit.Chains,
            fit.SamplingTime.TotalMilliseconds / draws,
            string.Join(" ", fit.StepSizes.Select(s => s.ToString("0.000", inv))),
            string.Join(" ", fit.AcceptanceRates.Select(a => a.ToString("0.00", inv))), fit.Divergences.Sum()));

        static void Row(string name, double truth, double[,] draws)
        {
            var s = Diagnostics.Summarize(draws);
            string flag = s.Rhat >= MaxRhat ? "R-hat too high" : !double.IsNaN(truth) && truth != 0 && !(s.Q5 <= truth && truth <= s.Q95) ? "truth outside 90%" : "";
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-10}{1,9}{2,9:0.000}{3,9:0.000}{4,9:0.000}{5,8:0.000}{6,9:0}  {7}",
                name, double.IsNaN(truth) ? "" : truth.ToString("0.0", CultureInfo.InvariantCulture), s.Mean, s.Q5, s.Q95, s.Rhat, s.EssBulk, flag));
        }
    }

    /// <summary>True when every R-hat is below 1.05 and each true non-zero coefficient lies in its 90% interval.</summary>
    public static bool Passed(Posterior posterior, double[] trueBeta)
    {
        bool ok = Diagnostics.Summarize(posterior.TauByChain).Rhat < MaxRhat;
        for (int j = 0; j < trueBeta.Length; j++)
        {
            var s = Diagnostics.Summarize(posterior.BetaByChain[j]);
            ok &= s.Rhat < MaxRhat;
            if (trueBeta[j] != 0) ok &= s.Q5 <= trueBeta[j] && trueBeta[j] <= s.Q95;
        }
        Console.WriteLine(ok ? "checks passed: R-hat < 1.05 everywhere, true non-zero coefficients inside their 90% intervals"
                             : "CHECKS FAILED (see the flags in the table)");
        return ok;
    }
}
