using System.Reflection;

namespace Axle;

/// <summary>
/// Views any supported C# delegate as <c>Tensor[] → Tensor[]</c>: <c>Func</c>s of Tensors
/// (any arity) returning a Tensor or Tensor[], and <c>Tensor[]</c>-taking delegates (variadic).
/// </summary>
internal sealed class FunctionAdapter
{
    /// <summary>Names given to delegates that have a better one than their method's (Ax.Function's: its inputs' names).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Delegate, string> Names = new();

    /// <summary>Names <paramref name="f"/> for module names (<c>jit_&lt;name&gt;</c> in lowered text).</summary>
    public static void SetName(Delegate f, string name) => Names.AddOrUpdate(f, name);

    private FunctionAdapter(Func<Tensor[], Tensor[]> call, int? arity, string name)
    {
        Call = call;
        Arity = arity;
        Name = name;
    }

    public Func<Tensor[], Tensor[]> Call { get; }

    /// <summary>The number of tensor arguments, or null when the delegate takes a Tensor[].</summary>
    public int? Arity { get; }

    /// <summary>The method's name, for module names and dumps.</summary>
    public string Name { get; }

    public static FunctionAdapter Of(Delegate f)
    {
        ArgumentNullException.ThrowIfNull(f);
        string name = Names.TryGetValue(f, out var given) ? given : f.Method.Name;
        switch (f)
        {
            case Func<Tensor, Tensor> f1: return new(a => [f1(a[0])], 1, name);
            case Func<Tensor, Tensor, Tensor> f2: return new(a => [f2(a[0], a[1])], 2, name);
            case Func<Tensor, Tensor, Tensor, Tensor> f3: return new(a => [f3(a[0], a[1], a[2])], 3, name);
            case Func<Tensor, Tensor, Tensor, Tensor, Tensor> f4: return new(a => [f4(a[0], a[1], a[2], a[3])], 4, name);
            case Func<Tensor[], Tensor[]> fa: return new(fa, null, name);
            case Func<Tensor[], Tensor> fs: return new(a => [fs(a)], null, name);
            case TensorFunction tf: return new(a => [tf(a)], null, name);
            case TensorArrayFunction tfs: return new(a => tfs(a), null, name);
        }
        ParameterInfo[] ps = f.Method.GetParameters();
        Type ret = f.Method.ReturnType;
        if (ret != typeof(Tensor) && ret != typeof(Tensor[]))
            throw new ArgumentException($"a traced function must return Tensor or Tensor[]; {f.GetType()} returns {ret}", nameof(f));
        if (ps.Length == 1 && ps[0].ParameterType == typeof(Tensor[]))
            return new(a => Outputs(f.DynamicInvoke([a])), null, name);
        if (ps.Any(p => p.ParameterType != typeof(Tensor)))
            throw new ArgumentException($"a traced function must take Tensors or one Tensor[]; {f.GetType()} does not", nameof(f));
        return new(a => Outputs(f.DynamicInvoke(a.Cast<object?>().ToArray())), ps.Length, name);
    }

    private static Tensor[] Outputs(object? result) => result switch
    {
        Tensor t => [t],
        Tensor[] ts => ts,
        _ => throw new InvalidOperationException("the traced function returned null"),
    };
}
