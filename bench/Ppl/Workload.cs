using Axle.Bench.Ppl.Stan;
using Axle.Inference;

namespace Axle.Bench.Ppl;

/// <summary>
/// One model and data set, written for both samplers: Axle's flat log-density on the unconstrained space and the
/// Stan program with its data, plus the map from Axle's flat draws to Stan's named (constrained) quantities, so that
/// both fits are measured on the same quantities at the same scale.
/// </summary>
internal sealed record Workload
{
    /// <summary>The --only name.</summary>
    public required string Name { get; init; }

    /// <summary>A line saying what the model and data are.</summary>
    public required string Title { get; init; }

    /// <summary>The Stan program in stan/ (rstan 2.21 syntax).</summary>
    public required string StanFile { get; init; }

    /// <summary>Stan's data for <see cref="StanFile"/>: the same values Axle's log-density closes over.</summary>
    public required StanData StanData { get; init; }

    /// <summary>Unconstrained dimension of Axle's flat parameter vector.</summary>
    public required int Dim { get; init; }

    /// <summary>Axle's log-density of the flat unconstrained vector (log-Jacobians included), the same density as the Stan program's.</summary>
    public required Func<Tensor, Tensor> LogDensity { get; init; }

    /// <summary>
    /// Axle's draws (component index → (chain, draw) on the unconstrained space) to Stan's names on Stan's scale:
    /// every name in <see cref="Parameters"/> and <see cref="Means"/>.
    /// </summary>
    public required Func<Func<int, double[,]>, IReadOnlyDictionary<string, double[,]>> FromAxle { get; init; }

    /// <summary>The model's parameters (Stan's parameters block, by Stan's names): ESS and R-hat are taken over these.</summary>
    public required IReadOnlyList<string> Parameters { get; init; }

    /// <summary>Quantities whose posterior means are shown side by side.</summary>
    public IReadOnlyList<string> Means { get; init; } = [];

    /// <summary>Known or reference (mean, sd) per quantity, when there are any.</summary>
    public IReadOnlyDictionary<string, (double Mean, double Sd)> Reference { get; init; } = new Dictionary<string, (double, double)>();

    /// <summary>Where <see cref="Reference"/> comes from ("exact", "posteriordb reference").</summary>
    public string ReferenceSource { get; init; } = "";

    /// <summary>The metric of Axle's Stan-adaptation row and of Stan (nutpie's row is always diagonal).</summary>
    public Metric Metric { get; init; } = Metric.Diagonal;

    /// <summary>adapt_delta, the same for both samplers.</summary>
    public required double TargetAcceptance { get; init; }

    /// <summary>Warm-up iterations per chain of Stan and of Axle's Stan-adaptation row.</summary>
    public int Warmup { get; init; } = 1000;

    /// <summary>Kept draws per chain, every row.</summary>
    public int Draws { get; init; } = 1000;

    /// <summary>Issue 16's target for this workload (null: none, the row is informative).</summary>
    public Target? Target { get; init; }
}

/// <summary>How a run samples: the same for both samplers except nutpie's shorter warm-up.</summary>
/// <param name="Warmup">Warm-up per chain (Stan and Axle with Stan's adaptation).</param>
/// <param name="NutpieWarmup">Warm-up per chain of Axle's nutpie row (nutpie's default, 300).</param>
/// <param name="Draws">Draws per chain.</param>
/// <param name="Seed">Stan's seed and Axle's <c>NutsOptions.Seed</c>.</param>
/// <param name="Chains">Chains (4).</param>
/// <param name="Cores">Cores Stan's chains share (2; Axle's parallel chains use as many threads as cores).</param>
internal sealed record Settings(int Warmup, int NutpieWarmup, int Draws, long Seed, int Chains, int Cores)
{
    /// <summary>The workload's own settings, or 200 + 200 for a quick smoke run; <paramref name="seed"/> for both samplers.</summary>
    public static Settings For(Workload w, bool quick, long seed = 1) => quick
        ? new Settings(200, 200, 200, seed, 4, 2)
        : new Settings(w.Warmup, 300, w.Draws, seed, 4, 2);
}
