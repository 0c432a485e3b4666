using Axle.Examples.PosteriorDb;

namespace Axle.Tests.Inference;

/// <summary>
/// A posteriordb posterior's data and reference summary for tests that write their own model (the runner's files,
/// examples/PosteriorDb/data/NAME/, copied next to the assembly), checked with the runner's one copy of the README's
/// criterion (<see cref="ReferencePosterior.Check"/>).
/// </summary>
internal sealed class PosteriorDbReference
{
    private readonly StanData _data;
    private readonly ReferencePosterior _reference;

    private PosteriorDbReference(string name)
    {
        _data = PosteriorDbRun.Data(name);
        _reference = PosteriorDbRun.Reference(name);
    }

    public static PosteriorDbReference Load(string name) => new(name);

    /// <summary>A numeric data entry, flattened.</summary>
    public double[] Data(string key) => _data.Array(key).Values;

    /// <summary>What failed the last <see cref="Check"/>.</summary>
    public List<string> Failures { get; } = [];

    /// <summary>Checks draws (chain, draw) per reference parameter name; returns one report line per parameter, then the failures.</summary>
    public IEnumerable<string> Check(IReadOnlyDictionary<string, double[,]> draws, int divergences)
    {
        var check = _reference.Check(draws, divergences);
        Failures.Clear();
        Failures.AddRange(check.Failures);
        return check.Lines;
    }
}
