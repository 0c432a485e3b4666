using System.Globalization;
using System.Text.RegularExpressions;

namespace Axle.Lowering;

/// <summary>
/// One op of the StableHLO catalog: its C++ identifier, its name (<c>stablehlo.add</c>), its
/// operand count (null: variadic) and the native family that lowers it.
/// </summary>
/// <param name="Ident">The identifier the native side declares it by (<c>Add</c>).</param>
/// <param name="Name">The op's name in MLIR text (<c>stablehlo.add</c>).</param>
/// <param name="Operands">The operand count, or null for a variadic op.</param>
/// <param name="Family">The native Lower*.cpp family that lowers it (<c>Elementwise</c>).</param>
public sealed record StablehloOp(string Ident, string Name, int? Operands, string Family);

/// <summary>
/// The StableHLO ops Axle emits and the plugin lowers, read from
/// <c>native/src/compiler/StablehloOps.def</c> (embedded in this assembly), the one list both
/// sides share: a name the managed side emits and the native side does not know fails here, at
/// the emitting call, rather than in the plugin.
/// </summary>
public static class StablehloOps
{
    // One op per line: AXLE_STABLEHLO_OP(Ident, "stablehlo.name", Operands, Family).
    private static readonly Regex Entry = new(
        @"^AXLE_STABLEHLO_OP\((\w+), ""([a-z0-9_.]+)"", (-?\d+), (\w+)\)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly StablehloOp[] Ops = Load();

    // Declared after Ops, which it indexes (static fields of one file initialize in textual order).
    private static readonly Dictionary<string, StablehloOp> ByName = Ops.ToDictionary(o => o.Name, StringComparer.Ordinal);

    /// <summary>Every op of the catalog, in the file's order.</summary>
    public static IReadOnlyList<StablehloOp> All => Ops;

    /// <summary>The op named <paramref name="name"/> (<c>stablehlo.add</c>), or null if the catalog has none.</summary>
    public static StablehloOp? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>
    /// Throws <see cref="ArgumentException"/>, naming the op, when <paramref name="name"/> is not in
    /// the catalog or takes another number of operands than <paramref name="operandCount"/>.
    /// </summary>
    public static void CheckCall(string name, int operandCount)
    {
        var op = Find(name) ?? throw new ArgumentException(
            $"'{name}' is not a StableHLO op of the catalog (native/src/compiler/StablehloOps.def); add it there and to the plugin's lowering", nameof(name));
        if (op.Operands is int n && n != operandCount)
            throw new ArgumentException($"'{name}' takes {n} operand(s); got {operandCount}", nameof(operandCount));
    }

    private static StablehloOp[] Load()
    {
        using var stream = typeof(StablehloOps).Assembly.GetManifestResourceStream("StablehloOps.def")
            ?? throw new InvalidOperationException("the StablehloOps.def resource is missing from Axle.Lowering");
        using var reader = new StreamReader(stream);
        return Entry.Matches(reader.ReadToEnd()).Select(m =>
        {
            int operands = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            return new StablehloOp(m.Groups[1].Value, m.Groups[2].Value, operands < 0 ? null : operands, m.Groups[4].Value);
        }).ToArray();
    }
}
