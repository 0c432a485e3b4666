// posteriordb runner: each posterior written in Axle, sampled with NUTS (4 chains × 1,000 draws, fixed seeds, the model's
// settings) and checked against its reference posterior with posteriordb README's criterion; prints a table and, with
// --results FILE, appends it to FILE (bench/RESULTS.md) with the date, the machine and the command.
//   dotnet run --project examples/PosteriorDb -c Release -- [--only name,...] [--results bench/RESULTS.md] [--verbose]
//     [--seeds K: run seeds S..S+K−1, a table row per posterior over the seeds] [--seed S] [--warmup N] [--delta D] [--metric diagonal|dense] [--adaptation stan|nutpie] [--depth N]   (override every model's settings)
using System.Runtime.InteropServices;
using System.Globalization;
using Axle.Examples.PosteriorDb;
using Axle;
using Axle.Inference;
using static System.FormattableString;

IReadOnlyList<PosteriorDbModel> models = PosteriorDbModels.All;
string? resultsPath = null;
bool verbose = false;
int seedCount = 1;
Func<NutsOptions, NutsOptions> overrides = o => o;
void Override(Func<NutsOptions, NutsOptions> f)
{
    var before = overrides;
    overrides = o => f(before(o));
}
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--only" when i + 1 < args.Length:
            models = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(PosteriorDbModels.Named).ToArray();
            break;
        case "--results" when i + 1 < args.Length:
            resultsPath = args[++i];
            break;
        case "--seed" when i + 1 < args.Length:
            long seed = long.Parse(args[++i], CultureInfo.InvariantCulture);
            Override(o => o with { Seed = seed });
            break;
        case "--warmup" when i + 1 < args.Length:
            int warmup = int.Parse(args[++i], CultureInfo.InvariantCulture);
            Override(o => o with { Warmup = warmup });
            break;
        case "--delta" when i + 1 < args.Length:
            double delta = double.Parse(args[++i], CultureInfo.InvariantCulture);
            Override(o => o with { TargetAcceptance = delta });
            break;
        case "--metric" when i + 1 < args.Length:
            var metric = Enum.Parse<Metric>(args[++i], ignoreCase: true);
            Override(o => o with { Metric = metric });
            break;
        case "--adaptation" when i + 1 < args.Length:
            var adaptation = Enum.Parse<Adaptation>(args[++i], ignoreCase: true);
            Override(o => o with { Adaptation = adaptation });
            break;
        case "--depth" when i + 1 < args.Length:
            int depth = int.Parse(args[++i], CultureInfo.InvariantCulture);
            Override(o => o with { MaxTreeDepth = depth });
            break;
        case "--seeds" when i + 1 < args.Length:
            seedCount = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--verbose":
            verbose = true;
            break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; usage: [--only name,...] [--results FILE] [--verbose] [--seeds K] [--seed S] [--warmup N] " +
                $"[--delta D] [--metric diagonal|dense] [--adaptation stan|nutpie] [--depth N]\nposteriors: " +
                string.Join(", ", PosteriorDbModels.All.Select(m => m.Name)));
            return 2;
    }
}

var results = new List<PosteriorDbResult>();
foreach (var given in models)
{
    var model = given with { Options = overrides(given.Options) };
    Console.WriteLine($"{model.Name} ({model.Form}; {model.Settings})");
    var seeds = Enumerable.Range(0, seedCount).Select(k => model.Options.Seed + k).ToArray();
    foreach (var r in PosteriorDbRun.Run(model, seeds))
    {
        results.Add(r);
        foreach (string line in verbose ? r.Check.Lines : r.Check.Failures.Select(f => "FAIL " + f)) Console.WriteLine("  " + line);
        Console.WriteLine(Invariant($"  seed {r.Model.Options.Seed}: {(r.Check.Passed ? "pass" : "FAIL")}: min ESS {r.Check.MinEssBulk:0}, ") +
            Invariant($"max R-hat {r.Check.MaxRhat:0.000}, {r.Check.Divergences} divergences; compile {r.CompileSeconds:0.0} s (NUTS programs {r.SamplerCompileSeconds:0.0} s), ") +
            Invariant($"warm-up {r.WarmupSeconds:0.0} s, draws {r.SamplingSeconds:0.0} s"));
    }
}
string table = seedCount > 1 ? ResultsTable.SeedSweepMarkdown(results) : ResultsTable.Markdown(results);
Console.WriteLine();
Console.WriteLine(table);
if (resultsPath is not null)
{
    string command = "dotnet run --project examples/PosteriorDb -c Release -- " + string.Join(' ', args);
    string header = Invariant($"\n## posteriordb reference posteriors ({DateTime.Now:yyyy-MM-dd}, {Environment.ProcessorCount} cores, ") +
        Invariant($"{RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture})\n\n`{command.Trim()}`") + " — 4 chains × 1,000 draws per posterior" +
        (seedCount > 1 ? Invariant($", each at {seedCount} seeds (its own and the next ones)") : "") + ", NUTS with each model's settings; " +
        "the check is posteriordb README's (mean within max(0.1·sd_ref, 4·MCSE), sd within 10%, 5%/95% quantiles within 0.2·sd_ref, " +
        "R-hat < 1.01, bulk ESS ≥ 400, no divergences). Compile = the run's time outside warm-up and draws.\n\n";
    File.AppendAllText(resultsPath, header + table);
    Console.WriteLine($"appended to {resultsPath}");
}
return results.All(r => r.Check.Passed) ? 0 : 1;
