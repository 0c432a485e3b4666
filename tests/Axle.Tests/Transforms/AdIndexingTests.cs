using static Axle.Ops;

namespace Axle.Tests.Transforms;

/// <summary>
/// Gradients through indexing: gather's transpose (a scatter_add), scatter_add's own rules, and
/// the public ops built on them, checked against central finite differences in F64.
/// </summary>
public class AdIndexingTests
{
    private static readonly Tensor Idx = Tensor.From(new[] { 2, 0, 2, -1, 1 });
    private static readonly Tensor Idx2 = Tensor.From(new[] { 2, 0, 2, 1, 1, 2 }, 2, 3);
    private static readonly Tensor Pairs = Tensor.From(new[] { 1, 2, 0, 0, 1, 2, -1, 3 }, 4, 2);
    private static readonly Tensor Along = Tensor.From(new[] { 0, 3, 3, 1, 2, 2, 0, 0, 1, 3, 3, 3 }, 3, 4);
    private static readonly Tensor OutOfRange = Tensor.From(new[] { 1, 7, -9, 1 });
    private static readonly Tensor Start = Tensor.From(1);

    public static TheoryData<AdCase> Cases() =>
    [
        new("take_axis1_repeated", x => Take(x, Idx, 1) * Take(x, Idx, 1)),
        new("take_axis0_2d_indices", x => Sin(Take(x, Idx2, 0))),
        new("take_flat", x => Take(x * x, Idx2)),
        new("take_clip_out_of_range", x => Take(x, OutOfRange, 1, IndexMode.Clip) * 2.0),
        new("take_along_axis", x => TakeAlongAxis(Exp(x), Along, 1)),
        new("take_along_axis0", x => TakeAlongAxis(x, Tensor.From(new[] { 2, 0, 1, 2 }, 1, 4), 0) * x),
        new("gather_nd", x => Gather(x * x, Pairs)),
        new("gather_rows", x => Gather(x, Tensor.From(new[] { 2, 2, 0 }, 3, 1)) * 3.0),
        new("scatter_add_operand", x => ScatterAdd(x * x, Pairs, 1.5)),
        new("scatter_add_updates", x => ScatterAdd(Zeros([3, 4], DType.F64), Pairs, Sin(Ravel(x)[..4]))),
        new("scatter_add_both_rows", x => ScatterAdd(x, Tensor.From(new[] { 1, 1, -1 }, 3, 1), x * x)),
        new("scatter_add_dropped", x => ScatterAdd(x, Tensor.From(new[] { 0, 5, 2, 1 }, 2, 2), Cos(x[..2, 0]))),
        new("index_add_axis1", x => IndexAdd(x, Idx, Take(x, Idx, 1) * 2.0, axis: 1)),
        new("index_add_axis0_2d", x => IndexAdd(Zeros([5, 4], DType.F64), Idx2, Tanh(Stack([x[..2], x[1..3], x[..2]], 1)), axis: 0)),
        new("index_add_out_of_range", x => IndexAdd(x * x, OutOfRange, x, axis: 1)),
        new("dynamic_update_slice_traced", x => DynamicUpdateSlice(x * x, Sin(x)[..2, 1..], [Start, Start])),
        new("dynamic_slice_then_take", x => Take(DynamicSlice(x, [Start, Start], [2, 3]), Tensor.From(new[] { 0, 0, 2 }), 1)),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientsMatchFiniteDifferences(AdCase c) => AdHarness.Check(c);

    [Fact]
    public void ScatterAddAccumulatesRepeatsAndDropsOutOfRange()
    {
        var x = Zeros([5], DType.F64);
        var r = ScatterAdd(x, Tensor.From(new[] { 1, 3, 1, 9, -1, -6 }, 6, 1), Tensor.From(new double[] { 10, 20, 30, 40, 50, 60 }));
        Assert.Equal(new double[] { 0, 40, 0, 20, 50 }, r.ToArray<double>());

        var m = IndexAdd(Ones([2, 3], DType.F64), Tensor.From(new[] { 2, 2, 0 }), 1.0, axis: 1);
        Assert.Equal(new double[] { 2, 1, 3, 2, 1, 3 }, m.ToArray<double>());
        var ints = IndexAdd(Tensor.From(new[] { 1, 2, 3 }), Tensor.From(new[] { 0, 0 }), Tensor.From(new[] { 5, 6 }));
        Assert.Equal(new[] { 12, 2, 3 }, ints.ToArray<int>());
    }

    [Fact]
    public void GradOfTakeCountsRepeatedIndices()
    {
        var g = Ax.Grad((Tensor x) => Sum(Take(x, Tensor.From(new[] { 0, 2, 2, -1, 2 }))))(Tensor.From(new double[] { 1, 2, 3, 4 }));
        Assert.Equal(new double[] { 1, 0, 3, 1 }, g.ToArray<double>());
    }

    [Fact]
    public void SecondDerivativesFlowThroughGatherAndScatter()
    {
        // f(x) = Σ take(x, idx)³: its Hessian is diagonal with 6·count(i)·x_i.
        var idx = Tensor.From(new[] { 0, 2, 2, 3 });
        Func<Tensor, Tensor> f = x => Sum(Power(Take(x, idx), 3));
        var x0 = Tensor.From(new double[] { 0.5, -1, 2, 1.5 });
        var h = Ax.Jit(Ax.Hessian(f))(x0).ToArray<double>();
        double[] counts = [1, 0, 2, 1];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                AdHarness.AssertClose(i == j ? 6 * counts[i] * x0.ToArray<double>()[i] : 0, h[i * 4 + j], $"H[{i},{j}]");
    }

    [Fact]
    public void VmapOfGradThroughTakeMatchesTheLoop()
    {
        var idx = Tensor.From(new[] { 1, 1, 0, 3 });
        Func<Tensor, Tensor> g = Ax.Grad((Tensor x) => Sum(Sin(Take(x, idx)) * Take(x, idx)));
        var rng = new Random(3);
        var xs = Tensor.From(AdHarness.Draw(rng, 20, -2, 2), 5, 4);
        var batched = Ax.Jit(Ax.Vmap(g))(xs).ToArray<double>();
        for (int b = 0; b < 5; b++)
        {
            var one = g(xs[b]).ToArray<double>();
            AdHarness.AssertClose(one, batched[(b * 4)..((b + 1) * 4)], $"example {b}", 1e-12);
        }
    }
}
