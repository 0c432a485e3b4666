using Axle.Bench.Ppl.Stan;

namespace Axle.Bench.Ppl.Tests;

/// <summary>Reading run.R's draws.csv, sampler.csv and timing.json.</summary>
public class StanOutputTests
{
    // Lines as rstan 2.21 + R 4.2's write.table wrote them for eight schools (15 significant digits, exponents).
    private const string RSampler = """
        chain,iteration,warmup,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__
        1,1,1,4.05123014555695e-21,2,1,1,0,14.9680481829656
        1,2,1,0.00218842739862337,1.77768572828138,2,3,0,12.5060158177059
        """;

    [Fact]
    public void ParsesRsWriteTableOutput()
    {
        var t = StanCsv.Parse(RSampler + "\n1,3,0,NA,Inf,-Inf,NaN,1,-1e-05\n");
        Assert.Equal(["chain", "iteration", "warmup", "accept_stat__", "stepsize__", "treedepth__", "n_leapfrog__", "divergent__", "energy__"], t.Names);
        Assert.Equal(3, t.Rows);
        Assert.Equal(4.05123014555695e-21, t["accept_stat__"][0]);
        Assert.Equal(12.5060158177059, t["energy__"][1]);
        Assert.True(double.IsNaN(t["accept_stat__"][2]));
        Assert.Equal(double.PositiveInfinity, t["stepsize__"][2]);
        Assert.Equal(double.NegativeInfinity, t["treedepth__"][2]);
        Assert.Equal(-1e-5, t["energy__"][2]);
        Assert.Throws<KeyNotFoundException>(() => t["lp__"]);
    }

    [Fact]
    public void RejectsRaggedRowsRepeatedNamesAndText()
    {
        Assert.Throws<FormatException>(() => StanCsv.Parse("a,b\n1,2\n3\n"));
        Assert.Throws<FormatException>(() => StanCsv.Parse("a,a\n1,2\n"));
        Assert.Throws<FormatException>(() => StanCsv.Parse("a,b\n1,x\n"));
        Assert.Throws<FormatException>(() => StanCsv.Parse(""));
    }

    [Fact]
    public void FromTablesSplitsChainsAndCountsOnlyPostWarmupDivergences()
    {
        // 2 chains × 2 draws after 1 warm-up iteration each; chain 2's warm-up iteration diverged (not counted).
        var draws = StanCsv.Parse("chain,tau,beta[1]\n1,0.5,10\n1,0.6,11\n2,0.7,12\n2,0.8,13\n");
        var sampler = StanCsv.Parse("""
            chain,iteration,warmup,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__
            1,1,1,0.5,1,2,3,0,1
            1,2,0,0.9,0.4,3,7,0,1
            1,3,0,0.9,0.4,3,7,1,1
            2,1,1,0.5,1,2,3,1,1
            2,2,0,0.9,0.3,4,15,0,1
            2,3,0,0.9,0.3,2,3,0,1
            """);
        // Chain 1's process ran at half speed (wall 2× its CPU), chain 2's undisturbed (wall < CPU reads as 1).
        var timing = new StanTiming(70, true, 1, 9, [10, 5.9], [5, 6], [1, 2], [3, 4], "rstan 2.21.7, Stan 2.21.0", "diag_e", 2);

        var fit = StanOutput.FromTables(draws, sampler, timing, "Stan");

        Assert.Equal(new double[,] { { 0.5, 0.6 }, { 0.7, 0.8 } }, fit.Of("tau"));
        Assert.Equal(new double[,] { { 10, 11 }, { 12, 13 } }, fit.Of("beta[1]"));
        Assert.False(fit.Draws.ContainsKey("chain"));
        Assert.Equal(3 + 7 + 7 + 3 + 15 + 3, fit.GradientEvaluations);
        Assert.Equal(7 + 7 + 15 + 3, fit.SamplingGradientEvaluations);
        Assert.Equal(1, fit.Divergences);
        // Stan's clocks, scaled by each process's slowdown, summed over chains and spread over the cores.
        Assert.Equal((1 * 2 + 2 * 1) / 2.0, fit.WarmupSeconds);
        Assert.Equal((3 * 2 + 4 * 1) / 2.0, fit.SamplingSeconds);
        Assert.Equal(fit.WarmupSeconds + fit.SamplingSeconds, fit.WallSeconds);
        Assert.Equal((1 + 2 + 3 + 4) / 2.0, fit.CpuSeconds);
        Assert.Contains("all chains with forks and joining 9 s", fit.Details);
        Assert.Equal(70, fit.CompileSeconds);
        Assert.Contains("cached", fit.CompileNote);
        Assert.Contains("step sizes 0.4, 0.3", fit.Details);
    }

    [Fact]
    public void FromTablesRejectsUnevenChainsAndMismatchedTables()
    {
        var sampler = StanCsv.Parse(RSampler.Replace("\n1,2,1,", "\n1,2,0,"));
        var timing = new StanTiming(1, false, 1, 1, [1, 1], [1, 1], [1, 1], [1, 1], "", "diag_e", 2);
        Assert.Throws<FormatException>(() => StanOutput.FromTables(StanCsv.Parse("chain,x\n1,0\n1,0\n2,0\n"), sampler, timing, "Stan"));
        Assert.Throws<FormatException>(() => StanOutput.FromTables(StanCsv.Parse("chain,x\n1,0\n2,0\n"), sampler, timing, "Stan"));
    }

    [Fact]
    public void TimingReadsJsonliteOutputWithOneChainUnboxed()
    {
        // jsonlite's auto_unbox writes a length-1 vector as a number: a one-chain run's times.
        var t = StanTiming.Parse("""
            { "compile_s": 68.4, "compile_cached": false, "load_s": 68.4, "first_call_s": 0.5, "wall_s": 4.8,
              "chain_wall_s": 0.3, "chain_cpu_s": 0,
              "warmup_s": 0.085, "sampling_s": 0.07, "rstan": "2.21.7", "stan": "2.21.0",
              "metric": "dense_e", "adapt_delta": 0.95, "chains": 1, "cores": 2, "seed": 1 }
            """);
        Assert.Equal([0.085], t.WarmupSeconds);
        Assert.Equal([0.07], t.SamplingSeconds);
        Assert.Equal("dense_e", t.Metric);
        Assert.Equal("rstan 2.21.7, Stan 2.21.0", t.Versions);
        Assert.False(t.CompileCached);
        Assert.Equal(4.8, t.WallSeconds);
        Assert.Equal([0.3], t.ChainWall);
        Assert.Equal(1, t.Slowdown(0)); // no measurable CPU time: no scaling
    }
}
