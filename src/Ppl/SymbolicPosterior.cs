using System.Globalization;

namespace Axle;

/// <summary>
/// Builds a <see cref="Posterior"/> from a RandomStream model: checks the variables and their values,
/// binds the symbolic sizes, builds the joint graph over constrained value variables, and gives each
/// latent variable the bijector of its family's support, with bounds read from the rewritten parameters.
/// </summary>
internal static class SymbolicPosterior
{
    private const string Caller = "Ppl.Posterior";

    /// <summary>Location–scale families: x = loc + scale · z with z from the standard member.</summary>
    private static readonly HashSet<string> LocationScale = new(StringComparer.Ordinal) { "normal", "cauchy", "laplace", "logistic", "gumbel" };

    public static Posterior Build(Tensor[] latent, (Tensor Rv, Tensor Value)[]? observed, (Tensor Sym, Tensor Value)[]? inputs, Reparam reparam,
        IReadOnlyDictionary<string, string[]>? dims, IReadOnlyDictionary<string, IReadOnlyList<object>>? coords)
    {
        ArgumentNullException.ThrowIfNull(latent);
        observed ??= [];
        inputs ??= [];
        if (latent.Length == 0) throw new ArgumentException($"{Caller}: give at least one latent variable", nameof(latent));
        var latentRvs = CheckLatent(latent);
        var observedRvs = CheckObserved(observed, latentRvs);
        CheckInputs(inputs);

        var sizes = SizeBinding.Bind(Caller,
            inputs.Select(i => ($"input '{Name(i.Sym)}'", i.Sym.Shape, i.Value.Shape))
                .Concat(observed.Select((o, k) => ($"observed '{observedRvs[k].Name}'", o.Rv.Shape, o.Value.Shape))));
        var shapes = latent.Select((t, i) => SizeBinding.Resolve(Caller, $"latent variable '{latentRvs[i].Name}'", t.Shape, sizes)).ToArray();
        var dtype = latentRvs[0].DType;
        if (latentRvs.FirstOrDefault(r => r.DType != dtype) is { } other)
            throw new ArgumentException(
                $"{Caller}: the latent variables must share one float dtype: {latentRvs[0]} is {dtype.ShortName()} but {other} is {other.DType.ShortName()}", nameof(latent));

        var joint = JointGraph.Build(Caller, nameof(latent), [.. latent, .. observed.Select(o => o.Rv)], transform: false);
        var latentValues = joint.ValueVariables[..latent.Length];
        var observedValueVars = joint.ValueVariables[latent.Length..];
        var nonCentered = NonCentered(reparam, latent, latentRvs);

        var allowed = new HashSet<SymTracer>(ReferenceEqualityComparer.Instance);
        foreach (var t in inputs.Select(i => i.Sym).Concat(joint.ValueVariables)) allowed.Add((SymTracer)t.Tracer!);
        for (int i = 0; i < joint.Terms.Length; i++)
        {
            string what = i < latent.Length ? $"the density of '{latentRvs[i].Name}'" : $"the density of the observed '{observedRvs[i - latent.Length].Name}'";
            CheckReads(joint.Terms[i], allowed, what);
        }

        // The functions take the inputs and observed values first (constants of every call), then latent values.
        Tensor[] fixedSymbols = [.. inputs.Select(i => i.Sym), .. observedValueVars];
        Tensor[] fixedValues =
        [
            .. inputs.Select(i => Convert(i.Value, i.Sym.DType)),
            .. observed.Select((o, k) => Convert(o.Value, observedValueVars[k].DType)),
        ];
        var terms = joint.Terms.Where((_, i) => i >= latent.Length || !nonCentered[i]).ToList();
        Tensor total = terms.Count == 0 ? Ops.Zeros(Array.Empty<int>(), dtype) : JointGraph.Combine(terms, null);
        var jointFunction = new SymbolicFunction([.. fixedSymbols, .. latentValues], [total]);
        Tensor LogJoint(Tensor[] values) => jointFunction.Call([.. fixedValues, .. values])[0];

        var slots = new LatentSlot[latent.Length];
        for (int i = 0; i < latent.Length; i++)
            slots[i] = Slot(latentRvs[i], shapes[i], joint.Parameters[i], nonCentered[i], latentValues, fixedSymbols, fixedValues);

        (string, int[], string)[] variables =
        [
            .. latentRvs.Select((r, i) => (r.Name, shapes[i], "latent")),
            .. observed.Select((o, k) => (observedRvs[k].Name, o.Value.Shape.ToArray(), "observed")),
            .. inputs.Select(i => (Name(i.Sym), i.Value.Shape.ToArray(), "inputs")),
        ];
        var data = Posterior.MakeData(Caller, variables,
            observed.Select((o, k) => (observedRvs[k].Name, o.Value)).ToArray(),
            inputs.Select(i => (Name(i.Sym), i.Value)).ToArray(), dims, coords,
            new SymbolicModel(latent, observed.Select(o => o.Rv).ToArray(), inputs.Select(i => i.Sym).ToArray(), fixedValues[..inputs.Length]));
        return new Posterior(Caller, slots, LogJoint, dtype, data);
    }

