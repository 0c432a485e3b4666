namespace Axle;

public static partial class Ops
{
    /// <summary>Inserts size-1 axes at each of <paramref name="axis"/> (positions in the result; negative from the end).</summary>
    public static Tensor ExpandDims(Tensor x, int[] axis)
    {
        Check(x);
        ArgumentNullException.ThrowIfNull(axis);
        int rank = x.Rank + axis.Length;
        var at = axis.Select(a => Errors.NormalizeAxis("expand_dims", a, rank)).ToHashSet();
        if (at.Count != axis.Length) throw Errors.Arg("expand_dims", "axis", $"repeated axis in [{string.Join(", ", axis)}]");
        var dims = new int[rank];
        for (int i = 0, k = 0; i < rank; i++) dims[i] = at.Contains(i) ? 1 : x.Shape[k++];
        return Reshape(x, dims);
    }

    /// <summary>The tensors broadcast against each other to one shape (numpy <c>broadcast_arrays</c>); dtypes are kept.</summary>
    public static Tensor[] BroadcastArrays(params Tensor[] xs)
    {
        CheckAll(xs, "broadcast_arrays");
        if (xs.Length == 0) return [];
        var shape = Broadcasting.Shapes("broadcast_arrays", xs.Select((x, i) => ($"xs[{i}]", x.Shape)).ToArray());
        return xs.Select(x => Broadcasting.To(x, shape, "broadcast_arrays")).ToArray();
    }

    /// <summary>Joins same-shaped tensors along a new axis <paramref name="axis"/> (dtypes promoted).</summary>
    public static Tensor Stack(Tensor[] xs, int axis = 0)
    {
        CheckAll(xs, "stack");
        if (xs.Length == 0) throw Errors.Arg("stack", "xs", "needs at least one tensor");
        for (int i = 1; i < xs.Length; i++)
            if (xs[i].Shape != xs[0].Shape) throw Errors.Shapes("stack", $"xs[{i}]", xs[i].Shape, "xs[0]", xs[0].Shape, "stacked tensors must have one shape");
        int a = Errors.NormalizeAxis("stack", axis, xs[0].Rank + 1);
        return Concatenate(xs.Select(x => ExpandDims(x, a)).ToArray(), a);
    }

    /// <summary>Splits <paramref name="x"/> into <paramref name="sections"/> equal parts along <paramref name="axis"/>.</summary>
    /// <exception cref="ArgumentException">The axis length is not divisible by <paramref name="sections"/>.</exception>
    public static Tensor[] Split(Tensor x, int sections, int axis = 0)
    {
        Check(x);
        int a = Errors.NormalizeAxis("split", axis, x.Rank);
        int n = x.Shape[a];
        if (sections < 1 || n % sections != 0)
            throw Errors.Arg("split", "sections", $"axis {a} of {x.Shape} (length {n}) does not split into {sections} equal sections");
        int step = n / sections;
        return Split(x, Enumerable.Range(1, sections - 1).Select(i => i * step).ToArray(), axis);
    }

    /// <summary>
    /// Splits <paramref name="x"/> before each of <paramref name="indices"/> along <paramref name="axis"/>
    /// (numpy: <c>[1, 3]</c> gives <c>x[:1], x[1:3], x[3:]</c>; indices are clamped, negative ones count from the end).
    /// </summary>
    public static Tensor[] Split(Tensor x, int[] indices, int axis = 0)
    {
        Check(x);
        ArgumentNullException.ThrowIfNull(indices);
        int a = Errors.NormalizeAxis("split", axis, x.Rank);
        int n = x.Shape[a];
        var cuts = new List<int> { 0 };
        cuts.AddRange(indices.Select(i => Math.Clamp(i < 0 ? i + n : i, 0, n)));
        cuts.Add(n);
        var parts = new Tensor[cuts.Count - 1];
        for (int k = 0; k < parts.Length; k++)
            parts[k] = SliceAxis(x, a, cuts[k], Math.Max(cuts[k], cuts[k + 1]));
        return parts;
    }

    /// <summary>Reverses the order of elements along <paramref name="axis"/> (all axes when null).</summary>
    public static Tensor Flip(Tensor x, int? axis = null) => Flip(x, axis is int a ? [a] : null);

