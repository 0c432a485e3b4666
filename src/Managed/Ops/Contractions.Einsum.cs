namespace Axle;

public static partial class Ops
{
    /// <summary>
    /// Einstein summation (numpy <c>einsum</c>): <c>"ij,jk->ik"</c> names each operand's axes with
    /// letters; letters shared between operands and absent from the output are summed over.
    /// Without <c>-></c> the output is the letters that appear once, in alphabetical order. A
    /// repeated letter in one operand takes a diagonal (<c>"ii->i"</c>, trace <c>"ii"</c>).
    /// <c>...</c> stands for the remaining axes, which broadcast across operands and lead the
    /// implicit output. Size-1 axes broadcast against their letter's size. Operands are promoted
    /// to a common dtype and contracted pairwise, left to right, with dot_general.
    /// </summary>
    public static Tensor Einsum(string subscripts, params Tensor[] operands)
    {
        ArgumentNullException.ThrowIfNull(subscripts);
        ArgumentNullException.ThrowIfNull(operands);
        foreach (var t in operands) ArgumentNullException.ThrowIfNull(t, nameof(operands));
        var spec = EinsumSpec.Parse(subscripts, operands.Select(t => t.Rank).ToArray());
        var promoted = operands.Length == 0 ? operands : TypePromotion.Promote(operands);
        var terms = promoted.Select((t, i) => (Tensor: t, Labels: spec.Inputs[i].ToList())).ToList();
        var sizes = EinsumSizes(subscripts, terms);

        for (int i = 0; i < terms.Count; i++)
        {
            var (t, labels) = terms[i];
            // A repeated label takes the diagonal of its two axes; the diagonal goes last.
            for (int dup = FirstDuplicate(labels); dup >= 0; dup = FirstDuplicate(labels))
            {
                int first = labels.IndexOf(labels[dup]);
                int label = labels[dup];
                if (t.Shape[first] != t.Shape[dup])
                    t = Broadcasting.To(t, new Shape(t.Shape.Select((d, k) => labels[k] == label ? new Dim(sizes[label]) : d)), "einsum");
                t = Diagonal(t, 0, first, dup);
                labels.RemoveAt(dup);
                labels.RemoveAt(first);
                labels.Add(label);
            }
            // Size-1 axes stretch to their label's size where another operand has it larger.
            if (labels.Where((l, k) => t.Shape[k] != sizes[l]).Any())
                t = Broadcasting.To(t, new Shape(labels.Select(l => new Dim(sizes[l]))), "einsum");
            terms[i] = (t, labels);
        }

        while (true)
        {
            var (a, al) = terms[0];
            var needed = new HashSet<int>(spec.Output.Concat(terms.Skip(1).SelectMany(x => x.Labels)));
            (a, al) = SumOut(a, al, needed);
            if (terms.Count == 1)
            {
                int[] perm = spec.Output.Select(l => al.IndexOf(l)).ToArray();
                return Transpose(a, perm);
            }
            var (b, bl) = terms[1];
            var neededB = new HashSet<int>(spec.Output.Concat(al).Concat(terms.Skip(2).SelectMany(x => x.Labels)));
            (b, bl) = SumOut(b, bl, neededB);

            // Shared labels: batch if still needed later, else contracted.
            var later = new HashSet<int>(spec.Output.Concat(terms.Skip(2).SelectMany(x => x.Labels)));
            var shared = al.Intersect(bl).ToList();
            var batch = shared.Where(later.Contains).ToList();
            var contract = shared.Where(l => !later.Contains(l)).ToList();
            var r = Contract("einsum", a, b,
                contract.Select(l => al.IndexOf(l)).ToArray(), contract.Select(l => bl.IndexOf(l)).ToArray(),
                batch.Select(l => al.IndexOf(l)).ToArray(), batch.Select(l => bl.IndexOf(l)).ToArray(), "operands[0]", "operands[1]");
            var rl = batch.Concat(al.Where(l => !shared.Contains(l))).Concat(bl.Where(l => !shared.Contains(l))).ToList();
            terms.RemoveRange(0, 2);
            terms.Insert(0, (r, rl));
        }
    }

    /// <summary>Sums away the axes whose labels are not in <paramref name="needed"/>.</summary>
    private static (Tensor, List<int>) SumOut(Tensor t, List<int> labels, HashSet<int> needed)
    {
        int[] axes = Enumerable.Range(0, labels.Count).Where(k => !needed.Contains(labels[k])).ToArray();
        if (axes.Length == 0) return (t, labels);
        t = t.DType == DType.Bool
            ? Reduce(Prims.ReduceOr, "einsum", t, axes, keepDims: false)
            : Astype(Sum(t, axes), t.DType);
        return (t, labels.Where(needed.Contains).ToList());
    }

    private static int FirstDuplicate(List<int> labels)
    {
        for (int k = 1; k < labels.Count; k++)
            if (labels.IndexOf(labels[k]) < k) return k;
        return -1;
    }

