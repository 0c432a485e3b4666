namespace Axle;

/// <summary>
/// Reverse-mode gradients of scalar functions (the engine behind <c>Ax.Grad</c> and
/// <c>Ax.ValueAndGrad</c>): linearize at the arguments, pull back a cotangent of one.
/// </summary>
internal sealed class GradFunction
{
    private readonly FunctionAdapter _f;
    private readonly string[] _names;
    private readonly int[] _argnums;
    private readonly bool _hasAux;

    public GradFunction(Delegate f, int[] argnums, bool hasAux)
    {
        _f = FunctionAdapter.Of(f);
        _names = f.Method.GetParameters().Select(p => p.Name ?? "").ToArray();
        if (argnums.Length == 0) throw new ArgumentException("argnums must name at least one argument", nameof(argnums));
        foreach (int i in argnums)
            if (i < 0 || (_f.Arity is int n && i >= n))
                throw new ArgumentOutOfRangeException(nameof(argnums), $"argument number {i} is out of range for a function of {_f.Arity} argument(s)");
        if (argnums.Distinct().Count() != argnums.Length)
            throw new ArgumentException($"argnums [{string.Join(", ", argnums)}] repeats an argument", nameof(argnums));
        _argnums = argnums;
        _hasAux = hasAux;
    }

    /// <summary>The value (and aux outputs) of the function and its gradients with respect to the argnums arguments, in argnums order.</summary>
    public (Tensor Value, Tensor[] Grads, Tensor[] Aux) Call(Tensor[] args, bool withValue)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (_f.Arity is int n && args.Length != n)
            throw new ArgumentException($"grad: the function takes {n} argument(s); got {args.Length}", nameof(args));
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is null) throw new ArgumentNullException(nameof(args), $"argument {i} is null");
            args[i].ThrowIfDisposed();
        }
        foreach (int i in _argnums)
        {
            if (i >= args.Length) throw new ArgumentException($"grad: argnums names argument {i} but only {args.Length} were given", nameof(args));
            if (!args[i].DType.IsFloat())
                throw new ArgumentException(
                    $"grad: argument {i}{ParamName(i)} has dtype {args[i].DType.ShortName()}; only floating-point inputs have gradients "
                    + "(integer and bool inputs get none, like JAX's float0 rule): leave it out of argnums or convert it to a float", ArgName(i));
        }
        var wrt = new bool[args.Length];
        foreach (int i in _argnums) wrt[i] = true;
        var lin = Linearized.Of(_f.Call, args, wrt, withOutputs: withValue || _hasAux, CheckOutputs);
        var seeds = new Tensor?[lin.OutputAvals.Length];
        var outAval = lin.OutputAvals[0];
        seeds[0] = Ops.Ones(outAval.Shape.ToArray(), outAval.DType);
        Tensor[] cts = lin.Pullback(seeds);
        // Pullback returns cotangents in argument order; argnums may list them in another.
        var sorted = _argnums.Order().ToArray();
        var grads = _argnums.Select(i => cts[Array.IndexOf(sorted, i)]).ToArray();
        Tensor value = withValue || _hasAux ? lin.Outputs[0] : null!;
        return (value, grads, _hasAux ? lin.Outputs[1..] : []);
    }

    private void CheckOutputs(Aval[] outs)
    {
        if (outs.Length == 0) throw new ArgumentException("grad: the function returned no outputs", "f");
        if (!_hasAux && outs.Length != 1)
            throw new ArgumentException($"grad: the function returns {outs.Length} outputs; Grad needs one scalar (use hasAux for extra outputs)", "f");
        if (outs[0].Rank != 0)
            throw new ArgumentException($"Grad needs a scalar output; got shape {outs[0].Shape}", "f");
        if (!outs[0].DType.IsFloat())
            throw new ArgumentException($"Grad needs a floating-point output; got {outs[0].DType.ShortName()}", "f");
    }

    private string ParamName(int i) => i < _names.Length && _names[i].Length > 0 && _f.Arity is not null ? $" ('{_names[i]}')" : "";

    private string ArgName(int i) => i < _names.Length && _names[i].Length > 0 && _f.Arity is not null ? _names[i] : $"args[{i}]";
}
