namespace Axle.Bench.Peers;

/// <summary>Command-line options of the peers harness.</summary>
internal sealed record Options
{
    /// <summary>Every workload group, in the order they run.</summary>
    public static readonly string[] Groups = ["elementwise", "reductions", "gemm", "seed", "mlp", "dispatch"];

    /// <summary>The groups to run (a subset of <see cref="Groups"/>).</summary>
    public required IReadOnlySet<string> Only { get; init; }

    /// <summary>Few repetitions: a smoke test of the harness, not a measurement.</summary>
    public bool Quick { get; init; }

    /// <summary>Where to append the dated results section (null: stdout only).</summary>
    public string? ResultsPath { get; init; }

    /// <summary>The Python interpreter that runs torch_bench.py.</summary>
    public string Python { get; init; } = "/usr/bin/python3";

    /// <summary>Seconds of repetitions per measurement (after warm-up).</summary>
    public double BudgetSeconds => Quick ? 0.25 : 2.0;

    /// <summary>Fewest timed repetitions, however slow a call is.</summary>
    public int MinReps => Quick ? 2 : 5;

    /// <summary>Most timed repetitions, however fast a call is.</summary>
    public int MaxReps => Quick ? 10 : 200;

    /// <summary>The command line as given, for the results file.</summary>
    public string CommandLine { get; init; } = "";

    public bool Runs(string group) => Only.Contains(group);

    /// <exception cref="ArgumentException">An unknown option or group name.</exception>
    public static Options Parse(string[] args)
    {
        var only = new HashSet<string>(Groups);
        bool quick = false;
        string? results = null, python = null;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string Value() => i + 1 < args.Length ? args[++i]
                : throw new ArgumentException($"option {a} expects a value", nameof(args));
            switch (a)
            {
                case "--quick": quick = true; break;
                case "--results": results = Value(); break;
                case "--python": python = Value(); break;
                case "--only":
                    only = new HashSet<string>(Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    foreach (var g in only)
                        if (!Groups.Contains(g))
                            throw new ArgumentException($"--only: unknown group '{g}'; expected some of {string.Join(",", Groups)}", nameof(args));
                    break;
                case "-h" or "--help": throw new HelpRequested();
                default: throw new ArgumentException($"unknown option '{a}'; expected --only, --quick, --results, --python", nameof(args));
            }
        }
        return new Options
        {
            Only = only,
            Quick = quick,
            ResultsPath = results,
            Python = python ?? "/usr/bin/python3",
            CommandLine = "dotnet run --project bench/Peers -c Release --" + (args.Length > 0 ? " " + string.Join(' ', args) : ""),
        };
    }

    public const string Usage = """
        usage: Peers [--only elementwise,reductions,gemm,seed,mlp,dispatch] [--quick] [--results bench/RESULTS.md] [--python /usr/bin/python3]
          --only     run a subset of the workload groups (default: all)
          --quick    few repetitions (a smoke test; numbers are not measurements)
          --results  append a dated section (machine, command, table, raw numbers) to this markdown file
          --python   interpreter for torch_bench.py (default /usr/bin/python3)
        """;
}

/// <summary>Thrown by <see cref="Options.Parse"/> for -h/--help.</summary>
internal sealed class HelpRequested : Exception;
