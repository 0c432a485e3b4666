namespace Axle;

/// <summary>
/// The part of a cache key that describes the arguments: dtypes, shapes and weak flags in order,
/// plus the values of static arguments, as canonical text.
/// </summary>
internal sealed record Signature(string Text)
{
    public static Signature Of(IEnumerable<Aval> avals, string statics = "") =>
        new(string.Join(";", avals) + (statics.Length > 0 ? "|" + statics : ""));

    public override string ToString() => Text;
}
