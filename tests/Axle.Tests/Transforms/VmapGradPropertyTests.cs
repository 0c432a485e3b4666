using static Axle.Ops;

namespace Axle.Tests.Transforms;

/// <summary>A scalar function of the Vmap∘Grad table with the per-example shapes of its arguments.</summary>
public sealed record GradCase(string Name, Func<Tensor[], Tensor> F, params ArgSpec[] Args)
{
    public override string ToString() => Name;
}

/// <summary>
/// Batching under a reverse pass (issue 5): <c>Vmap(ValueAndGrad(f))</c>, eager and jitted, equals
/// the looped per-example value and gradients, with random in/out axes; and dot_general with
/// random dimension numbers (batch, contracting and free axes anywhere) batched on either or both
/// operands equals the loop. Jit matters: issue 5 only showed in one compiled program.
/// </summary>
public class VmapGradPropertyTests
{
    private static readonly ArgSpec V = new([4]);
    private static readonly ArgSpec W = new([4]);
    private static readonly ArgSpec Sq = new([4, 4]);
    private static readonly ArgSpec M = new([3, 4]);
    private static readonly ArgSpec Mt = new([4, 3]);
    private static readonly ArgSpec N = new([4, 2]);
    private static readonly ArgSpec T3 = new([2, 3, 4]);

    private static readonly GradCase[] Cases =
    [
        new("dot_x_Ax", a => -0.5 * Dot(a[0], MatMul(a[1], a[0])), V, Sq),
        new("dot_Ax_x", a => Dot(MatMul(a[1], a[0]), a[0]), V, Sq),
        new("dot_x_w", a => Dot(a[0], a[1]) * Dot(a[0], a[0]), V, W),
        new("dot_matrix_vector", a => Sum(Sin(Dot(a[1], a[0]))), V, M),
        new("dot_matrix_matrix", a => Sum(Tanh(Dot(a[0], a[1]))), M, N),
        new("sum_x_Ax", a => Sum(a[0] * MatMul(a[1], a[0])), V, Sq),
        new("matmul_vector_matrix", a => Sum(Square(MatMul(a[0], a[1]))), V, Mt),
        new("matmul_batched", a => Sum(Exp(MatMul(a[0], a[1]) * 0.3)), T3, N),
        new("matmul_transposed", a => Sum(MatMul(Transpose(a[0]), a[1]) * MatMul(Transpose(a[0]), a[1])), M, M),
        new("tensordot_int", a => Sum(Cos(TensorDot(a[0], a[1], 1))), M, N),
        new("tensordot_pairs", a => TensorDot(a[0], a[1], ([0, 1], [1, 0])) * TensorDot(a[0], a[0], 2), M, Mt),
        new("tensordot_zero_axes", a => Sum(TensorDot(a[0], a[1], 0) * 0.5), V, W),
        new("einsum_bilinear", a => Einsum("i,ij,j->", a[0], a[1], a[0]), V, Sq),
        new("einsum_batch", a => Sum(Square(Einsum("bij,jk->bik", a[0], a[1]))), T3, N),
        new("einsum_transpose_trace", a => Einsum("ij,ji->", a[0], a[1]) + Einsum("ii->", MatMul(a[1], a[0])), M, Mt),
        new("inner_outer_vdot", a => Sum(Outer(a[0], a[1]) * Outer(a[1], a[0])) + Inner(a[0], a[1]) + Vdot(a[1], a[0]), V, W),
        new("reductions", a => Sum(Max(a[0], 1)) * Sum(Min(a[0], 0)) + Sum(Prod(a[0] * 0.5 + 1, 0)) + Mean(Var(a[0], 1)), M),
        new("logsumexp_softmax", a => Sum(LogSumExp(a[0], 1)) + Sum(Softmax(a[0], 0) * a[0]), M),
        new("transposes_reshapes", a => Sum(Transpose(a[0]) * a[1]) + Sum(Reshape(a[0], 4, 3) * a[1]) + Sum(MoveAxis(a[0], 0, 1) * Square(a[1])), M, Mt),
        new("broadcast_then_reduce", a => Sum(Square(a[0] + Reshape(a[1], 1, 4)) * Reshape(a[1], 1, 4)), M, W),
        new("quadratic_form_solve", a => Dot(a[0], Solve(MatMul(a[1], Transpose(a[1])) + 4 * Eye(4, dtype: DType.F64), a[0])), V, Sq),
    ];

