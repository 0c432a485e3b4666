namespace Axle;

/// <summary>What a <see cref="Posterior"/> keeps besides its log-density: data for InferenceData's groups, dims, coords, and the generative model.</summary>
/// <param name="Observed">Observed values by name (ArviZ's <c>observed_data</c>).</param>
/// <param name="Constants">Input values by name (ArviZ's <c>constant_data</c>).</param>
/// <param name="Dims">Dimension names per variable, where the user gave them.</param>
/// <param name="Coords">Coordinate labels per dimension name.</param>
/// <param name="Model">The RandomStream model (null for a <see cref="Param"/> model), for predictive sampling.</param>
internal sealed record PosteriorData(
    (string Name, Tensor Value)[] Observed,
    (string Name, Tensor Value)[] Constants,
    IReadOnlyDictionary<string, string[]> Dims,
    IReadOnlyDictionary<string, IReadOnlyList<object>> Coords,
    SymbolicModel? Model);

/// <summary>A RandomStream model: its latent and observed random variables and its symbolic inputs with their values.</summary>
internal sealed record SymbolicModel(Tensor[] Latent, Tensor[] Observed, Tensor[] InputSymbols, Tensor[] InputValues);
