using System.Text.Json;
using Axle.Inference;

namespace Axle.Tests.Inference;

/// <summary>
/// <c>ToStanCsv</c> checked by the reference reader, <c>rstan::read_stan_csv</c> (rstan 2.21, Debian's
/// r-cran-rstan), with warnings turned into errors; and the file layout against CmdStan's, line by line.
/// </summary>
public class StanCsvTests
{
    /// <summary>Reads the files with rstan and prints what it made of them as JSON.</summary>
    private const string ReadWithRstan = """
        options(warn = 2)
        suppressPackageStartupMessages(library(rstan))
        files <- commandArgs(trailingOnly = TRUE)
        fit <- read_stan_csv(files)
        num <- function(x) sprintf("%.17g", as.vector(x))  # jsonlite prints 15 digits at most
        a <- as.array(fit)
        sp <- get_sampler_params(fit, inc_warmup = max(fit@sim$warmup2) > 0)
        out <- list(
          model_name = fit@model_name,
          pars = fit@model_pars,
          dims = lapply(fit@par_dims, function(d) I(as.integer(d))),
          fnames = dimnames(a)$parameters,
          dim = dim(a),
          values = num(a),
          sampler_names = colnames(sp[[1]]),
          sampler = lapply(sp, num),
          warmup2 = I(fit@sim$warmup2),
          adaptation = get_adaptation_info(fit),
          elapsed = num(get_elapsed_time(fit)),
          args = lapply(fit@stan_args, function(s) list(chain_id = s$chain_id, iter = s$iter, warmup = s$warmup,
            delta = s$delta, max_depth = s$max_depth, sampler_t = s$sampler_t, seed = s$seed)))
        cat(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE))
        """;

    /// <summary>Stan's sampler columns and the ArviZ statistics they come from.</summary>
    private static readonly Dictionary<string, string> StatOfColumn = new()
    {
        ["accept_stat__"] = "acceptance_rate",
        ["stepsize__"] = "step_size",
        ["treedepth__"] = "tree_depth",
        ["n_leapfrog__"] = "n_steps",
        ["divergent__"] = "diverging",
        ["energy__"] = "energy",
    };

    /// <summary><see cref="NetCdfTestTools.Sample"/>'s posterior with every NUTS statistic and the sampler attributes.</summary>
    private static InferenceData Sampled(int chains, int draws, Dictionary<string, string> attributes, int warmupDraws = 0)
    {
        InferenceGroup Stats(int n, double offset)
        {
            string[] cd = ["chain", "draw"];
            double[] stepSizes = [0.5, 0.25, 0.125, 0.0625];
            return new InferenceGroup(
            [
                new("lp", Tensor.From(NetCdfTestTools.Values(chains * n, -12 + offset), chains, n), cd),
                new("acceptance_rate", Tensor.From(NetCdfTestTools.Values(chains * n, offset).Select(v => v / 10).ToArray(), chains, n), cd),
                new("step_size", Tensor.From(Enumerable.Range(0, chains * n).Select(i => stepSizes[i / n % 4]).ToArray(), chains, n), cd),
                new("tree_depth", Tensor.From(Enumerable.Range(0, chains * n).Select(i => (long)(i % 4 + 1)).ToArray(), chains, n), cd),
                new("n_steps", Tensor.From(Enumerable.Range(0, chains * n).Select(i => (1 << (i % 4 + 1)) - 1).ToArray(), chains, n), cd),
                new("diverging", Tensor.From(Enumerable.Range(0, chains * n).Select(i => i % 3 == 1).ToArray(), chains, n), cd),
                new("energy", Tensor.From(NetCdfTestTools.Values(chains * n, 13 + offset), chains, n), cd),
            ], attributes: attributes);
        }
        var idata = NetCdfTestTools.Sample(chains, draws);
        idata.SampleStats = Stats(draws, 0);
        if (warmupDraws > 0)
        {
            idata.WarmupPosterior = NetCdfTestTools.Sample(chains, warmupDraws).Posterior;
            idata.WarmupSampleStats = Stats(warmupDraws, 100);
        }
        return idata;
    }

