// Axle's NUTS against Stan's (rstan) on the same models and data, in one run (issue 16, item 6). Per workload: Stan
// (run.R under Rscript, 4 chains on 2 cores), then Axle with Stan's windowed adaptation, then Axle with nutpie's;
// every fit is measured by the same code (Axle's Diagnostics). Prints markdown tables; with --results appends them,
// dated, to a results file. Exit code 2 when a workload or Stan's set-up failed, 1 for bad options.
using Axle.Bench.Ppl;
using Axle.Bench.Ppl.Stan;
using Axle.Bench.Ppl.Workloads;
using Axle;
using Axle.Inference;

Options o;
try
{
    o = Options.Parse(args);
}
catch (HelpRequested)
{
    Console.WriteLine(Options.Usage);
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Options.Usage);
    return 1;
}

var total = System.Diagnostics.Stopwatch.StartNew();
string loadAtStart = Report.LoadAverage();
var failures = new List<string>();
void Log(string line) => Console.Error.WriteLine(line);
Log($"machine: {Report.Machine()}; load average {loadAtStart}; workloads: {string.Join(",", Options.Workloads.Where(o.Runs))}{(o.Quick ? " (quick)" : "")}");

string rstan = "not available";
StanRunner? stan = null;
string runFolder = Directory.CreateTempSubdirectory("axle-bench-ppl-").FullName;
try
{
    rstan = "rstan " + RstanSetup.Ensure(o.Rscript, Log);
    stan = new StanRunner(o.Rscript, Paths.StanScripts, Paths.StanCache, runFolder);
}
catch (InvalidOperationException e)
{
    // Axle's rows still run: they are half the story, and the message says how to get the other half.
    failures.Add($"Stan unavailable: {e.Message}");
    Log($"Stan unavailable, Axle only: {e.Message}");
}

var factories = new (string Name, Func<Workload> Create)[]
{
    ("seed", SeedWorkload.Create),
    ("eight_schools", () => EightSchools.Create(Paths.PosteriorDb(o.PosteriorDb))),
    ("gauss100", Gaussians.Correlated100),
    ("normal10", Gaussians.StandardNormal10),
};
var results = new List<WorkloadResult>();
foreach (var (name, create) in factories.Where(f => o.Runs(f.Name)))
{
    Workload w;
    try
    {
        w = create();
    }
    catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException)
    {
        failures.Add($"{name}: cannot build the workload: {e.Message}");
        Log($"{name}: cannot build the workload: {e}");
        continue;
    }
    var settings = Settings.For(w, o.Quick, o.Seed);
    Log($"\n{w.Title}");
    Measures? Measure(string what, Func<Fit> run)
    {
        try
        {
            var fit = run();
            var m = Measures.Of(fit, w);
            Log($"  {fit.Sampler}: wall {fit.WallSeconds:0.00} s (compile {fit.CompileSeconds:0.0} s apart), {fit.GradientEvaluations:#,0} gradients, " +
                $"min bulk ESS {m.MinBulk:0} ({m.MinBulkName}), {fit.Divergences} divergences, max R-hat {m.MaxRhat:0.000}; load {Report.LoadAverage()}");
            return m;
        }
        catch (Exception e)
        {
            // One failed sampler must not hide the others' numbers; it still fails the run.
            failures.Add($"{w.Name}, {what}: {e.GetType().Name}: {e.Message}");
            Log($"  {what} failed: {e}");
            return null;
        }
    }
    var stanResult = stan is null ? null : Measure("Stan", () => stan.Run(w, settings));
    var axle = new[] { Adaptation.Stan, Adaptation.Nutpie }
        .Select(a => Measure($"Axle ({a})", () => AxleRunner.Run(w, settings, a)))
        .OfType<Measures>().ToList();
    // The chain method is chosen by measurement on these two (issue 16, item 2): the other method beside the default.
    if (w.Name is "seed" or "gauss100")
        if (Measure("Axle (Stan, vectorized chains)", () => AxleRunner.Run(w, settings, Adaptation.Stan, ChainMethod.Vectorized)) is { } vectorized)
            axle.Add(vectorized);
    results.Add(new WorkloadResult(w, settings, axle, stanResult));
}

