using Axle.Inference;

namespace Axle;

// The InferenceData side of a posterior: ArviZ's groups, dimension names and coordinates.
public sealed partial class Posterior
{
    /// <summary>
    /// The <c>posterior</c> group of flat draws <c>(chains, draws, Dim)</c>: each variable constrained,
    /// <c>(chain, draw, shape…)</c>, its dims <c>chain</c>, <c>draw</c>, then the names given with
    /// <c>dims:</c> or ArviZ's defaults <c>&lt;name&gt;_dim_0</c>, … (also the <c>warmup_posterior</c> group's shape).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="draws"/> is not <c>(chains, draws, Dim)</c> of <see cref="DType"/>.</exception>
    public InferenceGroup PosteriorGroup(Tensor draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        if (draws.Rank != 3)
            throw new ArgumentException($"Posterior.PosteriorGroup: draws must be (chains, draws, {Dim}); got {draws.Shape}", nameof(draws));
        var values = Constrain(draws);
        return Group(values.Select(kv => (kv.Key, kv.Value)), sampled: true);
    }

    /// <summary>The <c>observed_data</c> group: each observed value with its dims; null when nothing is observed.</summary>
    public InferenceGroup? ObservedData => Data.Observed.Length == 0 ? null : Group(Data.Observed, sampled: false);

    /// <summary>The <c>constant_data</c> group: each input (covariate) value with its dims; null when there are none.</summary>
    public InferenceGroup? ConstantData => Data.Constants.Length == 0 ? null : Group(Data.Constants, sampled: false);

    /// <summary>
    /// An InferenceData of flat draws <c>(chains, draws, Dim)</c>: <c>posterior</c> (see
    /// <see cref="PosteriorGroup"/>), <c>observed_data</c>, <c>constant_data</c>, and
    /// <paramref name="sampleStats"/> (the sampler's) when given.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="draws"/> is not <c>(chains, draws, Dim)</c> of <see cref="DType"/>.</exception>
    public InferenceData ToInferenceData(Tensor draws, InferenceGroup? sampleStats = null) => new()
    {
        Posterior = PosteriorGroup(draws),
        SampleStats = sampleStats,
        ObservedData = ObservedData,
        ConstantData = ConstantData,
    };

    /// <summary>
    /// A group of named values; <paramref name="sampled"/> values lead with (chain, draw). Coordinates
    /// given with <c>coords:</c> are attached where their length fits (predictions on new inputs may
    /// change a dimension's size; that dimension then gets 0, 1, …).
    /// </summary>
    internal InferenceGroup Group(IEnumerable<(string Name, Tensor Values)> values, bool sampled) => Group(Data, values, sampled);

    /// <inheritdoc cref="Group(IEnumerable{ValueTuple{string, Tensor}}, bool)"/>
    internal static InferenceGroup Group(PosteriorData data, IEnumerable<(string Name, Tensor Values)> values, bool sampled)
    {
        var variables = values.Select(v =>
        {
            int lead = sampled ? 2 : 0;
            string[] dims = [.. sampled ? ["chain", "draw"] : Array.Empty<string>(), .. DimNames(data, v.Name, v.Values.Rank - lead)];
            return new InferenceVariable(v.Name, v.Values, dims);
        }).ToArray();
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var v in variables)
            for (int i = 0; i < v.Dims.Count; i++) sizes.TryAdd(v.Dims[i], v.Values.Shape[i].Value);
        var coords = data.Coords.Where(c => sizes.TryGetValue(c.Key, out int n) && n == c.Value.Count).ToDictionary(c => c.Key, c => c.Value);
        return new InferenceGroup(variables, coords, new Dictionary<string, string> { ["inference_library"] = "axle" });
    }

    /// <summary>The names of a variable's own dimensions: the user's, else <c>name_dim_i</c>.</summary>
    private static string[] DimNames(PosteriorData data, string name, int rank) =>
        data.Dims.TryGetValue(name, out var given) && given.Length == rank ? given : Enumerable.Range(0, rank).Select(i => $"{name}_dim_{i}").ToArray();

    /// <summary>
    /// Checks names, dims and coords against the variables' shapes and makes the posterior's data: names
    /// unique across latent, observed and input variables; each <paramref name="dims"/> entry names a
    /// variable and one dimension name per axis; each coordinate names a dimension in use and has its length.
    /// </summary>
    /// <param name="caller">Names the entry point in messages.</param>
    /// <param name="variables">Every variable's name, concrete shape and role ("latent", "observed", "inputs"; the argument named in messages).</param>
    /// <param name="observed">Observed values to keep.</param>
    /// <param name="constants">Input values to keep.</param>
    /// <param name="dims">Dimension names per variable.</param>
    /// <param name="coords">Coordinate labels per dimension.</param>
    /// <param name="model">The generative model, when there is one.</param>
    internal static PosteriorData MakeData(string caller, (string Name, int[] Shape, string Role)[] variables, (string Name, Tensor Value)[] observed,
        (string Name, Tensor Value)[] constants, IReadOnlyDictionary<string, string[]>? dims, IReadOnlyDictionary<string, IReadOnlyList<object>>? coords,
        SymbolicModel? model)
    {
        var shapes = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var (name, shape, role) in variables)
            if (!shapes.TryAdd(name, shape))
                throw new ArgumentException($"{caller}: two variables are named '{name}' (one is in {role}); names must be unique across latent, observed and input variables", role);

        var dimsCopy = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, names) in dims ?? new Dictionary<string, string[]>())
        {
            if (!shapes.TryGetValue(name, out var shape))
                throw new ArgumentException($"{caller}: dims names '{name}', which is not a variable; the variables are {string.Join(", ", shapes.Keys)}", nameof(dims));
            ArgumentNullException.ThrowIfNull(names, $"dims[{name}]");
            if (names.Length != shape.Length)
                throw new ArgumentException($"{caller}: '{name}' has {shape.Length} axes ({string.Join(", ", shape)}) but dims gives {names.Length} names ({string.Join(", ", names)})", nameof(dims));
            if (names.Any(d => d is "chain" or "draw"))
                throw new ArgumentException($"{caller}: dims of '{name}' may not use 'chain' or 'draw' (sampled groups put them first)", nameof(dims));
            dimsCopy[name] = [.. names];
        }

        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, shape) in shapes)
        {
            string[] names = dimsCopy.TryGetValue(name, out var d) ? d : Enumerable.Range(0, shape.Length).Select(i => $"{name}_dim_{i}").ToArray();
            for (int i = 0; i < names.Length; i++)
                if (sizes.TryGetValue(names[i], out int seen) && seen != shape[i])
                    throw new ArgumentException($"{caller}: dimension '{names[i]}' has size {seen} elsewhere but {shape[i]} in '{name}'", nameof(dims));
                else sizes[names[i]] = shape[i];
        }
        var coordsCopy = new Dictionary<string, IReadOnlyList<object>>(StringComparer.Ordinal);
        foreach (var (dim, labels) in coords ?? new Dictionary<string, IReadOnlyList<object>>())
        {
            ArgumentNullException.ThrowIfNull(labels, $"coords[{dim}]");
            if (!sizes.TryGetValue(dim, out int size))
                throw new ArgumentException($"{caller}: coords names the dimension '{dim}', which no variable has; dimensions: {string.Join(", ", sizes.Keys)}", nameof(coords));
            if (labels.Count != size)
                throw new ArgumentException($"{caller}: coords gives {labels.Count} labels for '{dim}', whose size is {size}", nameof(coords));
            coordsCopy[dim] = [.. labels];
        }
        return new PosteriorData(observed, constants, dimsCopy, coordsCopy, model);
    }
}
