namespace Axle;

/// <summary>
/// A posterior ready for a sampler: its latent variables (names, concrete shapes, supports) packed into
/// ONE flat unconstrained vector of <see cref="Dim"/> values, one bijector per variable, and the
/// log-density of that vector with every log-Jacobian added. Made by <c>Ppl.Posterior</c> from a
/// <see cref="RandomStream"/> model or from a log-density function over <see cref="Param"/>s.
/// </summary>
/// <remarks>
/// The flat vector holds the variables in declaration order (<see cref="PosteriorVariable.Offset"/>);
/// bounds that read other variables are computed from those variables' constrained values, so a
/// variable is constrained after the ones it reads, whatever the declaration order.
/// </remarks>
public sealed partial class Posterior
{
    private readonly LatentSlot[] _slots;
    private readonly int[] _order;
    private readonly Func<Tensor[], Tensor> _logJoint;
    private readonly string _caller;
    private readonly Func<Tensor[], Tensor[]> _constrainOne, _constrainMany, _unconstrainOne, _unconstrainMany;

    internal Posterior(string caller, LatentSlot[] slots, Func<Tensor[], Tensor> logJoint, DType dtype, PosteriorData data)
    {
        _caller = caller;
        _slots = slots;
        _logJoint = logJoint;
        DType = dtype;
        Data = data;
        int offset = 0;
        foreach (var s in slots)
        {
            s.Offset = offset;
            offset += s.Length;
        }
        Dim = offset;
        _order = ConstrainOrder(slots);
        Variables = slots.Select(s => new PosteriorVariable(s.Name, new Shape(s.Shape), s.Bijector.Support,
            s.Bijector.Describe(s.ArgumentNames), s.Offset, s.Length)).ToArray();
        LogDensity = Ax.Jit((Func<Tensor, Tensor>)LogDensityOf);
        Func<Tensor[], Tensor[]> constrain = xs => ConstrainAll(xs[0]).Values;
        Func<Tensor[], Tensor[]> unconstrain = xs => [UnconstrainAll(xs)];
        (_constrainOne, _constrainMany) = (Ax.Jit(constrain), Ax.Jit(Ax.Vmap(constrain)));
        (_unconstrainOne, _unconstrainMany) = (Ax.Jit(unconstrain), Ax.Jit(Ax.Vmap(unconstrain)));
        // Trace the log-density once now, so a wrong bound, shape or log-density function fails
        // here, naming its variable, not inside the sampler.
        Tracer.Trace(xs => [LogDensityOf(xs[0])], [new Aval(dtype, new Shape(Dim))]);
    }

    /// <summary>The length of the flat unconstrained vector.</summary>
    public int Dim { get; }

    /// <summary>The float dtype of the flat vector, the constrained values and the log-density.</summary>
    public DType DType { get; }

    /// <summary>The latent variables in declaration order: name, constrained shape, support, transform, slice of the flat vector.</summary>
    public IReadOnlyList<PosteriorVariable> Variables { get; }

    /// <summary>
    /// The log-density of a flat unconstrained vector <c>(Dim)</c>: the model's joint log-density at the
    /// constrained values plus Σ log-Jacobian, a scalar; -inf where the model's density is 0 or NaN
    /// (outside a support). A jitted function: traceable by <c>Ax.Grad</c>, <c>Ax.Vmap</c>,
    /// <c>Ax.Jit</c> and control flow (it inlines there), one compiled program when called directly.
    /// </summary>
    public Func<Tensor, Tensor> LogDensity { get; }

    internal PosteriorData Data { get; }

    /// <summary>
    /// The constrained value of every variable for flat vectors with any leading batch axes:
    /// <c>(..., Dim)</c> → each <c>(..., shape)</c>, e.g. (chains, draws, Dim) → (chains, draws, shape…).
    /// One compiled program (vmapped over the flattened batch).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="flat"/>'s last axis is not <see cref="Dim"/>, or its dtype is not <see cref="DType"/>.</exception>
    public ParamValues Constrain(Tensor flat)
    {
        CheckFlat(flat, nameof(flat), "Constrain", anyBatch: true);
        int[] lead = flat.Shape.ToArray()[..^1];
        Tensor[] values;
        if (lead.Length == 0) values = _constrainOne([flat]);
        else
        {
            var batched = _constrainMany([Ops.Reshape(flat, Product(lead), Dim)]);
            values = batched.Select((v, i) => Ops.Reshape(v, [.. lead, .. _slots[i].Shape])).ToArray();
        }
        return new ParamValues(Names, values, "Posterior.Constrain");
    }