    [Fact]
    public void RstanReadsParameterNamesValuesSamplerParamsAndRunSettings()
    {
        const int chains = 3, draws = 4;
        var idata = Sampled(chains, draws, new()
        {
            [SamplerAttributes.TuningSteps] = "50",
            [SamplerAttributes.TargetAccept] = "0.85",
            [SamplerAttributes.MaxTreeDepth] = "8",
            [SamplerAttributes.InverseMetric] = SamplerAttributes.FormatInverseMetric(new double[,] { { 1, 0.5, 0.25, 2 }, { 3, 1, 1, 1 }, { 0.125, 1e-7, 4, 5 } }),
            [SamplerAttributes.RandomSeed] = "1234",
            [SamplerAttributes.WarmupTime] = SamplerAttributes.FormatPerChain([0.5, 0.625, 0.75]),
            [SamplerAttributes.SamplingTime] = "1.25",
        });
        string dir = NetCdfTestTools.TempDir();
        try
        {
            var files = idata.ToStanCsv(dir, "eight");
            Assert.Equal(Enumerable.Range(1, chains).Select(c => Path.Combine(dir, $"eight_{c}.csv")), files);
            var fit = NetCdfTestTools.RunR(ReadWithRstan, [.. files]);

            Assert.Equal("eight", fit.GetProperty("model_name").GetString());
            Assert.Equal(["mu", "theta", "Sigma", "lp__"], Strings(fit.GetProperty("pars")));
            Assert.Equal([3], fit.GetProperty("dims").GetProperty("theta").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal([2, 3], fit.GetProperty("dims").GetProperty("Sigma").EnumerateArray().Select(e => e.GetInt32()));
            string[] fnames =
            [
                "mu", "theta[1]", "theta[2]", "theta[3]",
                "Sigma[1,1]", "Sigma[2,1]", "Sigma[1,2]", "Sigma[2,2]", "Sigma[1,3]", "Sigma[2,3]", "lp__",
            ];
            Assert.Equal(fnames, Strings(fit.GetProperty("fnames")));

            // as.array(fit) is (iteration, chain, parameter), flattened column-major by as.vector.
            var post = idata.Posterior!;
            var lp = idata.SampleStats!.Variable("lp").ToDoubles();
            double[] values = Doubles(fit.GetProperty("values"));
            Assert.Equal([draws, chains, fnames.Length], fit.GetProperty("dim").EnumerateArray().Select(e => e.GetInt32()));
            for (int p = 0; p < fnames.Length; p++)
                for (int c = 0; c < chains; c++)
                    for (int d = 0; d < draws; d++)
                    {
                        double expected = fnames[p] switch
                        {
                            "mu" => post.Variable("mu").ToDoubles()[c * draws + d],
                            "lp__" => lp[c * draws + d],
                            var s when s.StartsWith("theta") => post.Variable("theta").ToDoubles()[(c * draws + d) * 3 + (s[6] - '1')],
                            var s => post.Variable("Sigma").ToDoubles()[(c * draws + d) * 6 + (s[6] - '1') * 3 + (s[8] - '1')],
                        };
                        Assert.Equal(expected, values[d + draws * (c + chains * p)]);
                    }

            // rstan orders the sampler params its own way (accept_stat__, treedepth__, stepsize__, …).
            string[] samplerNames = Strings(fit.GetProperty("sampler_names"));
            Assert.Equal(StatOfColumn.Keys.Order(), samplerNames.Order());
            var sampler = fit.GetProperty("sampler").EnumerateArray().Select(Doubles).ToArray();
            for (int c = 0; c < chains; c++)
                for (int s = 0; s < samplerNames.Length; s++)
                {
                    double[] stat = idata.SampleStats.Variable(StatOfColumn[samplerNames[s]]).ToDoubles();
                    Assert.Equal(stat.Skip(c * draws).Take(draws), sampler[c].Skip(s * draws).Take(draws));
                }

            string adaptation = fit.GetProperty("adaptation").EnumerateArray().ToArray()[2].GetString()!;
            Assert.Contains("# Step size = 0.125", adaptation);
            Assert.Contains("# Diagonal elements of inverse mass matrix:\n# 0.125, 1E-07, 4, 5", adaptation);
            Assert.Equal([0.5, 0.625, 0.75, 1.25, 1.25, 1.25], Doubles(fit.GetProperty("elapsed")));
            Assert.Equal(0, fit.GetProperty("warmup2").EnumerateArray().First().GetInt32());
            var args = fit.GetProperty("args").EnumerateArray().ToArray();
            for (int c = 0; c < chains; c++)
            {
                Assert.Equal(c + 1, args[c].GetProperty("chain_id").GetInt32());
                Assert.Equal(draws + 50, args[c].GetProperty("iter").GetInt32());
                Assert.Equal(50, args[c].GetProperty("warmup").GetInt32());
                Assert.Equal(0.85, args[c].GetProperty("delta").GetDouble());
                Assert.Equal(8, args[c].GetProperty("max_depth").GetInt32());
                Assert.Equal("NUTS(diag_e)", args[c].GetProperty("sampler_t").GetString());
                Assert.Equal("1234", args[c].GetProperty("seed").GetString());
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void KeptWarmupDrawsComeFirstAndRstanSetsThemApart()
    {
        const int chains = 2, draws = 3, warmup = 2;
        var idata = Sampled(chains, draws, new() { [SamplerAttributes.WarmupTime] = "0.25", [SamplerAttributes.SamplingTime] = "0.5" }, warmup);
        string dir = NetCdfTestTools.TempDir();
        try
        {
            var fit = NetCdfTestTools.RunR(ReadWithRstan, [.. idata.ToStanCsv(dir)]);
            Assert.Equal(warmup, fit.GetProperty("warmup2").EnumerateArray().First().GetInt32());
            Assert.Equal(draws + warmup, fit.GetProperty("args").EnumerateArray().First().GetProperty("iter").GetInt32());
            // as.array leaves the warm-up out; the sampler params keep it, warm-up rows first.
            double[] mu = Doubles(fit.GetProperty("values")).Take(draws * chains).ToArray();
            Assert.Equal(idata.Posterior!.Variable("mu").ToDoubles(), mu);
            Assert.Equal("accept_stat__", Strings(fit.GetProperty("sampler_names"))[0]);
            double[] accept = Doubles(fit.GetProperty("sampler").EnumerateArray().First()).Take(warmup + draws).ToArray();
            var expected = idata.WarmupSampleStats!.Variable("acceptance_rate").ToDoubles().Take(warmup)
                .Concat(idata.SampleStats!.Variable("acceptance_rate").ToDoubles().Take(draws));
            Assert.Equal(expected, accept);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void OneChainFileIsLaidOutAsCmdStanWritesIt()
    {
        string[] cd = ["chain", "draw"];
        var idata = new InferenceData
        {
            Posterior = new InferenceGroup(
            [
                new("theta", Tensor.From(new[] { 0.25, double.NaN, 1e-5, double.NegativeInfinity }, 1, 2, 2), [.. cd, "k"]),
            ]),
            SampleStats = new InferenceGroup(
            [
                new("lp", Tensor.From(new[] { -7.5, -8 }, 1, 2), cd),
                new("step_size", Tensor.From(new[] { 0.9, 0.9 }, 1, 2), cd),
                new("diverging", Tensor.From(new[] { false, true }, 1, 2), cd),
            ], attributes: new Dictionary<string, string>
            {
                [SamplerAttributes.TuningSteps] = "100",
                [SamplerAttributes.Metric] = "dense_e",
                [SamplerAttributes.InverseMetric] = "1, 0.5, 0.5, 2",
                [SamplerAttributes.WarmupTime] = "0.0123",
                [SamplerAttributes.SamplingTime] = "2",
            }),
        };
        string dir = NetCdfTestTools.TempDir();
        try
        {
            string text = File.ReadAllText(idata.ToStanCsv(dir, "m").Single());
            const string expected = """
                # model = m
                # method = sample (Default)
                #   sample
                #     num_samples = 2
                #     num_warmup = 100
                #     save_warmup = 0
                #     thin = 1 (Default)
                #     adapt
                #       engaged = 1
                #     algorithm = hmc (Default)
                #       hmc
                #         engine = static
                #         metric = dense_e
                #     num_chains = 1 (Default)
                # id = 1
                # output
                #   file = m_1.csv
                lp__,stepsize__,divergent__,theta.1,theta.2
                # Adaptation terminated
                # Step size = 0.9
                # Elements of inverse mass matrix:
                # 1, 0.5
                # 0.5, 2
                -7.5,0.9,0,0.25,nan
                -8,0.9,1,1E-05,-inf
                # 
                #  Elapsed Time: 0.012 seconds (Warm-up)
                #                2 seconds (Sampling)
                #                2.012 seconds (Total)
                # 

                """;
            Assert.Equal(expected.ReplaceLineEndings("\n"), text);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public static TheoryData<string, string> Refusals() => new()
    {
        { "no-lp", "needs lp__, from the 'lp' variable of sample_stats" },
        { "dotted", "'theta.x' is not a name Stan can have" },
        { "no-chain", "posterior 'y' has dims (school)" },
        { "metric", "attribute 'metric' = 'dense'" },
        { "dense", "a dense_e metric needs n²" },
        { "delta", "attribute 'target_accept' = '1.5'" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void BadInputIsRefusedWithTheReason(string which, string message)
    {
        var idata = Sampled(2, 3, new()
        {
            [SamplerAttributes.Metric] = which switch { "metric" => "dense", "dense" => "dense_e", _ => "diag_e" },
            [SamplerAttributes.InverseMetric] = "1, 2, 3",
            [SamplerAttributes.TargetAccept] = which == "delta" ? "1.5" : "0.8",
        });
        var p = idata.Posterior!;
        if (which == "no-lp") idata.SampleStats = new InferenceGroup(idata.SampleStats!.Variables.Where(v => v.Name != "lp"));
        if (which == "dotted") idata.Posterior = new InferenceGroup([.. p.Variables, p.Variable("mu") with { Name = "theta.x" }]);
        if (which == "no-chain") idata.Posterior = new InferenceGroup([.. p.Variables, idata.ObservedData!.Variable("y")]);
        string dir = NetCdfTestTools.TempDir();
        try
        {
            var e = Assert.Throws<ArgumentException>(() => idata.ToStanCsv(dir));
            Assert.Contains(message, e.Message);
            Assert.Empty(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string[] Strings(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetString()!)];

    /// <summary>Numbers the R script printed as strings at 17 significant digits (exact doubles).</summary>
    private static double[] Doubles(JsonElement e) =>
        [.. e.EnumerateArray().Select(x => double.Parse(x.GetString()!, System.Globalization.CultureInfo.InvariantCulture))];
}
