namespace Axle;

/// <summary>
/// The part of a cache key that describes the arguments: dtypes, shapes and weak flags in order,
/// plus the values of static arguments (canonical text, empty when there are none). Compared
/// structurally; the hash is computed once, and the text only when someone prints it, because a
/// key is built on every eager op and every jitted call.
/// </summary>
internal sealed class Signature : IEquatable<Signature>
{
    private readonly Aval[] _avals;
    private readonly string _statics;
    private readonly int _hash;
    private string? _text;

    private Signature(Aval[] avals, string statics)
    {
        _avals = avals;
        _statics = statics;
        var hash = new HashCode();
        foreach (var a in avals) hash.Add(a);
        hash.Add(statics);
        _hash = hash.ToHashCode();
    }

    /// <summary>The signature of <paramref name="avals"/> (copied) and the static arguments' text.</summary>
    public static Signature Of(IEnumerable<Aval> avals, string statics = "") => new([.. avals], statics);

    /// <summary>As <see cref="Of(IEnumerable{Aval}, string)"/>, taking ownership of <paramref name="avals"/> (the caller must not change it).</summary>
    public static Signature Owning(Aval[] avals, string statics = "") => new(avals, statics);

    /// <summary>Canonical text: <c>f32[];f32[4]{weak}|0:i32[]=01000000</c>.</summary>
    public string Text => _text ??= string.Join(";", (IEnumerable<Aval>)_avals) + (_statics.Length > 0 ? "|" + _statics : "");

    public bool Equals(Signature? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._hash != _hash || other._avals.Length != _avals.Length || other._statics != _statics) return false;
        for (int i = 0; i < _avals.Length; i++)
            if (!_avals[i].Equals(other._avals[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as Signature);

    public override int GetHashCode() => _hash;

    public override string ToString() => Text;
}
