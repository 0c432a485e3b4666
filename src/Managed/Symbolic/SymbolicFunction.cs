namespace Axle;

/// <summary>
/// The function <c>Ax.Function</c> builds from a symbolic graph. Building checks that the graph
/// can be compiled (every leaf it reads is an input; every symbolic size in a node's params is
/// determined by some input's shape) and fixes the replay order. A call binds the symbolic
/// dimensions from the arguments' shapes (checking that arguments agree), then either runs the
/// program compiled for that signature (cached in <see cref="ExecutableCache"/>, owned by this
/// function) or, inside another trace, replays the nodes there (inlining).
/// </summary>
internal sealed partial class SymbolicFunction
{
    private readonly SymTracer[] _inputs;
    private readonly Tensor[] _outputs;
    private readonly SymNode[] _order;

    public SymbolicFunction(Tensor[] inputs, Tensor[] outputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        _inputs = new SymTracer[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(inputs[i], $"{nameof(inputs)}[{i}]");
            _inputs[i] = inputs[i].Tracer as SymTracer ?? throw new ArgumentException(
                $"Ax.Function: input {i} is not a symbolic tensor (make inputs with Sym.Scalar/Vector/Matrix/Tensor); got {inputs[i].Aval}", nameof(inputs));
            if (Array.IndexOf(_inputs, _inputs[i], 0, i) >= 0)
                throw new ArgumentException($"Ax.Function: input {i} ({_inputs[i].Describe()}) is listed twice", nameof(inputs));
        }
        for (int i = 0; i < outputs.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(outputs[i], $"{nameof(outputs)}[{i}]");
            if (outputs[i].IsTraced && outputs[i].Tracer is not SymTracer)
                throw new ArgumentException($"Ax.Function: output {i} is a traced tensor {outputs[i].Aval} of Jit/Grad/Vmap, not part of a symbolic graph", nameof(outputs));
        }
        _outputs = [.. outputs];
        _order = Order();
        CheckSizesDetermined();
        _random = RandomVariablesIn(_order);
        Name = "function_" + ProgramCompiler.SafeName(string.Join("_", _inputs.Select(s => s.Name ?? "v")));
    }

    /// <summary>The module name of the compiled specializations.</summary>
    public string Name { get; }

    public int Arity => _inputs.Length;

    public Tensor[] Call(Tensor[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        // A graph that draws random numbers takes one key first (Symbolic/RandomKeys.cs).
        if (_random.Length > 0) return CallWithKey(args);
        if (args.Length != _inputs.Length)
            throw new ArgumentException(
                $"{Name} takes {_inputs.Length} argument(s) ({string.Join(", ", _inputs.Select(s => s.Describe()))}); got {args.Length}", nameof(args));
        args = Coerce(args);
        var sizes = BindSizes(args);
        if (Trace.Current is not EagerTrace || args.Any(a => a.IsTraced)) return Replay(args, sizes);
        Aval[] avals = args.Select(a => a.Aval.Strong()).ToArray();
        var key = new ExecutableCache.Key(this, Signature.Of(avals));
        var program = ExecutableCache.GetOrCompile(key, () => (Tracer.Trace(xs => Replay(xs, sizes), avals), Name));
        return program.Run(args);
    }

    /// <summary>Checks each argument against its input (rank, known sizes, dtype); weak scalars take the input's dtype.</summary>
    private Tensor[] Coerce(Tensor[] args)
    {
        var result = new Tensor[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            var (arg, input) = (args[i], _inputs[i]);
            if (arg is null) throw new ArgumentNullException(nameof(args), $"argument {i} ({input.Describe()}) of {Name} is null");
            arg.ThrowIfDisposed();
            if (arg.Rank != input.Aval.Rank)
                throw new ArgumentException(
                    $"{Name}: argument {i} ({input.Describe()}) must have rank {input.Aval.Rank}, shape {input.Aval.Shape}; got shape {arg.Shape}", nameof(args));
            if (arg.DType != input.Aval.DType)
            {
                if (!arg.IsWeak && !ValueVariables.AcceptsAnyRealDType(input))
                    throw new ArgumentException(
                        $"{Name}: argument {i} ({input.Describe()}) must be {input.Aval.DType.ShortName()}; got {arg.DType.ShortName()}", nameof(args));
                arg = Ops.ConvertElementType(arg, input.Aval.DType, weak: false);
            }
            result[i] = arg;
        }
        return result;
    }

    /// <summary>Each symbol's size, read from the arguments' shapes; arguments must agree.</summary>
    private Dictionary<string, int> BindSizes(Tensor[] args)
    {
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        var from = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            Shape want = _inputs[i].Aval.Shape, got = args[i].Shape;
            for (int k = 0; k < want.Rank; k++)
            {
                Dim d = want[k];
                int size = got[k];
                if (d.IsKnown)
                {
                    if (d.Value != size)
                        throw new ArgumentException(
                            $"{Name}: argument {i} ({_inputs[i].Describe()}) must have shape {want}; got {got} (dimension {k} differs)", nameof(args));
                }
                else if (sizes.TryGetValue(d.Symbol!, out int seen))
                {
                    if (seen != size)
                    {
                        int j = from[d.Symbol!];
                        throw new ArgumentException(
                            $"{Name}: the arguments disagree on the symbolic dimension '{d.Symbol}': it is {seen} in argument {j} " +
                            $"({_inputs[j].Describe()}, shape {args[j].Shape}) and {size} in argument {i} ({_inputs[i].Describe()}, shape {got})",
                            nameof(args));
                    }
                }
                else
                {
                    sizes[d.Symbol!] = size;
                    from[d.Symbol!] = i;
                }
            }
        }
        return sizes;
    }

