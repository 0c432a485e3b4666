using System.Reflection;
using System.Runtime.CompilerServices;

namespace Axle;

/// <summary>
/// The structure of a pytree with its tensors taken out: what <see cref="Pytree.Flatten"/>
/// returns beside the leaves, and what rebuilds a value of the same structure from new leaves.
/// Equal structures compare equal (part of jit cache keys).
/// </summary>
internal sealed class TreeDef : IEquatable<TreeDef>
{
    private readonly Type _type;
    private readonly TreeDef[] _children;
    private readonly string _text;

    private TreeDef(Type type, TreeDef[] children, string label)
    {
        _type = type;
        _children = children;
        _text = children.Length == 0 ? label : $"{label}({string.Join(", ", children.Select(c => c._text))})";
        LeafCount = type == typeof(Tensor) ? 1 : children.Sum(c => c.LeafCount);
    }

    public int LeafCount { get; }

    public static TreeDef Leaf { get; } = new(typeof(Tensor), [], "*");

    public static TreeDef Node(Type type, TreeDef[] children) => new(type, children, Label(type));

    /// <summary>Rebuilds a value of this structure from <paramref name="leaves"/> (consumed in order).</summary>
    public object Unflatten(IReadOnlyList<Tensor> leaves)
    {
        if (leaves.Count != LeafCount)
            throw new ArgumentException($"the structure {_text} has {LeafCount} tensor(s); got {leaves.Count}", nameof(leaves));
        int next = 0;
        return Build(leaves, ref next);
    }

    private object Build(IReadOnlyList<Tensor> leaves, ref int next)
    {
        if (_type == typeof(Tensor)) return leaves[next++];
        var parts = new object?[_children.Length];
        for (int i = 0; i < parts.Length; i++) parts[i] = _children[i].Build(leaves, ref next);
        if (_type.IsArray)
        {
            var array = Array.CreateInstance(_type.GetElementType()!, parts.Length);
            for (int i = 0; i < parts.Length; i++) array.SetValue(parts[i], i);
            return array;
        }
        if (typeof(ITuple).IsAssignableFrom(_type) && _type.IsValueType)
            return Activator.CreateInstance(_type, parts)!;
        return BuildObject(parts);
    }

    private object BuildObject(object?[] parts)
    {
        PropertyInfo[] props = Pytree.TreeProperties(_type);
        // Records and immutable classes: a constructor whose parameters name the properties.
        foreach (var ctor in _type.GetConstructors())
        {
            var ps = ctor.GetParameters();
            if (ps.Length != props.Length) continue;
            var args = new object?[ps.Length];
            bool ok = true;
            for (int i = 0; i < ps.Length && ok; i++)
            {
                int k = Array.FindIndex(props, p => string.Equals(p.Name, ps[i].Name, StringComparison.OrdinalIgnoreCase));
                if (k < 0 || !ps[i].ParameterType.IsAssignableFrom(props[k].PropertyType)) ok = false;
                else args[i] = parts[k];
            }
            if (ok) return ctor.Invoke(args);
        }
        var obj = Activator.CreateInstance(_type)
            ?? throw new InvalidOperationException($"cannot rebuild {_type}: no matching constructor");
        for (int i = 0; i < props.Length; i++)
        {
            if (!props[i].CanWrite) throw new InvalidOperationException($"cannot rebuild {_type}: property {props[i].Name} has no setter and no constructor takes it");
            props[i].SetValue(obj, parts[i]);
        }
        return obj;
    }

    public bool Equals(TreeDef? other) => other is not null && _type == other._type && _text == other._text;

    public override bool Equals(object? obj) => Equals(obj as TreeDef);

    public override int GetHashCode() => HashCode.Combine(_type, _text);

    public override string ToString() => _text;

    private static string Label(Type t) => t.IsArray ? "[]" : t.Name;
}
