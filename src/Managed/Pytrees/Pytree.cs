using System.Reflection;
using System.Runtime.CompilerServices;

namespace Axle;

/// <summary>
/// Pytrees: a <see cref="Tensor"/>, a value tuple or array of pytrees, or an object whose public
/// readable properties of pytree type are its children (records, classes). Flattening lists the
/// tensors in a fixed order (tuple items, array elements, properties by declaration order).
/// </summary>
internal static class Pytree
{
    public static (Tensor[] Leaves, TreeDef Def) Flatten(object? tree)
    {
        var leaves = new List<Tensor>();
        var def = Walk(tree, leaves, "tree");
        return ([.. leaves], def);
    }

    private static TreeDef Walk(object? node, List<Tensor> leaves, string path)
    {
        switch (node)
        {
            case null:
                throw new ArgumentNullException(path, $"pytree node {path} is null");
            case Tensor t:
                leaves.Add(t);
                return TreeDef.Leaf;
            case Array a:
                if (a.Rank != 1) throw new ArgumentException($"pytree node {path}: only one-dimensional arrays are pytrees", path);
                return TreeDef.Node(a.GetType(), Enumerable.Range(0, a.Length).Select(i => Walk(a.GetValue(i), leaves, $"{path}[{i}]")).ToArray());
            case ITuple tuple when node.GetType().IsValueType:
                return TreeDef.Node(node.GetType(), Enumerable.Range(0, tuple.Length).Select(i => Walk(tuple[i], leaves, $"{path}.Item{i + 1}")).ToArray());
        }
        var type = node.GetType();
        var props = TreeProperties(type);
        if (props.Length == 0)
            throw new ArgumentException($"pytree node {path} of type {type.Name} holds no tensors (supported: Tensor, value tuples, arrays, objects with Tensor properties)", path);
        return TreeDef.Node(type, props.Select(p => Walk(p.GetValue(node), leaves, $"{path}.{p.Name}")).ToArray());
    }

    /// <summary>The public instance properties of <paramref name="type"/> that are pytrees, in declaration order.</summary>
    public static PropertyInfo[] TreeProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead && IsTreeType(p.PropertyType))
            .OrderBy(p => p.MetadataToken)
            .ToArray();

    private static bool IsTreeType(Type t) =>
        t == typeof(Tensor)
        || (t.IsArray && IsTreeType(t.GetElementType()!))
        || (t.IsValueType && typeof(ITuple).IsAssignableFrom(t) && t.GetGenericArguments().All(IsTreeType))
        || (t.IsClass && t != typeof(string) && TreePropertiesNonEmpty(t));

    private static bool TreePropertiesNonEmpty(Type t) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => p.PropertyType == typeof(Tensor));
}
