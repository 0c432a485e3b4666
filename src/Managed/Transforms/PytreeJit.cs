using System.Collections.Concurrent;

namespace Axle;

/// <summary>Jit over pytrees: flattens arguments, jits the flat function per input structure, unflattens results.</summary>
internal static class PytreeJit
{
    public static Func<TIn, TOut> Wrap<TIn, TOut>(Func<TIn, TOut> f)
    {
        // One flat jitted function per input structure; each remembers its output structure.
        var byStructure = new ConcurrentDictionary<TreeDef, (Func<Tensor[], Tensor[]> Flat, Box<TreeDef> Out)>();
        return input =>
        {
            var (leaves, def) = Pytree.Flatten(input);
            // Looked up first: the factory is a fresh closure, which a hit should not pay for.
            if (!byStructure.TryGetValue(def, out var entry))
                entry = byStructure.GetOrAdd(def, d => ForStructure(f, d));
            Tensor[] results = entry.Flat(leaves);
            var outTree = entry.Out.Value ?? throw new InvalidOperationException("the output structure is unknown (a bug)");
            return (TOut)outTree.Unflatten(results);
        };
    }

    private static (Func<Tensor[], Tensor[]> Flat, Box<TreeDef> Out) ForStructure<TIn, TOut>(Func<TIn, TOut> f, TreeDef def)
    {
        var outDef = new Box<TreeDef>();
        Func<Tensor[], Tensor[]> flat = xs =>
        {
            var (outs, od) = Pytree.Flatten(f((TIn)def.Unflatten(xs)));
            outDef.Value = od;
            return outs;
        };
        var jit = new JitFunction(flat, null);
        return (jit.Call, outDef);
    }

    private sealed class Box<T> where T : class
    {
        public T? Value { get; set; }
    }
}
