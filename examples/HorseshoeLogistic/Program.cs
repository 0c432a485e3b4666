// HorseshoeLogistic: the seed's Bayesian workflow end to end on the bundled CPU plugin.
// (1) prior predictive sampling, vmapped over 1,000 keys; (2) the posterior by HMC (4 chains,
// 1,000 draws after 1,000 warm-up iterations) on the log-density and its gradient; (3) posterior
// predictive accuracy on held-out rows. Writes the StableHLO of the three programs under out/.
using System.Diagnostics;
using Axle;
using Axle.Examples.HorseshoeLogistic;
using Axle.Inference;

const int N = 500, D = 10, Test = 100, Train = N - Test, Chains = 4, Draws = 1000, Warmup = 1000;
double[] trueBeta = [2.5, -2.0, 1.5, 0, 0, 0, 0, 0, 0, 0];
// The sampler's seed may be given as the first argument (default 12345), to check robustness.
long hmcSeed = args.Length > 0 ? long.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 12345;
var total = Stopwatch.StartNew();

// ---- data: X ~ N(0, 1); Y drawn by the model's own posterior-predictive program at the true beta
var seed = Models.BuildCentered();
var predictive = Ax.Function([seed.X, seed.Tau, seed.Lambda, seed.Beta], seed.Y);
var (dataKey, yKey) = (Rng.FoldIn(Rng.Key(2024), 0), Rng.FoldIn(Rng.Key(2024), 1));
Tensor xAll = Rng.Normal(dataKey, [N, D], DType.F64);
Tensor yAll = predictive(yKey, xAll, 1.0, Ops.Ones([D], DType.F64), Tensor.From(trueBeta, D));
double[] x = xAll.ToArray<double>();
double[] y = yAll.ToArray<bool>().Select(b => b ? 1.0 : 0.0).ToArray();
Tensor xTrain = Tensor.From(x[..(Train * D)], Train, D), xTest = Tensor.From(x[(Train * D)..], Test, D);
Tensor yTrain = Tensor.From(y[..Train], Train);
double[] yTest = y[Train..];
Console.WriteLine($"Horseshoe logistic regression: N = {N} ({Train} train, {Test} held out), D = {D}, " +
                  $"true non-zero coefficients {string.Join(", ", trueBeta.Take(3))}; {y.Sum():0} of {N} outcomes are 1");

// ---- (1) prior predictive: one key per draw, vmapped
var priorSample = Ax.Function([seed.X], [seed.Tau, seed.Lambda, seed.Beta, seed.Y]);
var sw = Stopwatch.StartNew();
var (priorTau, _, priorBeta, priorY) = Ax.Vmap(priorSample, inAxes: [0, null])(Rng.Split(Rng.Key(7), 1000), xTrain);
double[] pt = priorTau.ToArray<double>();
Array.Sort(pt);
Console.WriteLine($"\n(1) prior predictive, 1,000 keys ({sw.Elapsed.TotalMilliseconds:0} ms with compilation): " +
                  $"tau median {pt[500]:0.00}, 90% interval [{pt[50]:0.00}, {pt[950]:0.00}]; " +
                  $"mean P(y = 1) {priorY.ToArray<bool>().Average(b => b ? 1.0 : 0.0):0.000}; " +
                  $"|beta| > 10 in {priorBeta.ToArray<double>().Count(b => Math.Abs(b) > 10) / (10.0 * D):0.0}% of coefficients");

// ---- (2) posterior: HMC on (log tau, log lambda, z)
var (logdensity, _) = Models.BuildNonCenteredLogDensity();
Tensor Density(Tensor theta) => logdensity(xTrain, theta[0], theta[1..(1 + D)], theta[(1 + D)..], yTrain);
sw.Restart();
var valueAndGrad = Ax.Jit(Ax.ValueAndGrad((Func<Tensor, Tensor>)Density));
var (lp0, _) = valueAndGrad(Ops.Zeros([1 + 2 * D], DType.F64));
var compile = sw.Elapsed;
Console.WriteLine($"\n(2) posterior: log-density + gradient compiled in {compile.TotalMilliseconds:0} ms (log p at 0: {lp0.Item<double>():0.00}); " +
                  $"{Chains} chains x {Draws} draws after {Warmup} warm-up iterations");
Tensor init = Rng.Uniform(Rng.Key(11), [Chains, 1 + 2 * D], DType.F64, -1.0, 1.0);
var options = new HmcOptions { Warmup = Warmup, Draws = Draws, Seed = hmcSeed, LeapfrogSteps = 64, TargetAcceptance = 0.95 };
var fit = Hmc.Sample(Density, init, options, ConsoleProgress.Create());
var posterior = Axle.Examples.HorseshoeLogistic.Posterior.From(fit, D); // Axle.Posterior is the PPL type
Report.Posterior(posterior, trueBeta, fit);

// ---- (3) posterior predictive on the held-out rows: one Y draw per posterior draw
sw.Restart();
int s = posterior.Tau.Length;
var ys = Ax.Vmap(predictive, inAxes: [0, null, 0, 0, 0])(Rng.Split(Rng.Key(99), s), xTest,
    Tensor.From(posterior.Tau, s), Tensor.From(posterior.LambdaFlat, s, D), Tensor.From(posterior.BetaFlat, s, D));
bool[] draws = ys.ToArray<bool>();
int correct = 0;
for (int i = 0; i < Test; i++)
{
    double p1 = 0;
    for (int k = 0; k < s; k++) p1 += draws[k * Test + i] ? 1 : 0;
    if ((p1 / s > 0.5 ? 1.0 : 0.0) == yTest[i]) correct++;
}
Console.WriteLine($"\n(3) posterior predictive: {s} draws of Y on {Test} held-out rows in {sw.Elapsed.TotalMilliseconds:0} ms; " +
                  $"accuracy {correct / (double)Test:0.00%} (majority vote of the predictive draws)");

// ---- the three programs' StableHLO
Directory.CreateDirectory("out");
File.WriteAllText("out/prior_sample.mlir", Ax.Lower(priorSample, Rng.Key(0), xTrain).AsText());
File.WriteAllText("out/log_density.mlir",
    Ax.Lower(logdensity, xTrain, Tensor.From(0.0), Ops.Zeros([D], DType.F64), Ops.Zeros([D], DType.F64), yTrain).AsText());
File.WriteAllText("out/posterior_predictive.mlir",
    Ax.Lower(predictive, Rng.Key(0), xTest, Tensor.From(1.0), Ops.Ones([D], DType.F64), Ops.Zeros([D], DType.F64)).AsText());
Console.WriteLine($"\nStableHLO written to {Path.GetFullPath("out")}/{{prior_sample,log_density,posterior_predictive}}.mlir; " +
                  $"total {total.Elapsed.TotalSeconds:0.0} s");
return Report.Passed(posterior, trueBeta) ? 0 : 1;