if (o.Keep) Log($"run folder kept: {runFolder}");
else Directory.Delete(runFolder, recursive: true);

string header = string.Join("\n",
    $"- peer: {(stan is null ? "none (rstan unavailable, see Failures)" : rstan + " (Debian)")}, models in bench/Ppl/stan/, compiled once (compile time apart; † = compiled in an earlier run and cached); " +
    "what `sampling(chains = 4, cores = 2, refresh = 0, control = list(adapt_delta, metric))` does, spelled out in run.R to time each chain " +
    "(mclapply over chain_id, 2 processes at a time, sflist2stanfit)",
    "- Axle: `Nuts.Sample` (default chain method: parallel, one program per chain on a thread), 4 chains; rows with Stan's windowed adaptation (the workload's metric) and with nutpie's (diagonal); " +
    "seed and gauss100 also with the chains vectorized (one program, vmapped over chains); " +
    $"starting points uniform(−2, 2) on the unconstrained space for both; seed {o.Seed} for both",
    "- same data, model, chains, draws, adapt_delta and (Stan's adaptation) warm-up for both; per workload:",
    string.Join("\n", results.Select(r => $"  - {r.Workload.Title}; {r.Settings.Warmup} warm-up (nutpie row: {r.Settings.NutpieWarmup}) + {r.Settings.Draws} draws per chain")),
    "- every figure computed by the same code (Axle's Diagnostics, posterior 1.4.0's definitions) over the model's parameters on Stan's (constrained) scale",
    "- times, wall clock, all chains on the 2 cores: Axle's warm-up and sampling (compilation apart). Stan's chains' own warm-up and sampling times " +
    "(get_elapsed_time: a CPU clock in Stan 2.21), each scaled by its process's wall ÷ CPU time over its sampling() call (how much other processes " +
    "slowed it, as Axle's wall clock also counts), summed and divided by the 2 cores: rstan's R work around the chains (forks, passing fits back, " +
    "its own checks) is left out; the Details give it. Rates, ratios and targets use these. In parentheses, rates and ratios on CPU time per core " +
    "(Stan: its clocks unscaled; Axle: its process's CPU per wall second between its first and last progress reports, times its warm-up + sampling), " +
    "blind to what other processes took from either",
    "- gradients: leapfrog steps of warm-up and sampling, all chains (initial step-size searches not counted on either side); leapfrog/s = gradients / (warm-up + sampling)",
    $"- load average (1 min) at start / end: {loadAtStart} / {Report.LoadAverage()} on {Environment.ProcessorCount} cores " +
    $"(above the core count, other work shared the machine); total {total.Elapsed.TotalSeconds:0} s");
string gradient = "";
if (o.Runs("gradient"))
{
    try
    {
        gradient = "\nCost of one seed-model gradient (log-density and gradient, one chain, one thread):\n\n" + GradientCost.Measure(Log);
    }
    catch (Exception e)
    {
        failures.Add($"gradient: {e.GetType().Name}: {e.Message}");
        Log($"gradient failed: {e}");
    }
}
string body = Report.Figures(results) + "\n" + Report.Ratios(results) + "\nPosterior means (reference: mean ± sd):\n\n" + Report.Means(results) +
    gradient + (failures.Count > 0 ? "\nFailures:\n\n" + string.Join("\n", failures.Select(f => "- " + f)) + "\n" : "") +
    "\nDetails:\n\n" + Report.Details(results);
Console.WriteLine(header);
Console.WriteLine();
Console.WriteLine(body);
if (o.ResultsPath is not null)
{
    Report.Append(o.ResultsPath, o, header, body);
    Log($"appended to {Path.GetFullPath(o.ResultsPath)}");
}
return failures.Count > 0 ? 2 : 0;
