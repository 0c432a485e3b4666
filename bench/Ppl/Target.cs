using System.Globalization;

namespace Axle.Bench.Ppl;

/// <summary>
/// One of issue 16's targets for Axle against Stan, judged on wall time (<see cref="Fit.WallSeconds"/>: for Stan its
/// chains' own times scaled by their processes' wall ÷ CPU, rstan's R work left out). The ratio on CPU time per core
/// (<see cref="Fit.CpuSeconds"/>, blind to what other processes took) is given beside a miss.
/// </summary>
internal abstract record Target(string Text)
{
    /// <summary>Null when <paramref name="axle"/> meets the target against <paramref name="stan"/>; otherwise what falls short and by how much.</summary>
    public abstract string? Miss(Measures axle, Measures stan);

    protected static string F(double v, string format = "0.##") => v.ToString(format, CultureInfo.InvariantCulture);
}

/// <summary>Min bulk ESS per second ≥ <paramref name="Factor"/> × Stan's, optionally with no divergences and R-hat below 1.01.</summary>
internal sealed record EssTarget(double Factor, bool Clean)
    : Target($"min bulk ESS/s ≥ {Factor.ToString(CultureInfo.InvariantCulture)}× Stan's" + (Clean ? ", 0 divergences, R-hat < 1.01" : ""))
{
    public override string? Miss(Measures axle, Measures stan)
    {
        var misses = new List<string>();
        double ratio = axle.BulkPerWallSecond / stan.BulkPerWallSecond;
        if (!(ratio >= Factor))
            misses.Add($"min bulk ESS/s {F(axle.BulkPerWallSecond, "0.0")} vs Stan's {F(stan.BulkPerWallSecond, "0.0")}: {F(ratio)}×, " +
                       $"{F((1 - ratio / Factor) * 100, "0")}% short of {F(Factor)}× (on CPU time: {F(axle.BulkPerCpuSecond / stan.BulkPerCpuSecond)}×)");
        if (Clean && axle.Fit.Divergences > 0) misses.Add($"{axle.Fit.Divergences} divergences after warm-up");
        if (Clean && !(axle.MaxRhat < 1.01)) misses.Add($"R-hat {F(axle.MaxRhat, "0.000")} ({axle.MaxRhatName})");
        return misses.Count == 0 ? null : string.Join("; ", misses);
    }
}

/// <summary>Leapfrog steps per second ≥ Stan's.</summary>
internal sealed record LeapfrogTarget() : Target("leapfrog steps/s ≥ Stan's")
{
    public override string? Miss(Measures axle, Measures stan)
    {
        double ratio = axle.LeapfrogPerWallSecond / stan.LeapfrogPerWallSecond;
        return ratio >= 1 ? null
            : $"{F(axle.LeapfrogPerWallSecond, "0")} vs Stan's {F(stan.LeapfrogPerWallSecond, "0")} steps/s: {F(ratio)}×, {F((1 - ratio) * 100, "0")}% short " +
              $"(on CPU time: {F(axle.LeapfrogPerCpuSecond / stan.LeapfrogPerCpuSecond)}×)";
    }
}