    /// <summary>The bijector of the variable's support, and a function of the constrained values for its arguments.</summary>
    private static LatentSlot Slot(RandomVariable rv, int[] shape, Tensor[] ps, bool nonCentered, Tensor[] latentValues, Tensor[] fixedSymbols, Tensor[] fixedValues)
    {
        Tensor P(string name) => ps[rv.ParameterNames.ToList().IndexOf(name)];
        (Bijector Bijector, Tensor[] Args, string[] Names) transform = rv.Distribution switch
        {
            _ when nonCentered && rv.Distribution == "multivariate_normal" =>
                (new NonCenteredBijector(StandardNormal, multivariate: true), [P("mean"), P("cov")], ["mean", "cov"]),
            _ when nonCentered => (new NonCenteredBijector(z => LogDensities.Of(rv, z, [0.0, 1.0]), multivariate: false), [P("loc"), P("scale")], ["loc", "scale"]),
            "half_normal" or "half_cauchy" when IsZero(P("loc")) => (BoundedBijector.Positive, [], []),
            "half_normal" or "half_cauchy" => (BoundedBijector.Lower, [P("loc")], ["loc"]),
            "exponential" or "gamma" => (BoundedBijector.Positive, [], []),
            "beta" => (BoundedBijector.Interval, [0.0, 1.0], ["0", "1"]),
            "uniform" => (BoundedBijector.Interval, [P("low"), P("high")], ["low", "high"]),
            "truncated_normal" => (BoundedBijector.Interval, [P("lower"), P("upper")], ["lower", "upper"]),
            "dirichlet" => (SimplexBijector.Instance, [], []),
            _ when LocationScale.Contains(rv.Distribution) || rv.Distribution == "multivariate_normal" => (IdentityBijector.Instance, [], []),
            _ => throw new NotSupportedException($"{Caller}: no unconstraining transform is known for the latent variable {rv}"),
        };
        var (b, args) = (transform.Bijector, transform.Args);
        string[] names = transform.Names.Select((n, k) => Describe(args[k], n)).ToArray();
        b.CheckShape(Caller, rv.Name, shape);
        int[] reads = Enumerable.Range(0, latentValues.Length).Where(j => args.Any(a => JointGraph.DependsOn(a, latentValues[j]))).ToArray();
        if (!args.Any(Sym.IsSymbolic)) return new LatentSlot(rv.Name, shape, b, names, reads, _ => args);
        int[] symbolic = Enumerable.Range(0, args.Length).Where(k => Sym.IsSymbolic(args[k])).ToArray();
        var f = new SymbolicFunction([.. fixedSymbols, .. reads.Select(j => latentValues[j])], symbolic.Select(k => args[k]).ToArray());
        return new LatentSlot(rv.Name, shape, b, names, reads, values =>
        {
            var outs = f.Call([.. fixedValues, .. reads.Select(j => values[j])]);
            var result = (Tensor[])args.Clone();
            for (int k = 0; k < symbolic.Length; k++) result[symbolic[k]] = outs[k];
            return result;
        });
    }

    private static bool IsZero(Tensor t) => !t.IsTraced && Ops.All(Ops.Equal(t, 0.0)).Item<bool>();

    private static Tensor StandardNormal(Tensor z) => -0.5 * Ops.Square(z) - 0.9189385332046727;

    /// <summary>A concrete scalar bound by its value, anything else by the parameter's name.</summary>
    private static string Describe(Tensor arg, string name) =>
        !arg.IsTraced && arg.Rank == 0 ? Ops.Astype(arg, DType.F64).Item<double>().ToString("G6", CultureInfo.InvariantCulture) : name;

    private static RandomVariable[] CheckLatent(Tensor[] latent)
    {
        var rvs = new RandomVariable[latent.Length];
        for (int i = 0; i < latent.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(latent[i], $"latent[{i}]");
            rvs[i] = RandomVariable.Of(latent[i]) ?? throw new ArgumentException(
                $"{Caller}: latent[{i}] ({JointGraph.Describe(latent[i])}) is not a random variable of a RandomStream", nameof(latent));
            if (!rvs[i].DType.IsFloat())
                throw new ArgumentException(
                    $"{Caller}: the latent variable {rvs[i]} is discrete ({rvs[i].DType.ShortName()}); gradient-based samplers need continuous " +
                    "variables: give it as observed, or sum it out in a Param log-density", nameof(latent));
        }
        return rvs;
    }

    private static RandomVariable[] CheckObserved((Tensor Rv, Tensor Value)[] observed, RandomVariable[] latent)
    {
        var rvs = new RandomVariable[observed.Length];
        for (int k = 0; k < observed.Length; k++)
        {
            var (rv, value) = observed[k];
            ArgumentNullException.ThrowIfNull(rv, $"observed[{k}].Rv");
            rvs[k] = RandomVariable.Of(rv) ?? throw new ArgumentException(
                $"{Caller}: observed[{k}] ({JointGraph.Describe(rv)}) is not a random variable of a RandomStream", nameof(observed));
            if (Array.IndexOf(latent, rvs[k]) >= 0)
                throw new ArgumentException($"{Caller}: {rvs[k]} is both latent and observed", nameof(observed));
            CheckValue(value, rv, $"observed '{rvs[k].Name}'", nameof(observed));
        }
        return rvs;
    }