    /// <summary>
    /// The flat unconstrained vector of constrained values given by name (every variable, nothing else),
    /// with any leading batch axes shared by all: each <c>(..., shape)</c> → <c>(..., Dim)</c>.
    /// Values outside a support give NaN or ±inf there.
    /// </summary>
    /// <exception cref="ArgumentException">A variable is missing or unknown, or its shape or dtype is wrong (the message names it).</exception>
    public Tensor Unconstrain(IReadOnlyDictionary<string, Tensor> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (string key in values.Keys)
            if (!_slots.Any(s => s.Name == key))
                throw new ArgumentException($"Posterior.Unconstrain: '{key}' is not a latent variable; they are {string.Join(", ", Names)}", nameof(values));
        return Unconstrain(_slots.Select(s => values.TryGetValue(s.Name, out var v) ? v
            : throw new ArgumentException($"Posterior.Unconstrain: no value for the latent variable '{s.Name}'", nameof(values))).ToArray());
    }

    /// <summary>As <see cref="Unconstrain(IReadOnlyDictionary{string, Tensor})"/>, the values in the order of <see cref="Variables"/>.</summary>
    /// <exception cref="ArgumentException">Wrong count, shape or dtype (the message names the variable).</exception>
    public Tensor Unconstrain(params Tensor[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != _slots.Length)
            throw new ArgumentException($"Posterior.Unconstrain: give {_slots.Length} value(s) ({string.Join(", ", Names)}); got {values.Length}", nameof(values));
        int[]? lead = null;
        for (int i = 0; i < values.Length; i++)
        {
            var (v, s) = (values[i], _slots[i]);
            ArgumentNullException.ThrowIfNull(v, $"{nameof(values)}[{i}]");
            int[] shape = v.Shape.ToArray();
            int batch = shape.Length - s.Shape.Length;
            if (batch < 0 || !shape[batch..].SequenceEqual(s.Shape) || (lead is not null && !shape[..batch].SequenceEqual(lead)))
                throw new ArgumentException(
                    $"Posterior.Unconstrain: '{s.Name}' must have shape (..., {string.Join(", ", s.Shape)}) with the same leading axes as the others; got {v.Shape}", nameof(values));
            if (!v.DType.IsFloat())
                throw new ArgumentException($"Posterior.Unconstrain: '{s.Name}' must be a float tensor; got {v.DType.ShortName()}", nameof(values));
            lead ??= shape[..batch];
        }
        var xs = values.Select(v => v.DType == DType ? v : Ops.Astype(v, DType)).ToArray();
        if (lead!.Length == 0) return _unconstrainOne(xs)[0];
        int n = Product(lead);
        var flat = _unconstrainMany(xs.Select((v, i) => Ops.Reshape(v, [n, .. _slots[i].Shape])).ToArray())[0];
        return Ops.Reshape(flat, [.. lead, Dim]);
    }