    /// <summary>Reverses the order of elements along several axes.</summary>
    public static Tensor Flip(Tensor x, int[]? axis)
    {
        Check(x);
        int[] axes = NormalizeAxes("flip", x, axis);
        return axes.Length == 0 ? x : Prims.Rev.Bind1([x], new RevParams(axes));
    }

    /// <summary>
    /// Repeats the whole of <paramref name="x"/> <paramref name="reps"/> times per axis (numpy <c>tile</c>:
    /// when the lengths differ, the shorter of rank and <paramref name="reps"/> is padded with leading ones).
    /// </summary>
    public static Tensor Tile(Tensor x, params int[] reps)
    {
        Check(x);
        ArgumentNullException.ThrowIfNull(reps);
        if (reps.Any(r => r < 0)) throw Errors.Arg("tile", "reps", $"repetitions must be non-negative; got [{string.Join(", ", reps)}]");
        int rank = Math.Max(x.Rank, reps.Length);
        int[] dims = [.. Enumerable.Repeat(1, rank - x.Rank), .. x.Shape.ToArray()];
        int[] r = [.. Enumerable.Repeat(1, rank - reps.Length), .. reps];
        // (r0, d0, r1, d1, ...) broadcast from (1, d0, 1, d1, ...), then merged pairwise.
        var inter = Reshape(x, dims.SelectMany(d => new[] { 1, d }).ToArray());
        var wide = BroadcastTo(inter, Enumerable.Range(0, rank).SelectMany(i => new[] { r[i], dims[i] }).ToArray());
        return Reshape(wide, Enumerable.Range(0, rank).Select(i => r[i] * dims[i]).ToArray());
    }

    /// <summary>Repeats each element <paramref name="repeats"/> times along <paramref name="axis"/> (of the flattened tensor when null).</summary>
    public static Tensor Repeat(Tensor x, int repeats, int? axis = null)
    {
        Check(x);
        if (repeats < 0) throw Errors.Arg("repeat", "repeats", $"repeats must be non-negative; got {repeats}");
        if (axis is null) (x, axis) = (Ravel(x), 0);
        int a = Errors.NormalizeAxis("repeat", axis.Value, x.Rank);
        int[] dims = x.Shape.ToArray();
        var inter = ExpandDims(x, a + 1);
        int[] wide = [.. dims[..(a + 1)], repeats, .. dims[(a + 1)..]];
        dims[a] *= repeats;
        return Reshape(BroadcastTo(inter, wide), dims);
    }

    /// <summary>Repeats element <c>i</c> along <paramref name="axis"/> <c>repeats[i]</c> times (the counts are static).</summary>
    public static Tensor Repeat(Tensor x, int[] repeats, int axis)
    {
        Check(x);
        ArgumentNullException.ThrowIfNull(repeats);
        int a = Errors.NormalizeAxis("repeat", axis, x.Rank);
        if (repeats.Length != x.Shape[a])
            throw Errors.Arg("repeat", "repeats", $"needs one count per element of axis {a} ({x.Shape[a]}); got {repeats.Length}");
        if (repeats.Any(r => r < 0)) throw Errors.Arg("repeat", "repeats", "repeats must be non-negative");
        int[] positions = repeats.SelectMany((r, i) => Enumerable.Repeat(i, r)).ToArray();
        return Take(x, Tensor.From(positions), a);
    }

    /// <summary>The elements as a vector, row-major.</summary>
    public static Tensor Ravel(Tensor x)
    {
        Check(x);
        return Reshape(x, x.Shape.ElementCount);
    }

    /// <summary>The elements as a vector, row-major (the same as <see cref="Ravel"/>).</summary>
    public static Tensor Flatten(Tensor x) => Ravel(x);

    /// <summary>Moves axis <paramref name="source"/> to position <paramref name="destination"/>, keeping the others in order.</summary>
    public static Tensor MoveAxis(Tensor x, int source, int destination) => MoveAxis(x, [source], [destination]);