    private static void CheckInputs((Tensor Sym, Tensor Value)[] inputs)
    {
        for (int k = 0; k < inputs.Length; k++)
        {
            var (sym, value) = inputs[k];
            ArgumentNullException.ThrowIfNull(sym, $"inputs[{k}].Sym");
            if (sym.Tracer is not SymTracer { Node: null, Name: not null })
                throw new ArgumentException($"{Caller}: inputs[{k}] ({sym.Aval}) is not a named symbolic input (make inputs with Sym.Matrix/Vector/Scalar/Tensor)", nameof(inputs));
            CheckValue(value, sym, $"input '{Name(sym)}'", nameof(inputs));
        }
    }

    private static void CheckValue(Tensor value, Tensor symbolic, string what, string argument)
    {
        if (value is null) throw new ArgumentNullException(argument, $"{Caller}: the value of the {what} is null");
        value.ThrowIfDisposed();
        if (value.IsTraced)
            throw new ArgumentException($"{Caller}: the value of the {what} must be a concrete tensor; got a traced or symbolic {value.Aval}", argument);
        if (value.Rank != symbolic.Rank)
            throw new ArgumentException($"{Caller}: the {what} has shape {symbolic.Shape} (rank {symbolic.Rank}); its value has shape {value.Shape}", argument);
        for (int d = 0; d < value.Rank; d++)
            if (symbolic.Shape[d].IsKnown && symbolic.Shape[d].Value != value.Shape[d].Value)
                throw new ArgumentException($"{Caller}: the {what} has shape {symbolic.Shape}; its value has shape {value.Shape} (axis {d} differs)", argument);
    }

    /// <summary>Every latent variable that <paramref name="reparam"/> non-centers.</summary>
    private static bool[] NonCentered(Reparam reparam, Tensor[] latent, RandomVariable[] rvs)
    {
        ArgumentNullException.ThrowIfNull(reparam);
        var result = new bool[latent.Length];
        bool Eligible(RandomVariable rv) => LocationScale.Contains(rv.Distribution) || rv.Distribution == "multivariate_normal";
        if (reparam.IsAuto)
        {
            for (int i = 0; i < latent.Length; i++)
            {
                if (!Eligible(rvs[i])) continue;
                var scale = rvs[i].Parameter(rvs[i].Distribution == "multivariate_normal" ? "cov" : "scale");
                result[i] = latent.Any(other => JointGraph.DependsOn(scale, other));
            }
            return result;
        }
        foreach (var t in reparam.Variables)
        {
            var rv = RandomVariable.Of(t) ?? throw new ArgumentException(
                $"Reparam.NonCentered: {JointGraph.Describe(t)} is not a random variable of a RandomStream", "reparam");
            int i = Array.IndexOf(rvs, rv);
            if (i < 0)
                throw new ArgumentException($"Reparam.NonCentered: {rv} is not among the latent variables ({string.Join(", ", rvs.Select(r => r.Name))})", "reparam");
            if (!Eligible(rv))
                throw new ArgumentException(
                    $"Reparam.NonCentered: {rv} is not a location–scale family; non-centering applies to normal, cauchy, laplace, logistic, gumbel and multivariate_normal", "reparam");
            result[i] = true;
        }
        return result;
    }

    /// <summary>Refuses a graph that reads a symbolic input not given, or a random variable neither latent nor observed.</summary>
    private static void CheckReads(Tensor t, HashSet<SymTracer> allowed, string what)
    {
        if (t.Tracer is not SymTracer start) return;
        var seen = new HashSet<SymTracer>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<SymTracer>();
        stack.Push(start);
        while (stack.Count > 0)
        {
            var s = stack.Pop();
            if (allowed.Contains(s) || !seen.Add(s)) continue;
            if (s.Node is null)
                throw new ArgumentException(
                    $"{Caller}: {what} reads the symbolic input '{s.Name}' {s.Aval}, which is not among the inputs; give its value: inputs: [({s.Name}, value)]", "inputs");
            if (s.Node.Primitive == Prims.RandomVariable)
                throw new ArgumentException(
                    $"{Caller}: {what} reads the random variable {((RandomVariableParams)s.Node.Params).Rv}, which is neither latent nor observed; " +
                    "list it in latent (to sample it) or in observed (with its value)", "latent");
            foreach (var input in s.Node.Inputs)
                if (input.Tracer is SymTracer next) stack.Push(next);
        }
    }

    private static string Name(Tensor sym) => ((SymTracer)sym.Tracer!).Name!;

    private static Tensor Convert(Tensor value, DType dtype) => value.DType == dtype ? value : Ops.Astype(value, dtype);
}