    public static TheoryData<string> Names() => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void VmapOfValueAndGradMatchesTheLoopEager(string name)
    {
        var c = Cases.Single(x => x.Name == name);
        for (int seed = 0; seed < 3; seed++) CheckVmapGrad(c, seed, jit: false);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void VmapOfValueAndGradMatchesTheLoopJitted(string name)
    {
        var c = Cases.Single(x => x.Name == name);
        for (int seed = 0; seed < 3; seed++) CheckVmapGrad(c, 100 + seed, jit: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DotGeneralWithRandomDimensionNumbersBatchesLikeTheLoop(bool jit)
    {
        for (int seed = 0; seed < 40; seed++)
        {
            var c = RandomDotGeneral(new Random(seed), out string dims);
            VmapHarness.Check(c with { Name = $"dot_general {dims} seed={seed}" }, seed, jit);
        }
    }

    [Fact]
    public void DotGeneralGradientWithRandomDimensionNumbersBatchesLikeTheLoop()
    {
        for (int seed = 0; seed < 24; seed++)
        {
            var dg = RandomDotGeneral(new Random(1000 + seed), out string dims);
            // A nonlinear scalar of the product, so the cotangent differs element by element.
            var c = new GradCase($"grad dot_general {dims} seed={seed}", a => Sum(Sin(dg.F(a))), dg.Args);
            CheckVmapGrad(c, seed, jit: seed % 2 == 1);
        }
    }

    /// <summary>
    /// A dot_general with 0–1 batch, 0–2 contracting and 0–1 free axes per operand, all axes of
    /// each operand in random order; every role has its own size, so a mixed-up axis fails loudly.
    /// </summary>
    private static VmapCase RandomDotGeneral(Random rng, out string dims)
    {
        int nb = rng.Next(2), nc = rng.Next(3), lf = rng.Next(2), rf = rng.Next(2);
        int[] batchSizes = [2], contractSizes = [4, 5], freeL = [6], freeR = [7];
        int[] Layout(int free) => [.. Enumerable.Range(0, nb + nc + free).OrderBy(_ => rng.Next())];
        int[] lp = Layout(lf), rp = Layout(rf);
        // Position k of the permutation holds role k: batch first, then contracting, then free.
        int[] lb = lp[..nb], lc = lp[nb..(nb + nc)], rb = rp[..nb], rc = rp[nb..(nb + nc)];
        // Contracting pairs in a random order, so lc[i] need not be the i-th smallest axis.
        var pairOrder = Enumerable.Range(0, nc).OrderBy(_ => rng.Next()).ToArray();
        int[] lShape = new int[lp.Length], rShape = new int[rp.Length];
        for (int i = 0; i < nb; i++) (lShape[lb[i]], rShape[rb[i]]) = (batchSizes[i], batchSizes[i]);
        for (int i = 0; i < nc; i++) (lShape[lc[i]], rShape[rc[i]]) = (contractSizes[i], contractSizes[i]);
        for (int i = 0; i < lf; i++) lShape[lp[nb + nc + i]] = freeL[i];
        for (int i = 0; i < rf; i++) rShape[rp[nb + nc + i]] = freeR[i];
        int[] lcP = pairOrder.Select(i => lc[i]).ToArray(), rcP = pairOrder.Select(i => rc[i]).ToArray();
        var p = new DotGeneralParams(lcP, rcP, lb, rb);
        dims = $"lhs{Show(lShape)} rhs{Show(rShape)} lb{Show(lb)} rb{Show(rb)} lc{Show(lcP)} rc{Show(rcP)}";
        return new VmapCase(dims, a => Prims.DotGeneral.Bind1([a[0], a[1]], p), new ArgSpec(lShape), new ArgSpec(rShape));
    }

    private static string Show(int[] v) => $"[{string.Join(",", v)}]";

    /// <summary>
    /// <c>Vmap(ValueAndGrad(f, all args))</c> (jitted or eager) against the per-example value and
    /// gradients, with random in axes (an argument may be unmapped) and random out axes.
    /// </summary>
    internal static void CheckVmapGrad(GradCase c, int seed, bool jit)
    {
        const int batch = VmapHarness.Batch;
        var rng = new Random(seed);
        int k = c.Args.Length;
        var inAxes = new int?[k];
        for (int i = 0; i < k; i++)
        {
            int rank = c.Args[i].Shape.Length + 1;
            if (i > 0 && rng.Next(3) == 0) continue;
            int a = rng.Next(rank);
            inAxes[i] = rng.Next(2) == 0 ? a : a - rank;
        }
        var examples = new double[k][][];
        for (int i = 0; i < k; i++)
        {
            int n = c.Args[i].Shape.Aggregate(1, (p, d) => p * d);
            examples[i] = Enumerable.Range(0, batch)
                .Select(_ => Enumerable.Range(0, n).Select(_ => Math.Round(4 * rng.NextDouble() - 2, 3)).ToArray()).ToArray();
        }
        var batched = new Tensor[k];
        for (int i = 0; i < k; i++)
        {
            int[] shape = c.Args[i].Shape;
            if (inAxes[i] is int a)
            {
                int at = a < 0 ? a + shape.Length + 1 : a;
                batched[i] = Tensor.From(VmapHarness.Stack(examples[i], shape, at), VmapHarness.Insert(shape, at, batch));
            }
            else batched[i] = VmapHarness.Make(examples[i][0], shape, ArgKind.Real);
        }

        int[] all = Enumerable.Range(0, k).ToArray();
        var vg = Ax.ValueAndGrad((Func<Tensor[], Tensor[]>)(a => [c.F(a)]), all);
        Func<Tensor[], Tensor[]> one = a =>
        {
            var (v, gs, _) = vg(a);
            return [v, .. gs];
        };

        // The reference: eager ValueAndGrad example by example.
        var expected = new double[k + 1][][];
        var outShapes = new int[k + 1][];
        for (int o = 0; o <= k; o++) expected[o] = new double[batch][];
        for (int b = 0; b < batch; b++)
        {
            var args = Enumerable.Range(0, k).Select(i => VmapHarness.Make(examples[i][inAxes[i] is null ? 0 : b], c.Args[i].Shape, ArgKind.Real)).ToArray();
            var outs = one(args);
            for (int o = 0; o <= k; o++)
            {
                outShapes[o] = outs[o].Shape.ToArray();
                expected[o][b] = outs[o].ToArray<double>();
            }
        }

        var outAxes = new int?[k + 1];
        var placed = new int[k + 1];
        for (int o = 0; o <= k; o++)
        {
            int rank = outShapes[o].Length + 1;
            placed[o] = rng.Next(rank);
            outAxes[o] = rng.Next(2) == 0 ? placed[o] : placed[o] - rank;
        }
        var vmapped = Ax.Vmap(one, inAxes, outAxes);
        if (jit) vmapped = Ax.Jit(vmapped);
        var actual = vmapped(batched);

        string what = $"{c.Name} inAxes=[{string.Join(", ", inAxes.Select(a => a?.ToString() ?? "null"))}] outAxes=[{string.Join(", ", outAxes)}] jit={jit}";
        Assert.Equal(k + 1, actual.Length);
        for (int o = 0; o <= k; o++)
        {
            string part = $"{what} output {(o == 0 ? "value" : $"grad {o - 1}")}";
            Assert.True(VmapHarness.Insert(outShapes[o], placed[o], batch).SequenceEqual(actual[o].Shape.ToArray()), $"{part}: shape {actual[o].Shape}, expected {Show(VmapHarness.Insert(outShapes[o], placed[o], batch))}");
            VmapHarness.Close(VmapHarness.Stack(expected[o], outShapes[o], placed[o]), actual[o].ToArray<double>(), part, 1e-8);
        }
    }
}
