using System.Text.RegularExpressions;

namespace Axle;

/// <summary>
/// Runs a primitive's shape rule on symbolic avals. A rule that only compares dimensions works on
/// symbols directly. A rule that needs sizes (or params that name symbols) runs twice with each
/// symbol replaced by a distinct placeholder prime from two disjoint ranges; a result dimension
/// equal to the same symbol's placeholder in both runs is that symbol, one equal in both runs is
/// known, and anything else (n + 2, n * d) has no symbolic spelling and is refused. The avals
/// found here only guide graph building: <c>Ax.Function</c> replays every node with real sizes,
/// where the rules run again and validate everything.
/// </summary>
internal static partial class SymbolicInfer
{
    private static readonly int[] PrimesA = Primes(53, 126);
    private static readonly int[] PrimesB = Primes(127, 251);

    public static Aval[] Infer(Primitive primitive, Aval[] ins, Params p)
    {
        if (!SymbolicSizes.AnyIn(p))
        {
            if (ins.All(a => a.Shape.IsKnown)) return primitive.Infer(ins, p);
            try
            {
                return primitive.Infer(ins, p);
            }
            catch (InvalidOperationException)
            {
                // The rule needed a size (Dim.Value threw): infer with placeholders instead.
            }
        }
        return WithPlaceholders(primitive, ins, p);
    }

    private static Aval[] WithPlaceholders(Primitive primitive, Aval[] ins, Params p)
    {
        var symbols = ins.SelectMany(a => a.Shape).Where(d => !d.IsKnown).Select(d => d.Symbol!)
            .Concat(p.Select(kv => kv.Value).OfType<SymbolicSizes>().SelectMany(s => s.Symbols))
            .Distinct().ToArray();
        var taken = KnownNumbers(ins, p);
        var a = Assign(primitive, symbols, PrimesA, taken);
        var b = Assign(primitive, symbols, PrimesB, taken);
        Aval[] outA = Run(primitive, ins, p, a), outB = Run(primitive, ins, p, b);
        var result = new Aval[outA.Length];
        for (int k = 0; k < outA.Length; k++)
        {
            var dims = new Dim[outA[k].Rank];
            for (int i = 0; i < dims.Length; i++)
            {
                int va = outA[k].Shape[i], vb = outB[k].Shape[i];
                string? symbol = symbols.FirstOrDefault(s => a[s] == va && b[s] == vb);
                if (symbol is not null) dims[i] = Dim.Symbolic(symbol);
                else if (va == vb) dims[i] = va;
                else
                    throw new InvalidOperationException(
                        $"{primitive.Name}: dimension {i} of the result depends on the symbolic dimension(s) " +
                        $"{string.Join(", ", symbols.Select(s => $"'{s}'"))} through arithmetic, which a symbolic shape cannot express " +
                        "(a symbolic dimension can only be passed through whole)");
            }
            result[k] = outA[k].WithShape(new Shape(dims));
        }
        return result;
    }

    private static Aval[] Run(Primitive primitive, Aval[] ins, Params p, Dictionary<string, int> sizes)
    {
        try
        {
            var concrete = ins.Select(x => x.WithShape(new Shape(x.Shape.Select(d => d.IsKnown ? d.Value : sizes[d.Symbol!]).ToArray()))).ToArray();
            return primitive.Infer(concrete, SymbolicSizes.Resolve(p, sizes));
        }
        catch (ArgumentException e)
        {
            throw Renamed(e, sizes);
        }
        catch (OverflowException)
        {
            throw new InvalidOperationException($"{primitive.Name}: too many symbolic dimensions in one operand to infer its shape symbolically");
        }
    }

    /// <summary>The shape error with each placeholder written as its symbol's name again.</summary>
    private static ArgumentException Renamed(ArgumentException e, Dictionary<string, int> sizes)
    {
        var names = sizes.ToDictionary(kv => kv.Value, kv => kv.Key);
        string message = e.Message;
        string suffix = $" (Parameter '{e.ParamName}')";
        if (e.ParamName is not null && message.EndsWith(suffix, StringComparison.Ordinal)) message = message[..^suffix.Length];
        // Skip numbers after ':' so the call site's line number stays as it is.
        message = Number().Replace(message, m => names.TryGetValue(int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture), out var s) ? s : m.Value);
        return new ArgumentException(message, e.ParamName, e);
    }

    private static HashSet<int> KnownNumbers(Aval[] ins, Params p)
    {
        var taken = ins.SelectMany(a => a.Shape).Where(d => d.IsKnown).Select(d => d.Value).ToHashSet();
        foreach (var kv in p)
        {
            switch (kv.Value)
            {
                case int i: taken.Add(i); break;
                case int[] xs: taken.UnionWith(xs); break;
                case SymbolicSizes s: taken.UnionWith(s.Dims.Where(d => d.IsKnown).Select(d => d.Value)); break;
            }
        }
        return taken;
    }

    private static Dictionary<string, int> Assign(Primitive primitive, string[] symbols, int[] primes, HashSet<int> taken)
    {
        var free = primes.Where(v => !taken.Contains(v)).ToArray();
        if (free.Length < symbols.Length)
            throw new InvalidOperationException($"{primitive.Name}: too many symbolic dimensions ({symbols.Length}) to infer the result's shape");
        return symbols.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => free[x.i]);
    }

    private static int[] Primes(int from, int to) =>
        Enumerable.Range(from, to - from + 1).Where(n => Enumerable.Range(2, (int)Math.Sqrt(n) - 1).All(d => n % d != 0)).ToArray();

    [GeneratedRegex(@"(?<![:\w.])\d+(?![\w.])")]
    private static partial Regex Number();
}
