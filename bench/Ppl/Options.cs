namespace Axle.Bench.Ppl;

/// <summary>Command-line options of the Axle-vs-Stan harness.</summary>
internal sealed record Options
{
    /// <summary>Every workload, in the order they run.</summary>
    public static readonly string[] Workloads = ["seed", "eight_schools", "gauss100", "normal10", "gradient"];

    /// <summary>The workloads to run (a subset of <see cref="Workloads"/>).</summary>
    public required IReadOnlySet<string> Only { get; init; }

    /// <summary>Short runs (200 warm-up + 200 draws): a smoke test of the harness, not a measurement.</summary>
    public bool Quick { get; init; }

    /// <summary>Where to append the dated results section (null: stdout only).</summary>
    public string? ResultsPath { get; init; }

    /// <summary>The Rscript that runs stan/run.R.</summary>
    public string Rscript { get; init; } = "Rscript";

    /// <summary>posteriordb's folder (null: found next to the repository, see <see cref="Paths"/>).</summary>
    public string? PosteriorDb { get; init; }

    /// <summary>The seed of both samplers (Stan's seed, Axle's <c>NutsOptions.Seed</c> and starting points).</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Keep the run folder (data, Stan's CSV output) instead of deleting it.</summary>
    public bool Keep { get; init; }

    /// <summary>The command line as given, for the results file.</summary>
    public string CommandLine { get; init; } = "";

    public bool Runs(string workload) => Only.Contains(workload);

    /// <exception cref="ArgumentException">An unknown option or workload name.</exception>
    public static Options Parse(string[] args)
    {
        var only = new HashSet<string>(Workloads);
        bool quick = false, keep = false;
        long seed = 1;
        string? results = null, rscript = null, posteriordb = null;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string Value() => i + 1 < args.Length ? args[++i]
                : throw new ArgumentException($"option {a} expects a value", nameof(args));
            switch (a)
            {
                case "--quick": quick = true; break;
                case "--keep": keep = true; break;
                case "--results": results = Value(); break;
                case "--rscript": rscript = Value(); break;
                case "--posteriordb": posteriordb = Value(); break;
                case "--seed":
                    string text = Value();
                    if (!long.TryParse(text, out seed) || seed < 1 || seed > int.MaxValue)
                        throw new ArgumentException($"--seed: expected an integer from 1 to {int.MaxValue}; got '{text}'", nameof(args));
                    break;
                case "--only":
                    only = new HashSet<string>(Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    if (only.Count == 0) throw new ArgumentException($"--only: expected some of {string.Join(",", Workloads)}; got none", nameof(args));
                    foreach (var w in only)
                        if (!Workloads.Contains(w))
                            throw new ArgumentException($"--only: unknown workload '{w}'; expected some of {string.Join(",", Workloads)}", nameof(args));
                    break;
                case "-h" or "--help": throw new HelpRequested();
                default: throw new ArgumentException($"unknown option '{a}'; expected --only, --quick, --seed, --results, --rscript, --posteriordb, --keep", nameof(args));
            }
        }
        return new Options
        {
            Only = only,
            Quick = quick,
            Keep = keep,
            Seed = seed,
            ResultsPath = results,
            Rscript = rscript ?? "Rscript",
            PosteriorDb = posteriordb,
            CommandLine = "dotnet run --project bench/Ppl -c Release --" + (args.Length > 0 ? " " + string.Join(' ', args) : ""),
        };
    }

    public const string Usage = """
        usage: Ppl [--only seed,eight_schools,gauss100,normal10,gradient] [--quick] [--seed N] [--results bench/RESULTS.md] [--rscript Rscript] [--posteriordb DIR] [--keep]
          --only         run a subset of the workloads (default: all; gradient: the seed gradient's cost beside C#)
          --quick        200 warm-up + 200 draws everywhere (a smoke test; numbers are not measurements)
          --seed         the seed of both samplers (default 1)
          --results      append a dated section (machine, load, command, tables) to this markdown file
          --rscript      the Rscript that runs Stan's side (default: Rscript on PATH)
          --posteriordb  posteriordb's folder (default: shared/posteriordb beside the repository or one of its parents)
          --keep         keep the run folder (data JSON, Stan's CSV output) and print where it is
        """;
}

/// <summary>Thrown by <see cref="Options.Parse"/> for -h/--help.</summary>
internal sealed class HelpRequested : Exception;
