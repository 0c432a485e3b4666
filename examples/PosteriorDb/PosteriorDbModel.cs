using System.Globalization;
using Axle.Inference;

namespace Axle.Examples.PosteriorDb;

/// <summary>
/// One posteriordb posterior written in Axle: its posteriordb name (the data folder), how it is written, how to build
/// the <see cref="Posterior"/> from its data, and the sampler settings it passes the reference check with.
/// </summary>
/// <param name="Name">posteriordb's posterior name (<c>eight_schools-eight_schools_noncentered</c>).</param>
/// <param name="Form">How the Stan program is written here: <c>RandomStream</c> (a symbolic model) or <c>Param</c> (a log-density).</param>
/// <param name="Build">Builds the posterior from the posterior's data; its draws carry Stan's parameter names and shapes.</param>
/// <param name="Options">NUTS settings: 4 chains × 1,000 draws, a fixed seed, and the model's warm-up, δ, metric and adaptation.</param>
public sealed record PosteriorDbModel(string Name, string Form, Func<StanData, Posterior> Build, NutsOptions Options)
{
    /// <summary>The settings in a few words, for tables: adaptation, warm-up, δ (adapt_delta), metric, maximum tree depth.</summary>
    public string Settings => string.Create(CultureInfo.InvariantCulture,
        $"{Options.Adaptation.ToString().ToLowerInvariant()}, warm-up {Options.Warmup}, δ {Options.TargetAcceptance:0.###}, " +
        $"{(Options.Metric == Metric.Dense ? "dense" : "diag")}{(Options.MaxTreeDepth != 10 ? $", depth {Options.MaxTreeDepth}" : "")}");

    /// <summary>The settings every model shares: 4 chains × 1,000 draws after warm-up, the seed given.</summary>
    public static NutsOptions Standard(long seed, int warmup, double targetAcceptance, Adaptation adaptation = Adaptation.Nutpie,
        Metric metric = Metric.Diagonal) => new()
        {
            Chains = 4,
            Draws = 1000,
            Seed = seed,
            Warmup = warmup,
            TargetAcceptance = targetAcceptance,
            Adaptation = adaptation,
            Metric = metric,
        };
}