    /// <summary>Each label's size: equal across operands, or 1 broadcasting against the others.</summary>
    private static Dictionary<int, int> EinsumSizes(string subscripts, List<(Tensor Tensor, List<int> Labels)> terms)
    {
        var sizes = new Dictionary<int, int>();
        var from = new Dictionary<int, int>();
        for (int i = 0; i < terms.Count; i++)
            for (int k = 0; k < terms[i].Labels.Count; k++)
            {
                int label = terms[i].Labels[k], d = terms[i].Tensor.Shape[k];
                if (!sizes.TryGetValue(label, out int s) || s == 1) { sizes[label] = d; from[label] = i; }
                else if (d != 1 && d != s)
                    throw Errors.Shapes("einsum", $"operands[{i}]", terms[i].Tensor.Shape, $"operands[{from[label]}]",
                        terms[from[label]].Tensor.Shape,
                        $"in \"{subscripts}\", {EinsumSpec.Name(label)} has size {d} in one operand and {s} in another");
            }
        return sizes;
    }
}

/// <summary>
/// A parsed einsum subscripts string. Labels are ints: letters are their char codes; the axes
/// under <c>...</c> are -1 (last), -2, ... counted from the right, so they broadcast like numpy.
/// </summary>
internal sealed record EinsumSpec(int[][] Inputs, int[] Output)
{
    public static string Name(int label) => label >= 0 ? $"'{(char)label}'" : $"ellipsis axis {label}";

    public static EinsumSpec Parse(string subscripts, int[] ranks)
    {
        string s = subscripts.Replace(" ", "", StringComparison.Ordinal);
        int arrow = s.IndexOf("->", StringComparison.Ordinal);
        string lhs = arrow < 0 ? s : s[..arrow];
        string? rhs = arrow < 0 ? null : s[(arrow + 2)..];
        if (rhs is not null && rhs.Contains("->", StringComparison.Ordinal))
            throw Bad(subscripts, "more than one '->'");
        string[] terms = lhs.Split(',');
        if (terms.Length != ranks.Length)
            throw Errors.Arg("einsum", "operands", $"\"{subscripts}\" names {terms.Length} operand(s) but {ranks.Length} were given");

        var inputs = new int[terms.Length][];
        int ellipsisRank = 0;
        for (int i = 0; i < terms.Length; i++)
        {
            var (letters, hasEllipsis, at) = Term(subscripts, terms[i]);
            int extra = ranks[i] - letters.Count;
            if (extra < 0 || (!hasEllipsis && extra != 0))
                throw Errors.Arg("einsum", "operands", $"\"{subscripts}\": operand {i} has rank {ranks[i]} but its subscripts \"{terms[i]}\" name {letters.Count} axes{(hasEllipsis ? " plus '...'" : "")}");
            var labels = letters.ToList();
            if (hasEllipsis)
            {
                labels.InsertRange(at, Enumerable.Range(0, extra).Select(k => k - extra));
                ellipsisRank = Math.Max(ellipsisRank, extra);
            }
            inputs[i] = [.. labels];
        }

        int[] ellipsisLabels = Enumerable.Range(0, ellipsisRank).Select(k => k - ellipsisRank).ToArray();
        int[] output;
        if (rhs is null)
        {
            var counts = inputs.SelectMany(l => l).Where(l => l >= 0).GroupBy(l => l).Where(g => g.Count() == 1).Select(g => g.Key);
            output = [.. ellipsisLabels, .. counts.Order()];
        }
        else
        {
            var (letters, hasEllipsis, at) = Term(subscripts, rhs);
            if (letters.Distinct().Count() != letters.Count)
                throw Bad(subscripts, "the output repeats a letter");
            foreach (int l in letters)
                if (!inputs.Any(x => x.Contains(l)))
                    throw Bad(subscripts, $"output letter '{(char)l}' does not appear in any operand");
            var labels = letters.ToList();
            if (hasEllipsis) labels.InsertRange(at, ellipsisLabels);
            output = [.. labels];
        }
        return new EinsumSpec(inputs, output);
    }

    /// <summary>The letters of one term, whether it has '...', and where the '...' sits among the letters.</summary>
    private static (List<int> Letters, bool HasEllipsis, int At) Term(string subscripts, string term)
    {
        var letters = new List<int>();
        bool hasEllipsis = false;
        int at = 0;
        for (int k = 0; k < term.Length; k++)
        {
            char c = term[k];
            if (c == '.')
            {
                if (hasEllipsis || k + 3 > term.Length || term.Substring(k, 3) != "...")
                    throw Bad(subscripts, $"bad '.' in \"{term}\" (only one '...' per operand)");
                hasEllipsis = true;
                at = letters.Count;
                k += 2;
            }
            else if (char.IsAsciiLetter(c)) letters.Add(c);
            else throw Bad(subscripts, $"'{c}' is not a subscript letter (a-z, A-Z)");
        }
        return (letters, hasEllipsis, at);
    }

    private static ArgumentException Bad(string subscripts, string why) =>
        Errors.Arg("einsum", "subscripts", $"bad subscripts \"{subscripts}\": {why}");
}
