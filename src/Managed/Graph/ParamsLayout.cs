using System.Collections.Concurrent;
using System.Reflection;
using System.Text;

namespace Axle;

/// <summary>
/// What a typed <see cref="Params"/> record looks like, found once per type by reflection: its
/// primary constructor and, in that constructor's order, each parameter's property and
/// snake_case name. Printing and the symbolic-size rewrites use it; equality and hashing do not
/// (they are the record's own, synthesized), so the eager path never reflects.
/// </summary>
internal sealed class ParamsLayout
{
    private static readonly ConcurrentDictionary<Type, ParamsLayout> Layouts = new();

    private readonly ConstructorInfo _constructor;
    private readonly PropertyInfo[] _properties;
    private readonly string[] _names;

    private ParamsLayout(Type type)
    {
        // The primary constructor: the one that is not the record's copy constructor.
        _constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Single(c => c.GetParameters() is var ps && !(ps.Length == 1 && ps[0].ParameterType == type));
        var parameters = _constructor.GetParameters();
        _properties = parameters.Select(p => type.GetProperty(p.Name!, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"{type.Name}: parameter '{p.Name}' has no property")).ToArray();
        _names = parameters.Select(p => SnakeCase(p.Name!)).ToArray();
    }

    public static ParamsLayout Of(Type type) => Layouts.GetOrAdd(type, t => new ParamsLayout(t));

    /// <summary>The (name, value) pairs of <paramref name="p"/>, values unwrapped as <see cref="Params.Items"/> documents.</summary>
    public KeyValuePair<string, object>[] Read(Params p)
    {
        var items = new KeyValuePair<string, object>[_properties.Length];
        for (int i = 0; i < items.Length; i++)
            items[i] = new(_names[i], Unwrap(_properties[i].GetValue(p)!));
        return items;
    }

    /// <summary>A new record of the same type with each (unwrapped) value replaced by <paramref name="map"/>.</summary>
    public Params Rebuild(Params p, Func<string, object, object> map)
    {
        var items = Read(p);
        var args = new object[items.Length];
        for (int i = 0; i < items.Length; i++)
            args[i] = Wrap(_properties[i].PropertyType, map(items[i].Key, items[i].Value));
        return (Params)_constructor.Invoke(args);
    }

    private static object Unwrap(object value) => value switch
    {
        Ints a => a.ToArray(),
        Sizes s => s.Value,
        _ => value,
    };

    private static object Wrap(Type type, object value) => value switch
    {
        int[] a when type == typeof(Ints) => (Ints)a,
        int[] a when type == typeof(Sizes) || type == typeof(Sizes?) => (Sizes)a,
        SymbolicSizes s when type == typeof(Sizes) || type == typeof(Sizes?) => (Sizes)s,
        _ => value,
    };

    private static string SnakeCase(string name)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
