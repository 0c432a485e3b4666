namespace Axle;

/// <summary>Draws a random variable's value: key, parameter values, concrete size (null: from the parameters).</summary>
internal delegate Tensor Sampler(Tensor key, Tensor[] parameters, int[]? size, DType dtype);

/// <summary>A random variable's result shape from its parameters' shapes and size (null: not given).</summary>
internal delegate Shape ShapeRule(Shape[] parameters, int[]? size);

/// <summary>
/// A random variable of a symbolic graph, made by a <see cref="RandomStream"/>: it remembers its
/// distribution and parameters (so log-densities can be derived from it), and the creation
/// index that picks its key, <c>FoldIn(key, Index)</c>, in a compiled function.
/// </summary>
public sealed class RandomVariable
{
    private readonly Sampler _sampler;
    private readonly ShapeRule _shape;

    internal RandomVariable(RandomStream stream, int index, string name, string distribution, string[] names, Tensor[] parameters,
        Shape? size, DType dtype, Sampler sampler, ShapeRule shape)
    {
        Stream = stream;
        Index = index;
        Name = name;
        Distribution = distribution;
        ParameterNames = names;
        Parameters = parameters;
        Size = size;
        DType = dtype;
        _sampler = sampler;
        _shape = shape;
    }

    /// <summary>The stream that made it.</summary>
    public RandomStream Stream { get; }

    /// <summary>Its creation index in <see cref="Stream"/>; its key in a compiled function is <c>FoldIn(key, Index)</c>.</summary>
    public int Index { get; }

    /// <summary>
    /// Its name: given with <c>name:</c>, else the family and the index (<c>normal_2</c>). Unique in its
    /// stream; it names the variable in messages, its value variable in <c>Ppl.JointLogprob</c> (and so in
    /// lowered text) and its draws in results.
    /// </summary>
    public string Name { get; }

    /// <summary>The distribution's name: "normal", "half_cauchy", "bernoulli", ...</summary>
    public string Distribution { get; }

    /// <summary>The parameters' names, in the order of <see cref="Parameters"/> ("loc", "scale", ...).</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The parameters as given (symbolic or concrete tensors; C# numbers converted to the variable's float dtype).</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>The requested size (may name symbolic dimensions), or null when it comes from the parameters.</summary>
    public Shape? Size { get; }

    /// <summary>The dtype of its values.</summary>
    public DType DType { get; }

    /// <summary>The symbolic tensor that stands for its value.</summary>
    public Tensor Value { get; internal set; } = null!;

    /// <summary>The parameter called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such parameter.</exception>
    public Tensor Parameter(string name)
    {
        for (int i = 0; i < ParameterNames.Count; i++)
            if (ParameterNames[i] == name) return Parameters[i];
        throw new ArgumentException($"{this}: {Distribution} has no parameter '{name}' (it has {string.Join(", ", ParameterNames)})", nameof(name));
    }

    /// <summary>The random variable <paramref name="x"/> stands for, or null when it is not one.</summary>
    public static RandomVariable? Of(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.Tracer is SymTracer { Node: { } node } && node.Primitive == Prims.RandomVariable ? ((RandomVariableParams)node.Params).Rv : null;
    }

    internal Tensor Draw(Tensor key, Tensor[] parameters, int[]? size) => _sampler(key, parameters, size, DType);

    internal Shape InferShape(Shape[] parameters, int[]? size) => _shape(parameters, size);

    /// <summary>For messages: <c>'beta' ~ normal#2(loc, scale)</c> (name, family, index, parameters).</summary>
    public override string ToString() => $"'{Name}' ~ {Distribution}#{Index}({string.Join(", ", ParameterNames)})";
}
