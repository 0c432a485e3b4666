namespace Axle;

/// <summary>Builds a <see cref="Posterior"/> from declared <see cref="Param"/>s and a log-density function over their constrained values.</summary>
internal static class ParamPosterior
{
    private const string Caller = "Ppl.Posterior";

    public static Posterior Build(Param[] parameters, Func<ParamValues, Tensor> logDensity, DType dtype,
        (string Name, Tensor Value)[]? observedData, (string Name, Tensor Value)[]? constantData,
        IReadOnlyDictionary<string, string[]>? dims, IReadOnlyDictionary<string, IReadOnlyList<object>>? coords)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(logDensity);
        if (parameters.Length == 0) throw new ArgumentException($"{Caller}: declare at least one parameter", nameof(parameters));
        if (!dtype.IsFloat()) throw new ArgumentException($"{Caller}: dtype must be a float dtype; got {dtype.ShortName()}", nameof(dtype));
        for (int i = 0; i < parameters.Length; i++) ArgumentNullException.ThrowIfNull(parameters[i], $"{nameof(parameters)}[{i}]");
        string[] names = parameters.Select(p => p.Name).ToArray();
        var slots = new LatentSlot[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            if (Array.IndexOf(names, p.Name, 0, i) >= 0)
                throw new ArgumentException($"{Caller}: two parameters are named '{p.Name}' (parameters[{Array.IndexOf(names, p.Name)}] and [{i}])", nameof(parameters));
            // A bound reads the parameters declared before it (constrained first), and only those.
            int count = i;
            var earlier = names[..count];
            string context = $"{Caller}: the bound of '{p.Name}' (it may read the parameters declared before it)";
            var bounds = p.Bounds;
            slots[i] = new LatentSlot(p.Name, p.Shape.ToArray(), p.Bijector, p.BoundNames, bounds.Length == 0 ? [] : Enumerable.Range(0, count).ToArray(),
                values => bounds.Select(b => b(new ParamValues(earlier, values[..count], context))).ToArray());
        }
        ParamValues Named(Tensor[] values) => new(names, values, $"{Caller}: the log-density function");
        var observed = Concrete(observedData, nameof(observedData));
        var constants = Concrete(constantData, nameof(constantData));
        (string, int[], string)[] variables =
        [
            .. parameters.Select(p => (p.Name, p.Shape.ToArray(), "parameters")),
            .. observed.Select(o => (o.Name, o.Value.Shape.ToArray(), "observedData")),
            .. constants.Select(c => (c.Name, c.Value.Shape.ToArray(), "constantData")),
        ];
        var data = Posterior.MakeData(Caller, variables, observed, constants, dims, coords, model: null);
        return new Posterior(Caller, slots, values => logDensity(Named(values)), dtype, data);
    }

    private static (string Name, Tensor Value)[] Concrete((string Name, Tensor Value)[]? data, string argument)
    {
        if (data is null) return [];
        foreach (var (name, value) in data)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException($"{Caller}: a {argument} entry has an empty name", argument);
            ArgumentNullException.ThrowIfNull(value, $"{argument}[{name}]");
            if (value.IsTraced) throw new ArgumentException($"{Caller}: {argument} '{name}' must be a concrete tensor; got {value.Aval}", argument);
        }
        return [.. data];
    }
}
