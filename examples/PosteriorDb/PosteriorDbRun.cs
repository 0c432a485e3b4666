using System.Diagnostics;
using System.Globalization;
using Axle.Inference;

namespace Axle.Examples.PosteriorDb;

/// <summary>One model's run: the check against the reference, and where the time went.</summary>
/// <param name="Model">The model and its settings.</param>
/// <param name="Check">The draws against the reference posterior.</param>
/// <param name="CompileSeconds">Building the posterior, compiling its programs, the initial-point search: the run's time outside warm-up and sampling, before the check.</param>
/// <param name="SamplerCompileSeconds">Of that, what the sampler reports as compiling its iteration programs (<c>compile_time</c>).</param>
/// <param name="WarmupSeconds">Warm-up, all chains (wall time).</param>
/// <param name="SamplingSeconds">The 1,000 draws per chain (wall time).</param>
/// <param name="TotalSeconds">Everything: data, build, compilation, sampling, the check.</param>
/// <param name="MaxTreeDepthHits">Post-warm-up iterations that hit the tree-depth limit.</param>
public sealed record PosteriorDbResult(PosteriorDbModel Model, ReferenceCheck Check, double CompileSeconds, double SamplerCompileSeconds, double WarmupSeconds,
    double SamplingSeconds, double TotalSeconds, int MaxTreeDepthHits);

/// <summary>Loads a posteriordb posterior's data and reference, samples its model with NUTS and checks the draws.</summary>
public static class PosteriorDbRun
{
    /// <summary>Where the data and reference files are: <c>posteriordb/NAME/{data,reference}.json</c> next to the assembly.</summary>
    public static string DataRoot => Path.Combine(AppContext.BaseDirectory, "posteriordb");

    /// <summary>The posterior's <c>data.json</c>.</summary>
    /// <exception cref="FileNotFoundException">The file is not there.</exception>
    public static StanData Data(string name)
    {
        string path = Path.Combine(DataRoot, name, "data.json");
        return new StanData(File.ReadAllText(path), path);
    }

    /// <summary>The posterior's <c>reference.json</c>.</summary>
    /// <exception cref="FileNotFoundException">The file is not there.</exception>
    public static ReferencePosterior Reference(string name) => new(File.ReadAllText(Path.Combine(DataRoot, name, "reference.json")));

    /// <summary>Samples <paramref name="model"/> with its settings and checks the draws against its reference posterior.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static PosteriorDbResult Run(PosteriorDbModel model, Action<NutsProgress>? progress = null) => Run(model, [model.Options.Seed], progress)[0];

    /// <summary>
    /// Samples <paramref name="model"/> once per seed (its other settings unchanged) and checks each run: a robustness check
    /// of the settings. The posterior is built once, so its programs compile once (the first run's compile time).
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No seeds.</exception>
    public static IReadOnlyList<PosteriorDbResult> Run(PosteriorDbModel model, IReadOnlyList<long> seeds, Action<NutsProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0) throw new ArgumentException("PosteriorDbRun: give at least one seed", nameof(seeds));
        var clock = Stopwatch.StartNew();
        var reference = Reference(model.Name);
        var posterior = model.Build(Data(model.Name));
        var results = new List<PosteriorDbResult>();
        foreach (long seed in seeds)
        {
            var options = model.Options with { Seed = seed };
            var idata = Nuts.Sample(posterior, options, progress);
            double sampled = clock.Elapsed.TotalSeconds;
            double Seconds(string key) => double.Parse(idata.Posterior!.Attributes[key], CultureInfo.InvariantCulture);
            double warmup = Seconds(SamplerAttributes.WarmupTime), sampling = Seconds(SamplerAttributes.SamplingTime);
            var stats = idata.SampleStats!;
            int divergences = stats["diverging"].ToArray<bool>().Count(d => d);
            int depthHits = stats["reached_max_treedepth"].ToArray<bool>().Count(d => d);
            var check = reference.Check(StanNames.Draws(idata.Posterior!), divergences);
            // Compilation: the run's time outside the chains' warm-up and sampling, before the check — building the
            // posterior, tracing and compiling its programs (the first seed's run), the initial-point search.
            results.Add(new PosteriorDbResult(model with { Options = options }, check, sampled - warmup - sampling, Seconds("compile_time"), warmup, sampling,
                clock.Elapsed.TotalSeconds, depthHits));
            clock.Restart();
        }
        return results;
    }
}
