// The seed's Bayesian workflow on the bundled CPU plugin: the horseshoe logistic regression as written, its prior
// predictive, its posterior by NUTS (beta non-centered automatically), a summary, plots, out/posterior.nc, and the
// posterior predictive accuracy on held-out rows. Exits non-zero when a check fails.
using System.Globalization;
using Axle;
using Axle.Inference;
using Axle.Plots;
using static Axle.Ops;

const int N = 500, D = 10, Train = 400;
double[] trueBeta = [2.5, -2.0, 1.5, 0, 0, 0, 0, 0, 0, 0];
long seed = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 12345;

// ---- the model (API.md section 2)
var X = Sym.Matrix("X", DType.F64);
var srng = new RandomStream(DType.F64);
var tau = srng.HalfCauchy(0, 1, name: "tau");
var lambda = srng.HalfCauchy(0, 1, size: X.Shape[^1], name: "lambda");
var beta = srng.Normal(0, tau * lambda, size: X.Shape[^1], name: "beta");
var Y = srng.Bernoulli(Sigmoid(-MatMul(X, beta)), name: "y");

// ---- data: X ~ N(0, 1), y drawn by the model itself at the true coefficients
var simulate = Ax.Function([X, tau, lambda, beta], Y);
Tensor x = Rng.Normal(Rng.FoldIn(Rng.Key(2024), 0), [N, D], DType.F64);
Tensor y = Astype(simulate(Rng.FoldIn(Rng.Key(2024), 1), x, 1.0, Ones([D], DType.F64), Tensor.From(trueBeta, D)), DType.F64);
Tensor xTrain = x[..Train], xTest = x[Train..], yTrain = y[..Train];
double[] yTest = y[Train..].ToArray<double>();

// ---- (1) prior predictive: 1,000 draws, one key each
var prior = Ppl.PriorPredictive([tau, lambda, beta], [Y], [(X, xTrain)], draws: 1000, seed: 7);
double[] priorTau = prior.Prior!["tau"].ToArray<double>().Order().ToArray();
Console.WriteLine($"prior: tau median {priorTau[500]:F2}, 90% in [{priorTau[50]:F2}, {priorTau[950]:F2}]; " +
                  $"P(y = 1) {prior.PriorPredictive!["y"].ToArray<double>().Average():F3}");

// ---- (2) posterior: NUTS on the unconstrained, non-centered parametrization Ppl.Posterior builds
var posterior = Ppl.Posterior([tau, lambda, beta], [(Y, yTrain)], [(X, xTrain)], reparam: Reparam.Auto);
var idata = Nuts.Sample(posterior, new NutsOptions { Chains = 4, Seed = seed, TargetAcceptance = 0.95 }, ConsoleProgress.ForNuts());
var summary = Diagnostics.Summary(idata, ["tau", "beta"]);
Console.WriteLine($"\n{summary}\n{SamplerHealth.From(idata)}");
var a = idata.Posterior!.Attributes;
Console.WriteLine($"compile {double.Parse(a["compile_time"], CultureInfo.InvariantCulture):F1} s, warm-up {double.Parse(a["warmup_time"], CultureInfo.InvariantCulture):F1} s, " +
                  $"sampling {double.Parse(a["sampling_time"], CultureInfo.InvariantCulture):F1} s; " +
                  $"min bulk ESS {summary.Rows.Min(r => r.EssBulk):F0}");

// ---- (3) posterior predictive on the held-out rows: one y per posterior draw, majority vote
Ppl.PosteriorPredictive(idata, posterior, seed: 99, inputs: [(X, xTest)]);
double[] ppc = idata.PosteriorPredictive!["y"].ToArray<double>();
int draws = ppc.Length / yTest.Length, correct = 0;
for (int i = 0; i < yTest.Length; i++)
    if ((Enumerable.Range(0, draws).Average(k => ppc[k * yTest.Length + i]) > 0.5 ? 1 : 0) == yTest[i]) correct++;
Console.WriteLine($"held-out accuracy {correct / (double)yTest.Length:P0} ({draws} predictive draws per row)");

// ---- files: ArviZ's InferenceData, plots, the log-density's StableHLO
Directory.CreateDirectory("out");
idata.ToNetCdf("out/posterior.nc");
Plot.Trace(idata, "out/trace.png", ["tau", "beta"]);
Plot.Rank(idata, "out/rank.png", ["tau", "beta"]);
Plot.Forest(idata, "out/forest.png", ["beta"]);
Plot.Energy(idata, "out/energy.png");
Plot.Pair(idata, "out/pair.png", ["tau", "lambda"], maxComponents: 4);
File.WriteAllText("out/log_density.mlir", Ax.Lower(posterior.LogDensity, Zeros([posterior.Dim], DType.F64)).AsText());
Console.WriteLine($"wrote {Path.GetFullPath("out")}/{{posterior.nc, trace, rank, forest, energy, pair .png, log_density.mlir}}");

// ---- checks: convergence, and the truth inside the 90% intervals of the non-zero coefficients
var bad = summary.Rows.Where(r => !(r.Rhat < 1.01)).Select(r => $"{r.Label}: R-hat {r.Rhat:F3}").ToList();
for (int j = 0; j < 3; j++)
{
    double[] b = idata.Posterior["beta"].ToArray<double>().Where((_, i) => i % D == j).Order().ToArray();
    if (!(b[(int)(0.05 * b.Length)] <= trueBeta[j] && trueBeta[j] <= b[(int)(0.95 * b.Length)])) bad.Add($"beta[{j}]: truth {trueBeta[j]} outside 90%");
}
Console.WriteLine(bad.Count == 0 ? "checks passed: R-hat < 1.01 everywhere, true non-zero coefficients inside their 90% intervals"
                                 : "CHECKS FAILED: " + string.Join("; ", bad));
return bad.Count == 0 ? 0 : 1;
