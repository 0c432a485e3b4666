using System.Diagnostics;
using Axle.Inference;
using Xunit.Abstractions;

namespace Axle.Tests.Inference;

public class HmcTests(ITestOutputHelper output)
{
    [Fact]
    public void RecoversTheConjugateNormalPosterior()
    {
        // y[g, i] ~ N(θ_g, σ² = 4), θ_g ~ N(1, s0² = 9), three groups of 10 observations:
        // the posterior of θ_g is normal with precision 1/9 + 10/4 and mean (1/9 + Σy/4) / precision.
        const int groups = 3, perGroup = 10;
        var rng = new Random(11);
        var y = new double[groups * perGroup];
        double[] truth = [-2, 0.5, 3];
        for (int i = 0; i < y.Length; i++) y[i] = truth[i / perGroup] + 2 * DiagnosticsTests.Gaussian(rng);
        Tensor data = Tensor.From(y, groups, perGroup);
        Tensor LogDensity(Tensor theta) =>
            -0.5 * Ops.Sum(Ops.Square(theta - 1.0)) / 9.0
            - 0.5 * Ops.Sum(Ops.Square(data - Ops.ExpandDims(theta, 1))) / 4.0;

        var init = Tensor.From(new double[4 * groups], 4, groups);
        var result = Hmc.Sample(LogDensity, init, new HmcOptions { Warmup = 300, Draws = 500, Seed = 3, LeapfrogSteps = 8 });

        double precision = 1.0 / 9 + perGroup / 4.0;
        for (int g = 0; g < groups; g++)
        {
            double sum = y.Skip(g * perGroup).Take(perGroup).Sum();
            double mean = (1.0 / 9 + sum / 4) / precision, variance = 1 / precision;
            var s = Diagnostics.Summarize(result.Parameter(g));
            output.WriteLine($"θ{g}: mean {s.Mean:F4} (exact {mean:F4}, mcse {s.McseMean:F4}), var {s.Sd * s.Sd:F4} (exact {variance:F4}), ess {s.EssBulk:F0}, rhat {s.Rhat:F4}");
            Assert.InRange(s.Mean, mean - 4 * s.McseMean, mean + 4 * s.McseMean);
            // The variance estimate's relative sd is about √(2 / ESS).
            double tolerance = 4 * Math.Sqrt(2 / s.EssBulk);
            Assert.InRange(s.Sd * s.Sd / variance, 1 - tolerance, 1 + tolerance);
            Assert.InRange(s.Rhat, 0.99, 1.01);
        }
        output.WriteLine($"step sizes {string.Join(", ", result.StepSizes.Select(e => e.ToString("F3")))}; acceptance {string.Join(", ", result.AcceptanceRates.Select(a => a.ToString("F3")))}");
        Assert.All(result.AcceptanceRates, a => Assert.InRange(a, 0.6, 0.97));
        Assert.All(result.Divergences, d => Assert.Equal(0, d));
        // The adapted inverse mass matrix estimates the posterior variance.
        for (int c = 0; c < result.Chains; c++)
            for (int g = 0; g < groups; g++) Assert.InRange(result.InverseMassMatrix[c, g] * precision, 0.5, 2);
    }

    [Fact]
    public void Correlated100dGaussianConverges()
    {
        // Σ = D R D with R_ij = 0.6^|i-j| and scales from 0.3 to 3: diagonal mass adaptation matters.
        const int dim = 100, chains = 4;
        var scale = Enumerable.Range(0, dim).Select(i => 0.3 * Math.Pow(10, i / (dim - 1.0))).ToArray();
        var mean = Enumerable.Range(0, dim).Select(i => Math.Sin(i)).ToArray();
        var cov = new double[dim, dim];
        for (int i = 0; i < dim; i++)
            for (int j = 0; j < dim; j++) cov[i, j] = scale[i] * scale[j] * Math.Pow(0.6, Math.Abs(i - j));
        Tensor precision = Ops.Inv(Tensor.From(cov));
        Tensor mu = Tensor.From(mean, dim);
        Tensor LogDensity(Tensor x)
        {
            Tensor d = x - mu;
            // Sum of a product rather than Ops.Dot: Vmap of Grad of a vector Dot gives wrong gradients (reported).
            return -0.5 * Ops.Sum(d * Ops.MatMul(precision, d));
        }

        var rng = new Random(5);
        var init = new double[chains * dim];
        for (int i = 0; i < init.Length; i++) init[i] = 2 * rng.NextDouble() - 1;
        var clock = Stopwatch.StartNew();
        var reports = new List<HmcProgress>();
        var result = Hmc.Sample(LogDensity, Tensor.From(init, chains, dim), new HmcOptions { Warmup = 500, Draws = 1000, Seed = 1 }, reports.Add);
        // Steady-state cost: from the first sampling report (its chunk pays for any compilation) to the last.
        var sampling = reports.Where(r => !r.IsWarmup).ToList();
        output.WriteLine($"steady sampling {(sampling[^1].Elapsed - sampling[0].Elapsed).TotalMilliseconds / (sampling[^1].Iteration - sampling[0].Iteration):F3} ms per iteration of {chains} chains");
        output.WriteLine($"total {clock.Elapsed.TotalSeconds:F1} s (warm-up incl. compile {result.WarmupTime.TotalSeconds:F1} s, sampling {result.SamplingTime.TotalSeconds:F1} s, {result.SamplingTime.TotalMilliseconds / 1000:F2} ms per iteration of {chains} chains)");
        output.WriteLine($"step sizes {string.Join(", ", result.StepSizes.Select(e => e.ToString("F3")))}; acceptance {string.Join(", ", result.AcceptanceRates.Select(a => a.ToString("F3")))}");

        var summaries = Diagnostics.Summarize(result.Draws);
        double maxRhat = summaries.Max(s => s.Rhat), minEss = summaries.Min(s => s.EssBulk);
        double maxZ = summaries.Select((s, i) => Math.Abs(s.Mean - mean[i]) / s.McseMean).Max();
        output.WriteLine($"max R-hat {maxRhat:F4}, min bulk ESS {minEss:F0}, max |mean error| / mcse {maxZ:F2}");
        Assert.All(summaries, s => Assert.True(s.Rhat < 1.01, $"R-hat {s.Rhat}"));
        // 100 coordinates: allow 4.5 Monte Carlo standard errors (a 1-in-1000 miss per coordinate under normality).
        for (int i = 0; i < dim; i++)
            Assert.True(Math.Abs(summaries[i].Mean - mean[i]) < 4.5 * summaries[i].McseMean,
                $"coordinate {i}: mean {summaries[i].Mean}, exact {mean[i]}, mcse {summaries[i].McseMean}");
        Assert.All(result.Divergences, d => Assert.Equal(0, d));
    }

