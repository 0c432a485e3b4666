using System.Collections;

namespace Axle;

/// <summary>
/// One variable of an <see cref="InferenceGroup"/>: its values and the name of each of their dimensions
/// (ArviZ: an xarray <c>DataArray</c>). Sampled groups lead with <c>chain</c> and <c>draw</c>.
/// </summary>
/// <param name="Name">The variable's name (a model variable's name, or a sample statistic's, e.g. <c>diverging</c>).</param>
/// <param name="Values">The values; <see cref="Dims"/> names each of their dimensions.</param>
/// <param name="Dims">One name per dimension of <paramref name="Values"/>.</param>
public sealed record InferenceVariable(string Name, Tensor Values, IReadOnlyList<string> Dims)
{
    /// <summary>The values as doubles, row-major (numpy's <c>astype(float)</c>).</summary>
    public double[] ToDoubles() => Values.ToArray<double>();

    /// <summary>
    /// One scalar component's draws as (chain, draw): <paramref name="index"/> is the flat
    /// (row-major) index into the dimensions after <c>chain</c> and <c>draw</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The variable does not lead with (chain, draw).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the component count.</exception>
    public double[,] Component(int index)
    {
        if (Dims.Count < 2 || Dims[0] != "chain" || Dims[1] != "draw")
            throw new InvalidOperationException($"InferenceVariable '{Name}': dims ({string.Join(", ", Dims)}) do not lead with (chain, draw)");
        int chains = Values.Shape[0].Value, draws = Values.Shape[1].Value, width = ComponentCount;
        if ((uint)index >= (uint)width)
            throw new ArgumentOutOfRangeException(nameof(index), $"InferenceVariable '{Name}': component {index} is outside [0, {width})");
        double[] all = ToDoubles();
        var x = new double[chains, draws];
        for (int c = 0; c < chains; c++)
            for (int d = 0; d < draws; d++) x[c, d] = all[(c * draws + d) * width + index];
        return x;
    }

    /// <summary>Scalar components per draw: the product of the dimensions after (chain, draw).</summary>
    public int ComponentCount
    {
        get
        {
            int n = 1;
            for (int i = 2; i < Values.Rank; i++) n *= Values.Shape[i].Value;
            return n;
        }
    }
}

/// <summary>
/// A group of an <see cref="InferenceData"/> (ArviZ: an xarray <c>Dataset</c>): named variables that share
/// dimension names, the coordinate labels of those dimensions, and attributes.
/// </summary>
public sealed class InferenceGroup : IReadOnlyDictionary<string, Tensor>
{
    private readonly Dictionary<string, InferenceVariable> _byName;

    /// <summary>Builds a group; every dimension a variable uses gets coordinates (given, or 0, 1, …).</summary>
    /// <param name="variables">The variables, in the order they are listed and written.</param>
    /// <param name="coords">Labels per dimension name (strings or integers); missing dimensions get 0, 1, ….</param>
    /// <param name="attributes">Group attributes (ArviZ writes e.g. <c>created_at</c>, <c>inference_library</c>).</param>
    /// <exception cref="ArgumentException">
    /// Two variables share a name, a variable's dims do not match its rank, two variables give one dimension
    /// different sizes, or a coordinate's length is not its dimension's size.
    /// </exception>
    public InferenceGroup(IEnumerable<InferenceVariable> variables, IReadOnlyDictionary<string, IReadOnlyList<object>>? coords = null,
        IReadOnlyDictionary<string, string>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        Variables = variables.ToArray();
        _byName = new Dictionary<string, InferenceVariable>(StringComparer.Ordinal);
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        var dimOrder = new List<string>();
        foreach (var v in Variables)
        {
            if (!_byName.TryAdd(v.Name, v))
                throw new ArgumentException($"InferenceGroup: variable '{v.Name}' appears twice", nameof(variables));
            if (v.Dims.Count != v.Values.Rank)
                throw new ArgumentException($"InferenceGroup: variable '{v.Name}' has {v.Values.Rank} dimensions {v.Values.Shape} but {v.Dims.Count} dim names", nameof(variables));
            for (int i = 0; i < v.Dims.Count; i++)
            {
                int size = v.Values.Shape[i].Value;
                if (sizes.TryGetValue(v.Dims[i], out int known))
                {
                    if (known != size)
                        throw new ArgumentException($"InferenceGroup: dimension '{v.Dims[i]}' has size {known} elsewhere but {size} in '{v.Name}'", nameof(variables));
                }
                else
                {
                    sizes[v.Dims[i]] = size;
                    dimOrder.Add(v.Dims[i]);
                }
            }
        }
        var c = new Dictionary<string, IReadOnlyList<object>>(StringComparer.Ordinal);
        foreach (string dim in dimOrder)
        {
            if (coords is not null && coords.TryGetValue(dim, out var labels))
            {
                if (labels.Count != sizes[dim])
                    throw new ArgumentException($"InferenceGroup: coordinate '{dim}' has {labels.Count} labels for a dimension of size {sizes[dim]}", nameof(coords));
                c[dim] = labels;
            }
            else c[dim] = Enumerable.Range(0, sizes[dim]).Cast<object>().ToArray();
        }
        Coords = c;
        DimSizes = sizes;
        Attributes = attributes ?? new Dictionary<string, string>();
    }

    /// <summary>The variables, in order.</summary>
    public IReadOnlyList<InferenceVariable> Variables { get; }

    /// <summary>Coordinate labels per dimension name (integers 0, 1, … unless given).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<object>> Coords { get; }

    /// <summary>Size per dimension name.</summary>
    public IReadOnlyDictionary<string, int> DimSizes { get; }

    /// <summary>Group attributes.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; }

    /// <summary>The variable named <paramref name="name"/> with its dims.</summary>
    /// <exception cref="KeyNotFoundException">No such variable; the message lists the group's variables.</exception>
    public InferenceVariable Variable(string name) =>
        _byName.TryGetValue(name, out var v) ? v
            : throw new KeyNotFoundException($"InferenceGroup: no variable '{name}'; it has {string.Join(", ", Variables.Select(x => x.Name))}");

    /// <summary>The values of the variable named <paramref name="name"/>.</summary>
    public Tensor this[string name] => Variable(name).Values;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => Variables.Select(v => v.Name);

    /// <inheritdoc/>
    public IEnumerable<Tensor> Values => Variables.Select(v => v.Values);

    /// <inheritdoc/>
    public int Count => Variables.Count;

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _byName.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out Tensor value)
    {
        bool found = _byName.TryGetValue(key, out var v);
        value = v?.Values;
        return found;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator() =>
        Variables.Select(v => new KeyValuePair<string, Tensor>(v.Name, v.Values)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
