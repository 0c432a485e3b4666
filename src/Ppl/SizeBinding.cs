namespace Axle;

/// <summary>The sizes of symbolic dimensions, read from the shapes of the values a posterior is given.</summary>
internal static class SizeBinding
{
    /// <summary>Each symbol's size from (symbolic shape, concrete shape) pairs; two pairs must agree.</summary>
    /// <exception cref="ArgumentException">Two values give one symbol different sizes (the message names both).</exception>
    public static Dictionary<string, int> Bind(string caller, IEnumerable<(string What, Shape Symbolic, Shape Concrete)> pairs)
    {
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        var from = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (what, symbolic, concrete) in pairs)
            for (int d = 0; d < symbolic.Rank; d++)
            {
                if (symbolic[d].IsKnown) continue;
                string symbol = symbolic[d].Symbol!;
                int size = concrete[d].Value;
                if (sizes.TryGetValue(symbol, out int seen) && seen != size)
                    throw new ArgumentException(
                        $"{caller}: the values disagree on the dimension '{symbol}': {from[symbol]} gives it {seen}, {what} gives it {size}", "inputs");
                sizes[symbol] = size;
                from.TryAdd(symbol, what);
            }
        return sizes;
    }

    /// <summary>The concrete shape of <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">A symbol no value determines (the message names it and <paramref name="what"/>).</exception>
    public static int[] Resolve(string caller, string what, Shape shape, IReadOnlyDictionary<string, int> sizes) =>
        shape.Select(d => d.IsKnown ? d.Value
            : sizes.TryGetValue(d.Symbol!, out int n) ? n
            : throw new ArgumentException(
                $"{caller}: the {what} has shape {shape}, and no input or observed value determines its dimension '{d.Symbol}'; give a value that has it", "inputs")).ToArray();
}
