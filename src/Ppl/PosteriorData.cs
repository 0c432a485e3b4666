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

/// <summary>
/// A RandomStream model: its latent and observed random variables, its symbolic inputs with their
/// values, and its predictive programs (built once, so that repeated sampling reuses the compiled program).
/// </summary>
internal sealed class SymbolicModel(Tensor[] latent, Tensor[] observed, Tensor[] inputSymbols, Tensor[] inputValues)
{
    private Func<Tensor[], Tensor[]>? _prior, _predictive;

    public Tensor[] Latent { get; } = latent;

    public Tensor[] Observed { get; } = observed;

    public Tensor[] InputSymbols { get; } = inputSymbols;

    public Tensor[] InputValues { get; } = inputValues;

    /// <summary>(keys (draws, 2), inputs…) → (latent…, observed…), each (draws, …): the prior, vmapped over keys.</summary>
    public Func<Tensor[], Tensor[]> Prior => _prior ??= Vmapped(new SymbolicFunction(InputSymbols, [.. Latent, .. Observed]), latentBatched: false);

    /// <summary>(keys (draws, 2), inputs…, latent values (draws, …)…) → observed…, each (draws, …): the posterior predictive.</summary>
    public Func<Tensor[], Tensor[]> Predictive => _predictive ??= Vmapped(new SymbolicFunction([.. InputSymbols, .. Latent], Observed), latentBatched: true);

    private Func<Tensor[], Tensor[]> Vmapped(SymbolicFunction f, bool latentBatched)
    {
        int?[] inAxes = [0, .. InputSymbols.Select(_ => (int?)null), .. latentBatched ? Latent.Select(_ => (int?)0) : []];
        return Ax.Jit(Ax.Vmap((Func<Tensor[], Tensor[]>)f.Call, inAxes));
    }
}
