namespace Axle.Tests.Transforms;

/// <summary>What values an argument of a vmap property case holds.</summary>
public enum ArgKind
{
    /// <summary>F64 in [-2, 2].</summary>
    Real,
    /// <summary>F64 in [0.5, 2.5].</summary>
    Positive,
    /// <summary>I32 in [0, Hi).</summary>
    Index,
    /// <summary>Bool.</summary>
    Bool,
}

/// <summary>One argument of a case: its per-example shape and kind.</summary>
public sealed record ArgSpec(int[] Shape, ArgKind Kind = ArgKind.Real, int Hi = 3);

/// <summary>A function of the property table with the per-example shapes of its arguments.</summary>
public sealed record VmapCase(string Name, Func<Tensor[], Tensor> F, params ArgSpec[] Args)
{
    public override string ToString() => Name;
}

/// <summary>
/// Checks <c>Vmap(f)(xs)</c> against stacking <c>f(x)</c> example by example, with random in
/// and out axes (negative and null included). The reference runs through Jit (one program per
/// case); the batched function runs eagerly or jitted.
/// </summary>
internal static class VmapHarness
{
    public const int Batch = 3;

    public static void Check(VmapCase c, int seed, bool jit)
    {
        var rng = new Random(seed);
        int k = c.Args.Length;

        // Per-example data; an unmapped argument uses example 0 for every example.
        var inAxes = new int?[k];
        for (int i = 0; i < k; i++)
        {
            int rank = c.Args[i].Shape.Length + 1;
            if (k > 1 && rng.Next(4) == 0) continue;
            int a = rng.Next(rank);
            inAxes[i] = rng.Next(2) == 0 ? a : a - rank;
        }
        int? axisSize = inAxes.All(a => a is null) ? Batch : null;
        var examples = new double[k][][];
        for (int i = 0; i < k; i++)
            examples[i] = Enumerable.Range(0, Batch).Select(_ => Random(rng, c.Args[i])).ToArray();

        var batched = new Tensor[k];
        for (int i = 0; i < k; i++)
        {
            var spec = c.Args[i];
            batched[i] = inAxes[i] is int a
                ? Make(Stack(examples[i], spec.Shape, Normalize(a, spec.Shape.Length + 1)), Insert(spec.Shape, Normalize(a, spec.Shape.Length + 1), Batch), spec.Kind)
                : Make(examples[i][0], spec.Shape, spec.Kind);
        }

        var reference = Ax.Jit(c.F);
        var outs = new double[Batch][];
        int[] outShape = [];
        for (int b = 0; b < Batch; b++)
        {
            var args = Enumerable.Range(0, k)
                .Select(i => Make(examples[i][inAxes[i] is null ? 0 : b], c.Args[i].Shape, c.Args[i].Kind)).ToArray();
            var r = reference(args);
            outShape = r.Shape.ToArray();
            outs[b] = r.ToArray<double>();
        }

        int outRank = outShape.Length + 1;
        int outAxis = rng.Next(outRank);
        int? requested = rng.Next(2) == 0 ? outAxis : outAxis - outRank;
        var vmapped = Ax.Vmap(c.F, inAxes, [requested], axisSize);
        if (jit) vmapped = Ax.Jit(vmapped);
        var actual = vmapped(batched);

        string what = $"{c.Name} inAxes=[{string.Join(", ", inAxes.Select(a => a?.ToString() ?? "null"))}] outAxis={requested} jit={jit}";
        Assert.True(Insert(outShape, outAxis, Batch).SequenceEqual(actual.Shape.ToArray()),
            $"{what}: shape {actual.Shape}, expected ({string.Join(", ", Insert(outShape, outAxis, Batch))})");
        Close(Stack(outs, outShape, outAxis), actual.ToArray<double>(), what);
    }

    public static void Close(double[] expected, double[] actual, string what, double tol = 1e-9)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            bool same = (double.IsNaN(e) && double.IsNaN(a)) || e == a || Math.Abs(e - a) <= tol * Math.Max(1, Math.Abs(e));
            Assert.True(same, $"{what}: element {i}: expected {e}, got {a}");
        }
    }

    /// <summary>Stacks same-shaped row-major arrays along a new axis <paramref name="axis"/>.</summary>
    public static double[] Stack(double[][] parts, int[] shape, int axis)
    {
        int outer = shape.Take(axis).Aggregate(1, (p, d) => p * d);
        int inner = shape.Skip(axis).Aggregate(1, (p, d) => p * d);
        var r = new double[outer * parts.Length * inner];
        for (int o = 0; o < outer; o++)
            for (int b = 0; b < parts.Length; b++)
                Array.Copy(parts[b], o * inner, r, (o * parts.Length + b) * inner, inner);
        return r;
    }

    public static int[] Insert(int[] shape, int at, int size)
    {
        var l = shape.ToList();
        l.Insert(at, size);
        return [.. l];
    }

    public static Tensor Make(double[] data, int[] shape, ArgKind kind) => (kind, shape.Length) switch
    {
        (ArgKind.Index, 0) => Tensor.From((int)data[0]),
        (ArgKind.Bool, 0) => Tensor.From(data[0] != 0),
        (_, 0) => Tensor.From(data[0]),
        (ArgKind.Index, _) => Tensor.From(data.Select(v => (int)v).ToArray(), shape),
        (ArgKind.Bool, _) => Tensor.From(data.Select(v => v != 0).ToArray(), shape),
        _ => Tensor.From(data, shape),
    };

    private static int Normalize(int a, int rank) => a < 0 ? a + rank : a;

    private static double[] Random(Random rng, ArgSpec s)
    {
        int n = s.Shape.Aggregate(1, (p, d) => p * d);
        return Enumerable.Range(0, n).Select(_ => s.Kind switch
        {
            ArgKind.Positive => 0.5 + 2 * rng.NextDouble(),
            ArgKind.Index => rng.Next(s.Hi),
            ArgKind.Bool => rng.Next(2),
            _ => Math.Round(4 * rng.NextDouble() - 2, 3),
        }).ToArray();
    }
}