    [Fact]
    public void SamplesInF32AndRejectsStartsOutsideTheSupport()
    {
        // Exponential(1) on the positive reals written with -inf outside: HMC must never leave
        // the support (a step out is -inf, rejected) and the mean stays near 1.
        Tensor LogDensity(Tensor x) => Ops.Sum(Ops.Where(x > 0f, -x, Ops.FullLike(x, float.NegativeInfinity)));
        var init = Tensor.From(new float[] { 0.5f, 1.5f }, 2, 1);
        var result = Hmc.Sample(LogDensity, init, new HmcOptions { Warmup = 300, Draws = 2000, Seed = 7, LeapfrogSteps = 4 });
        var s = Diagnostics.Summarize(result.Parameter(0));
        foreach (double v in result.Draws) Assert.True(v > 0);
        output.WriteLine($"mean {s.Mean:F3} mcse {s.McseMean:F3} ess {s.EssBulk:F0}");
        Assert.InRange(s.Mean, 1 - 5 * s.McseMean, 1 + 5 * s.McseMean);

        var bad = Tensor.From(new float[] { 1f, -1f }, 2, 1);
        var e = Assert.Throws<ArgumentException>(() => Hmc.Sample(LogDensity, bad, new HmcOptions { Warmup = 10, Draws = 10 }));
        Assert.Contains("chain 1", e.Message);
        Assert.Throws<ArgumentException>(() => Hmc.Sample(LogDensity, Tensor.From(new float[] { 1f }, 1)));
    }

    [Fact]
    public void SameSeedSameDrawsAndProgressIsReported()
    {
        Tensor LogDensity(Tensor x) => -0.5 * Ops.Sum(x * x);
        var init = Tensor.From(new double[] { 0, 0, 1, 1 }, 2, 2);
        var reports = new List<HmcProgress>();
        var options = new HmcOptions { Warmup = 30, Draws = 20, Seed = 42, LeapfrogSteps = 4, ProgressInterval = 10 };
        var a = Hmc.Sample(LogDensity, init, options, reports.Add);
        var b = Hmc.Sample(LogDensity, init, options);
        Assert.Equal(a.Draws, b.Draws);
        Assert.Equal([10, 20, 30, 40, 50], reports.Select(r => r.Iteration));
        Assert.Equal([true, true, true, false, false], reports.Select(r => r.IsWarmup));
        Assert.Equal((2, 20, 2), (a.Chains, a.DrawCount, a.Dim));
        Assert.NotEqual(a.Draws, Hmc.Sample(LogDensity, init, options with { Seed = 43 }).Draws);
    }

    [Fact]
    public void StretchesThatDoNotDivideTheProgressIntervalKeepEveryDraw()
    {
        // Warm-up, draws and windows that are not multiples of the progress interval exercise the
        // shorter-than-a-chunk calls; a huge interval exercises a chunk cut to the phase length.
        Tensor LogDensity(Tensor x) => -0.5 * Ops.Sum(x * x);
        var init = Tensor.From(new double[] { 0.5, -0.5, 1, 1, -1, 0 }, 3, 2);
        var reports = new List<HmcProgress>();
        var options = new HmcOptions { Warmup = 23, Draws = 17, Seed = 5, LeapfrogSteps = 4, ProgressInterval = 7 };
        var a = Hmc.Sample(LogDensity, init, options, reports.Add);
        Assert.Equal([7, 14, 21, 28, 35, 40], reports.Select(r => r.Iteration));
        Assert.Equal((3, 17, 2), (a.Chains, a.DrawCount, a.Dim));
        // Every draw was written (a stale zero would mean a chunk's tail was dropped).
        for (int c = 0; c < 3; c++)
            for (int d = 1; d < 17; d++)
                Assert.True(a.Draws[c, d, 0] != 0 && double.IsFinite(a.Draws[c, d, 0]), $"chain {c} draw {d}");
        Assert.All(a.AcceptanceRates, r => Assert.InRange(r, 0.0, 1.0));

        var whole = Hmc.Sample(LogDensity, init, options with { ProgressInterval = 1000 });
        Assert.Equal(a.Draws, whole.Draws);

        // No warm-up: the initial step size and the identity mass are used as given (and, on a
        // standard normal with a small step, most proposals are accepted).
        var fixedStep = Hmc.Sample(LogDensity, init, options with { Warmup = 0, InitialStepSize = 0.3 });
        Assert.All(fixedStep.StepSizes, e => Assert.Equal(0.3, e));
        Assert.All(fixedStep.AcceptanceRates, r => Assert.InRange(r, 0.8, 1.0));
        Assert.Equal(TimeSpan.Zero, fixedStep.WarmupTime);
    }
}
