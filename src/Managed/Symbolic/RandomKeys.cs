namespace Axle;

/// <summary>
/// Key-first programs: a symbolic function whose graph holds random variables takes ONE key,
/// <c>u32[2]</c>, before its inputs. Each random variable draws with <c>FoldIn(key, its creation
/// index in its RandomStream)</c> (which equals <c>Split(key, n)[index]</c>), derived inside the
/// program; no key is returned. A graph without random variables takes no key.
/// </summary>
internal sealed partial class SymbolicFunction
{
    private RandomVariable[] _random = [];

    /// <summary>True when the function takes a key first.</summary>
    public bool TakesKey => _random.Length > 0;

    private static RandomVariable[] RandomVariablesIn(SymNode[] order)
    {
        var rvs = order.Where(n => n.Primitive == Prims.RandomVariable).Select(n => ((RandomVariableParams)n.Params).Rv).ToArray();
        int streams = rvs.Select(r => r.Stream).Distinct().Count();
        if (streams > 1)
            throw new InvalidOperationException(
                $"Ax.Function: the outputs draw from {streams} different RandomStreams; each random variable's key is " +
                "FoldIn(key, its index in its stream), so variables of two streams could share a key: draw them all from one RandomStream");
        return rvs;
    }

    private Tensor[] CallWithKey(Tensor[] args)
    {
        if (args.Length != _inputs.Length + 1)
            throw new ArgumentException(
                $"{Name} draws random numbers, so it takes a key (u32[2]) first, then {_inputs.Length} argument(s) " +
                $"({string.Join(", ", _inputs.Select(s => s.Describe()))}); got {args.Length} argument(s)", nameof(args));
        var key = args[0] ?? throw new ArgumentNullException(nameof(args), $"the key (argument 0) of {Name} is null");
        key.ThrowIfDisposed();
        if (key.DType != DType.U32 || key.Rank != 1 || !key.Shape[0].IsKnown || key.Shape[0] != 2)
            throw new ArgumentException(
                $"{Name}: argument 0 must be a key, u32[2] (the function draws random numbers); got {key.Aval}" +
                (key.Rank == 2 ? "; map over a batch of keys with Ax.Vmap" : ""), nameof(args));
        var rest = Coerce(args[1..]);
        var sizes = BindSizes(rest);
        if (Trace.Current is not EagerTrace || args.Any(a => a.IsTraced)) return Replay(rest, sizes, key);
        Aval[] avals = [key.Aval.Strong(), .. rest.Select(a => a.Aval.Strong())];
        var cacheKey = new ExecutableCache.Key(this, Signature.Of(avals));
        var program = ExecutableCache.GetOrCompile(cacheKey, () => (Tracer.Trace(xs => Replay(xs[1..], sizes, xs[0]), avals), Name));
        return program.Run([key, .. rest]);
    }

    /// <summary>Draws a random variable's value with its own key, derived from the program's key.</summary>
    private static Tensor Draw(SymNode node, Tensor[] ins, Params p, Tensor key)
    {
        var (rv, size) = ((RandomVariableParams)p).Read();
        Aval want = node.Primitive.Infer(ins.Select(t => t.Aval).ToArray(), p)[0];
        var value = rv.Draw(Rng.FoldIn(key, rv.Index), ins, size);
        if (value.DType != want.DType || value.Shape != want.Shape)
            throw new InvalidOperationException($"random variable {rv}: drew {value.Aval} but the graph expects {want} (a sampler is wrong)");
        return value;
    }
}