    /// <summary>Binds every node's primitive in the current context, with the symbolic sizes resolved.</summary>
    private Tensor[] Replay(Tensor[] args, IReadOnlyDictionary<string, int> sizes, Tensor? key = null)
    {
        var env = new Dictionary<SymTracer, Tensor>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < _inputs.Length; i++) env[_inputs[i]] = args[i];
        Tensor Read(Tensor t) => t.Tracer is SymTracer s ? env[s] : t;
        foreach (var node in _order)
        {
            Tensor[] ins = node.Inputs.Select(Read).ToArray();
            Params p = SymbolicSizes.Resolve(node.Params, sizes);
            Tensor[] outs = node.Primitive == Prims.RandomVariable ? [Draw(node, ins, p, key!)] : node.Primitive.Bind(ins, p);
            for (int k = 0; k < outs.Length; k++) env.TryAdd(node.Outputs[k], outs[k]);
        }
        return _outputs.Select(Read).ToArray();
    }

    /// <summary>
    /// The nodes the outputs need, inputs first (an iterative post-order walk, so deep graphs do
    /// not overflow the stack); the walk stops at the function's inputs.
    /// </summary>
    private SymNode[] Order()
    {
        var given = new HashSet<SymTracer>(_inputs, ReferenceEqualityComparer.Instance);
        var done = new HashSet<SymNode>(ReferenceEqualityComparer.Instance);
        var order = new List<SymNode>();
        var stack = new Stack<(SymNode Node, bool Expanded)>();
        void Need(Tensor t)
        {
            if (t.Tracer is not SymTracer s || given.Contains(s)) return;
            if (s.Node is null)
                throw new InvalidOperationException(
                    $"Ax.Function: the outputs depend on the symbolic input '{s.Name}' {s.Aval}, which is not among the inputs; add it to the inputs");
            if (!done.Contains(s.Node)) stack.Push((s.Node, false));
        }
        foreach (var t in _outputs) Need(t);
        while (stack.Count > 0)
        {
            var (node, expanded) = stack.Pop();
            if (done.Contains(node)) continue;
            if (expanded)
            {
                done.Add(node);
                order.Add(node);
                continue;
            }
            stack.Push((node, true));
            foreach (var t in node.Inputs) Need(t);
        }
        return [.. order];
    }

    private void CheckSizesDetermined()
    {
        var bound = _inputs.SelectMany(s => s.Aval.Shape).Where(d => !d.IsKnown).Select(d => d.Symbol!).ToHashSet(StringComparer.Ordinal);
        foreach (var node in _order)
            foreach (var sizes in node.Params.Select(kv => kv.Value).OfType<SymbolicSizes>())
                foreach (string symbol in sizes.Symbols)
                    if (!bound.Contains(symbol))
                        throw new InvalidOperationException(
                            $"Ax.Function: {node.Primitive.Name} uses the symbolic dimension '{symbol}', which no input's shape determines; " +
                            "add an input that has this dimension");
    }
}