    /// <summary>Stan's initial points: <c>(chains, Dim)</c> uniform on (-2, 2) in the unconstrained space, from <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chains"/> is less than 1.</exception>
    public Tensor InitialPoints(int chains, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chains, 1);
        return Rng.Uniform(Rng.Key(seed), [chains, Dim], DType, -2.0, 2.0);
    }

    private string[] Names => _slots.Select(s => s.Name).ToArray();

    private Tensor LogDensityOf(Tensor flat)
    {
        CheckFlat(flat, nameof(flat), "LogDensity", anyBatch: false);
        var (values, logJacobian) = ConstrainAll(flat);
        Tensor lp = _logJoint(values);
        if (lp.Rank != 0 || !lp.DType.IsFloat())
            throw new InvalidOperationException($"{_caller}: the log-density must be a float scalar; got {lp.Aval.Strong()} (sum its terms)");
        Tensor total = (lp.DType == DType ? lp : Ops.Astype(lp, DType)) + logJacobian;
        return Ops.Where(Ops.IsNan(total), double.NegativeInfinity, total);
    }

    /// <summary>Every variable's constrained value (declaration order) and Σ log-Jacobian, for one flat vector.</summary>
    private (Tensor[] Values, Tensor LogJacobian) ConstrainAll(Tensor flat)
    {
        var values = new Tensor[_slots.Length];
        Tensor logJacobian = Ops.Zeros(Array.Empty<int>(), DType);
        foreach (int i in _order)
        {
            var s = _slots[i];
            Tensor u = flat[s.Offset..(s.Offset + s.Length)];
            var (x, jac) = s.Bijector.Forward(u, s.Shape, ArgsOf(s, values));
            values[i] = CheckValue(s, x);
            logJacobian = logJacobian + (jac.DType == DType ? jac : Ops.Astype(jac, DType));
        }
        return (values, logJacobian);
    }

    /// <summary>The flat vector of constrained values given in declaration order (one draw).</summary>
    private Tensor UnconstrainAll(Tensor[] values)
    {
        if (_slots.Length == 0) return Ops.Zeros([0], DType);
        var parts = new Tensor[_slots.Length];
        for (int i = 0; i < _slots.Length; i++)
        {
            var s = _slots[i];
            var u = s.Bijector.Inverse(values[i], s.Shape, ArgsOf(s, values));
            parts[i] = u.DType == DType ? u : Ops.Astype(u, DType);
        }
        return Ops.Concatenate(parts, 0);
    }

    /// <summary>
    /// The slot's bijector arguments; C# numbers (weak F32 scalars) become <see cref="DType"/>, so that
    /// log(upper - lower) of an f64 posterior is computed in f64.
    /// </summary>
    private Tensor[] ArgsOf(LatentSlot s, Tensor[] values) =>
        s.Args(values).Select(a => a.IsWeak ? Ops.ConvertElementType(a, DType, weak: false) : a).ToArray();

    private Tensor CheckValue(LatentSlot s, Tensor x)
    {
        if (x.Shape != new Shape(s.Shape))
            throw new InvalidOperationException(
                $"{_caller}: the {s.Bijector.Support} variable '{s.Name}' must have shape ({string.Join(", ", s.Shape)}), " +
                $"but its bounds (or loc and scale) make it {x.Shape}: give bounds that broadcast to its shape");
        return x.DType == DType ? x : Ops.Astype(x, DType);
    }

    private void CheckFlat(Tensor flat, string argument, string method, bool anyBatch)
    {
        ArgumentNullException.ThrowIfNull(flat, argument);
        if (flat.Rank < 1 || (!anyBatch && flat.Rank != 1) || !flat.Shape[^1].IsKnown || flat.Shape[^1].Value != Dim)
            throw new ArgumentException(
                $"Posterior.{method}: the flat unconstrained vector must have shape {(anyBatch ? "(..., " : "(")}{Dim}) " +
                $"({string.Join(", ", Variables.Select(v => $"{v.Name} [{v.Offset}, {v.Offset + v.Length})"))}); got {flat.Shape}", argument);
        if (flat.DType != DType)
            throw new ArgumentException($"Posterior.{method}: the flat vector must be {DType.ShortName()} (the posterior's dtype); got {flat.DType.ShortName()}", argument);
    }

    private static int Product(int[] dims) => dims.Aggregate(1, (a, d) => a * d);

    /// <summary>Each slot after the slots it reads (depth first, declaration order otherwise).</summary>
    private static int[] ConstrainOrder(LatentSlot[] slots)
    {
        var order = new List<int>();
        var state = new int[slots.Length]; // 0 new, 1 in progress, 2 done
        void Visit(int i)
        {
            if (state[i] == 2) return;
            if (state[i] == 1)
                throw new InvalidOperationException($"Ppl.Posterior: the bounds of '{slots[i].Name}' depend on themselves through other variables");
            state[i] = 1;
            foreach (int r in slots[i].Reads) Visit(r);
            state[i] = 2;
            order.Add(i);
        }
        for (int i = 0; i < slots.Length; i++) Visit(i);
        return [.. order];
    }
}
