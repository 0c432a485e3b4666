namespace Axle;

/// <summary>
/// Runs a random function as one compiled program when it is called eagerly, so that
/// <c>Rng.Normal(key, [1000])</c> outside any transform is one cached executable rather than a
/// few hundred one-op programs. Inside a trace (Jit, Vmap, Grad, a symbolic replay) the
/// function simply runs in that trace. The cache key holds every non-tensor argument.
/// </summary>
internal static class RngProgram
{
    private sealed record Owner(string Name, string Statics);

    public static Tensor[] Run(string name, string statics, Tensor[] args, Func<Tensor[], Tensor[]> f)
    {
        if (Trace.Current is not EagerTrace || args.Any(a => a.IsTraced)) return f(args);
        Aval[] avals = args.Select(a => a.Aval).ToArray();
        var key = new ExecutableCache.Key(new Owner(name, statics), Signature.Of(avals));
        var program = ExecutableCache.GetOrCompile(key, () => (Tracer.Trace(f, avals), "rng_" + name));
        return program.Run(args);
    }

    public static Tensor Run1(string name, string statics, Tensor[] args, Func<Tensor[], Tensor> f) =>
        Run(name, statics, args, xs => [f(xs)])[0];

    /// <summary>Canonical text of static arguments for the cache key.</summary>
    public static string Statics(params object?[] values) =>
        string.Join("|", values.Select(v => v switch
        {
            null => "null",
            int[] xs => "[" + string.Join(",", xs) + "]",
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => v.ToString(),
        }));
}
