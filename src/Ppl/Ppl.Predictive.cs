using Axle.Inference;

namespace Axle;

// Prior and posterior predictive sampling into InferenceData: the model's own program, compiled once,
// vmapped over one key per draw (key first, as every Ax.Function of a random graph).
public static partial class Ppl
{
    /// <summary>
    /// Draws from the prior of a RandomStream posterior's model: <c>prior</c> (its latent variables) and
    /// <c>prior_predictive</c> (its observed variables, drawn, not the data), each (chain = 1, draw, …),
    /// plus its <c>observed_data</c> and <c>constant_data</c>.
    /// </summary>
    /// <param name="posterior">A posterior built from a RandomStream model (it knows the variables, inputs and dims).</param>
    /// <param name="draws">How many draws.</param>
    /// <param name="seed">Seeds the keys: draw i uses <c>Split(Key(seed), draws)[i]</c>.</param>
    /// <exception cref="InvalidOperationException">The posterior came from a Param log-density, which has no generative program.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is less than 1.</exception>
    public static InferenceData PriorPredictive(Axle.Posterior posterior, int draws, long seed)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        var model = ModelOf(posterior, "Ppl.PriorPredictive");
        var (prior, predictive) = SamplePrior(posterior.Data, model, draws, seed);
        return new InferenceData
        {
            Prior = prior,
            PriorPredictive = predictive,
            ObservedData = posterior.ObservedData,
            ConstantData = posterior.ConstantData,
        };
    }

    /// <summary>
    /// Draws from the prior of a RandomStream model before there is data: <c>prior</c> (the
    /// <paramref name="latent"/> variables), <c>prior_predictive</c> (the <paramref name="observed"/>
    /// ones), each (chain = 1, draw, …), and <c>constant_data</c> (the inputs).
    /// </summary>
    /// <param name="latent">Random variables reported in <c>prior</c>.</param>
    /// <param name="observed">Random variables reported in <c>prior_predictive</c>.</param>
    /// <param name="inputs">The model's symbolic inputs with their values.</param>
    /// <param name="draws">How many draws.</param>
    /// <param name="seed">Seeds the keys: draw i uses <c>Split(Key(seed), draws)[i]</c>.</param>
    /// <param name="dims">Dimension names per variable.</param>
    /// <param name="coords">Coordinate labels per dimension.</param>
    /// <exception cref="ArgumentException">A variable is not a random variable, an input is not a named symbolic input, or names clash.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="draws"/> is less than 1.</exception>
    public static InferenceData PriorPredictive(Tensor[] latent, Tensor[] observed, (Tensor Sym, Tensor Value)[]? inputs, int draws, long seed,
        IReadOnlyDictionary<string, string[]>? dims = null, IReadOnlyDictionary<string, IReadOnlyList<object>>? coords = null)
    {
        const string caller = "Ppl.PriorPredictive";
        ArgumentNullException.ThrowIfNull(latent);
        ArgumentNullException.ThrowIfNull(observed);
        inputs ??= [];
        for (int k = 0; k < inputs.Length; k++)
            if (inputs[k].Sym is null || inputs[k].Value is null)
                throw new ArgumentNullException(nameof(inputs), $"{caller}: inputs[{k}] has a null symbol or value");
        var names = new List<(string, int[], string)>();
        var sizes = SizeBinding.Bind(caller, inputs.Select(i => ($"input '{InputName(i.Sym, caller)}'", i.Sym.Shape, i.Value.Shape)));
        foreach (var (list, role) in new[] { (latent, nameof(latent)), (observed, nameof(observed)) })
            for (int i = 0; i < list.Length; i++)
            {
                var rv = RandomVariable.Of(list[i] ?? throw new ArgumentNullException(role))
                         ?? throw new ArgumentException($"{caller}: {role}[{i}] ({JointGraph.Describe(list[i])}) is not a random variable of a RandomStream", role);
                names.Add((rv.Name, SizeBinding.Resolve(caller, $"variable '{rv.Name}'", list[i].Shape, sizes), role));
            }
        var constants = inputs.Select(i => (InputName(i.Sym, caller), i.Value)).ToArray();
        names.AddRange(constants.Select(c => (c.Item1, c.Value.Shape.ToArray(), nameof(inputs))));
        var model = new SymbolicModel(latent, observed, inputs.Select(i => i.Sym).ToArray(),
            inputs.Select(i => i.Value.DType == i.Sym.DType ? i.Value : Ops.Astype(i.Value, i.Sym.DType)).ToArray());
        var data = Axle.Posterior.MakeData(caller, [.. names], [], constants, dims, coords, model);
        var (prior, predictive) = SamplePrior(data, model, draws, seed);
        return new InferenceData { Prior = prior, PriorPredictive = predictive, ConstantData = constants.Length == 0 ? null : Axle.Posterior.Group(data, constants, sampled: false) };
    }

    /// <summary>
    /// Draws the observed variables once per posterior draw of <paramref name="idata"/> (its
    /// <c>posterior</c> group, (chain, draw, …)) from the model of <paramref name="posterior"/>, and
    /// sets <c>posterior_predictive</c> on <paramref name="idata"/>: each observed variable
    /// (chain, draw, …). New <paramref name="inputs"/> (held-out covariates) replace the model's.
    /// </summary>
    /// <param name="idata">InferenceData with a <c>posterior</c> group holding every latent variable.</param>
    /// <param name="posterior">The RandomStream posterior the draws came from.</param>
    /// <param name="seed">Seeds the keys: flat draw i (chain-major) uses <c>Split(Key(seed), chains · draws)[i]</c>.</param>
    /// <param name="inputs">Values for some of the model's symbolic inputs, replacing those it was built with.</param>
    /// <returns><paramref name="idata"/>, with <c>posterior_predictive</c> set.</returns>
    /// <exception cref="ArgumentException">The posterior group lacks a latent variable or has the wrong shapes, or an input is not one of the model's.</exception>
    /// <exception cref="InvalidOperationException">The posterior came from a Param log-density.</exception>
    public static InferenceData PosteriorPredictive(InferenceData idata, Axle.Posterior posterior, long seed, (Tensor Sym, Tensor Value)[]? inputs = null)
    {
        const string caller = "Ppl.PosteriorPredictive";
        ArgumentNullException.ThrowIfNull(idata);
        ArgumentNullException.ThrowIfNull(posterior);
        var model = ModelOf(posterior, caller);
        var group = idata.Posterior ?? throw new ArgumentException($"{caller}: the InferenceData has no posterior group", nameof(idata));
        var inputValues = (Tensor[])model.InputValues.Clone();
        foreach (var (sym, value) in inputs ?? [])
        {
            int k = Array.FindIndex(model.InputSymbols, s => ReferenceEquals(s.Tracer, sym?.Tracer));
            if (k < 0)
                throw new ArgumentException($"{caller}: {(sym is null ? "null" : JointGraph.Describe(sym))} is not one of the model's inputs " +
                                            $"({string.Join(", ", model.InputSymbols.Select(s => InputName(s, caller)))})", nameof(inputs));
            if (value is null) throw new ArgumentNullException(nameof(inputs), $"{caller}: the value of input '{InputName(sym!, caller)}' is null");
            inputValues[k] = value.DType == sym!.DType ? value : Ops.Astype(value, sym.DType);
        }
        int chains = -1, draws = -1;
        var latentDraws = new Tensor[model.Latent.Length];
        foreach (var (v, i) in posterior.Variables.Select((v, i) => (v, i)))
        {
            if (!group.TryGetValue(v.Name, out var values))
                throw new ArgumentException($"{caller}: the posterior group has no variable '{v.Name}' (it has {string.Join(", ", group.Keys)})", nameof(idata));
            if (values.Rank != 2 + v.Shape.Rank || new Shape(values.Shape.Skip(2)) != v.Shape || (chains >= 0 && (values.Shape[0] != chains || values.Shape[1] != draws)))
                throw new ArgumentException($"{caller}: posterior '{v.Name}' must be (chain, draw{string.Concat(v.Shape.Select(d => $", {d}"))}) like the others; got {values.Shape}", nameof(idata));
            (chains, draws) = (values.Shape[0].Value, values.Shape[1].Value);
            latentDraws[i] = Ops.Reshape(values, [chains * draws, .. v.Shape.ToArray()]);
        }
        var keys = Rng.Split(Rng.Key(seed), chains * draws);
        var outs = model.Predictive([keys, .. inputValues, .. latentDraws]);
        idata.PosteriorPredictive = Axle.Posterior.Group(posterior.Data,
            model.Observed.Select((o, k) => (RandomVariable.Of(o)!.Name, Ops.Reshape(outs[k], [chains, draws, .. outs[k].Shape.ToArray()[1..]]))), sampled: true);
        return idata;
    }

    private static (InferenceGroup Prior, InferenceGroup? Predictive) SamplePrior(PosteriorData data, SymbolicModel model, int draws, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        Tensor[] outputs = [.. model.Latent, .. model.Observed];
        var outs = model.Prior([Rng.Split(Rng.Key(seed), draws), .. model.InputValues]);
        var named = outputs.Select((o, k) => (RandomVariable.Of(o)!.Name, Ops.ExpandDims(outs[k], 0))).ToArray();
        var prior = Axle.Posterior.Group(data, named[..model.Latent.Length], sampled: true);
        var predictive = model.Observed.Length == 0 ? null : Axle.Posterior.Group(data, named[model.Latent.Length..], sampled: true);
        return (prior, predictive);
    }

    private static SymbolicModel ModelOf(Axle.Posterior posterior, string caller) =>
        posterior.Data.Model ?? throw new InvalidOperationException(
            $"{caller}: this posterior was built from a log-density function over Params, which has no generative program; build it from a RandomStream model");

    private static string InputName(Tensor sym, string caller)
    {
        ArgumentNullException.ThrowIfNull(sym);
        return sym.Tracer is SymTracer { Node: null, Name: { } name } ? name
            : throw new ArgumentException($"{caller}: {sym.Aval} is not a named symbolic input (make inputs with Sym.Matrix/Vector/Scalar/Tensor)", "inputs");
    }
}