    /// <summary>Moves several axes to new positions, keeping the others in order (numpy <c>moveaxis</c>).</summary>
    public static Tensor MoveAxis(Tensor x, int[] source, int[] destination)
    {
        Check(x);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (source.Length != destination.Length)
            throw Errors.Arg("moveaxis", "destination", $"source has {source.Length} axes but destination has {destination.Length}");
        int[] src = source.Select(a => Errors.NormalizeAxis("moveaxis", a, x.Rank, "source")).ToArray();
        int[] dst = destination.Select(a => Errors.NormalizeAxis("moveaxis", a, x.Rank, "destination")).ToArray();
        if (src.Distinct().Count() != src.Length) throw Errors.Arg("moveaxis", "source", "repeated axis");
        if (dst.Distinct().Count() != dst.Length) throw Errors.Arg("moveaxis", "destination", "repeated axis");
        var rest = new Queue<int>(Enumerable.Range(0, x.Rank).Where(i => !src.Contains(i)));
        var perm = new int[x.Rank];
        for (int i = 0; i < x.Rank; i++)
        {
            int k = Array.IndexOf(dst, i);
            perm[i] = k >= 0 ? src[k] : rest.Dequeue();
        }
        return Transpose(x, perm);
    }

    /// <summary>Exchanges axes <paramref name="axis1"/> and <paramref name="axis2"/>.</summary>
    public static Tensor SwapAxes(Tensor x, int axis1, int axis2)
    {
        Check(x);
        int a = Errors.NormalizeAxis("swapaxes", axis1, x.Rank, "axis1"), b = Errors.NormalizeAxis("swapaxes", axis2, x.Rank, "axis2");
        var perm = Enumerable.Range(0, x.Rank).ToArray();
        (perm[a], perm[b]) = (b, a);
        return Transpose(x, perm);
    }

    /// <summary>Pads every axis with <paramref name="width"/> copies of <paramref name="constantValue"/> (default 0) on both sides.</summary>
    public static Tensor Pad(Tensor x, int width, Tensor? constantValue = null)
    {
        Check(x);
        return Pad(x, Enumerable.Repeat((width, width), x.Rank).ToArray(), constantValue);
    }

    /// <summary>
    /// Constant-mode padding (numpy <c>pad</c>): <paramref name="padWidth"/> holds one (before, after)
    /// pair per axis, or a single pair used for every axis; the value (default 0) takes <paramref name="x"/>'s dtype.
    /// </summary>
    public static Tensor Pad(Tensor x, (int Before, int After)[] padWidth, Tensor? constantValue = null)
    {
        Check(x);
        ArgumentNullException.ThrowIfNull(padWidth);
        if (padWidth.Length == 1 && x.Rank != 1) padWidth = Enumerable.Repeat(padWidth[0], x.Rank).ToArray();
        if (padWidth.Length != x.Rank)
            throw Errors.Arg("pad", "padWidth", $"needs {x.Rank} (before, after) pairs for shape {x.Shape}; got {padWidth.Length}");
        if (padWidth.Any(w => w.Before < 0 || w.After < 0))
            throw Errors.Arg("pad", "padWidth", $"pad widths must be non-negative; got [{string.Join(", ", padWidth)}] for shape {x.Shape}");
        Tensor v = constantValue ?? (Tensor)0;
        if (v.Rank != 0) throw Errors.Arg("pad", "constantValue", $"must be a scalar; got shape {v.Shape}");
        v = ConvertElementType(v, x.DType, weak: false);
        return Prims.Pad.Bind1([x, v], new PadParams(
            padWidth.Select(w => w.Before).ToArray(),
            padWidth.Select(w => w.After).ToArray(),
            new int[x.Rank]));
    }

    /// <summary><c>x[start:limit]</c> along one axis.</summary>
    internal static Tensor SliceAxis(Tensor x, int axis, int start, int limit, int stride = 1)
    {
        int[] s = new int[x.Rank], l = x.Shape.ToArray(), st = Enumerable.Repeat(1, x.Rank).ToArray();
        (s[axis], l[axis], st[axis]) = (start, limit, stride);
        if (start == 0 && limit == x.Shape[axis] && stride == 1) return x;
        return Slice(x, s, l, st);
    }

    private static void CheckAll(Tensor[] xs, string op)
    {
        ArgumentNullException.ThrowIfNull(xs);
        for (int i = 0; i < xs.Length; i++)
            if (xs[i] is null) throw new ArgumentNullException(nameof(xs), $"{op}: xs[{i}] is null");
    }
}
