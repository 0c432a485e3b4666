using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Axle;

/// <summary>
/// Values of a posterior's variables by name, in declaration order: what a <see cref="Param"/> model's
/// log-density function reads (<c>p["mu"]</c>), what a bound function of a later parameter reads, and
/// what <see cref="Posterior.Constrain"/> returns.
/// </summary>
public sealed class ParamValues : IReadOnlyDictionary<string, Tensor>
{
    private readonly string[] _names;
    private readonly Tensor[] _values;
    private readonly string _context;

    internal ParamValues(string[] names, Tensor[] values, string context)
    {
        _names = names;
        _values = values;
        _context = context;
    }

    /// <summary>The value of the variable named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such variable here; the message lists those there are.</exception>
    public Tensor this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            int i = Array.IndexOf(_names, name);
            if (i < 0)
                throw new KeyNotFoundException(
                    $"{_context}: no variable '{name}'; there are {(_names.Length == 0 ? "none" : string.Join(", ", _names.Select(n => $"'{n}'")))}");
            return _values[i];
        }
    }

    /// <summary>The names, in declaration order.</summary>
    public IEnumerable<string> Keys => _names;

    /// <summary>The values, in declaration order.</summary>
    public IEnumerable<Tensor> Values => _values;

    /// <summary>How many variables.</summary>
    public int Count => _names.Length;

    /// <summary>True when a variable is called <paramref name="key"/>.</summary>
    public bool ContainsKey(string key) => Array.IndexOf(_names, key) >= 0;

    /// <summary>The value of <paramref name="key"/>, if there is one.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out Tensor value)
    {
        int i = Array.IndexOf(_names, key);
        value = i < 0 ? null : _values[i];
        return i >= 0;
    }

    /// <summary>(name, value) pairs in declaration order.</summary>
    public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator()
    {
        for (int i = 0; i < _names.Length; i++) yield return new(_names[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
