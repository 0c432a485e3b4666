using static Axle.Ops;

namespace Axle.Tests.Transforms;

/// <summary>
/// <c>Vmap</c> of scatter_add (operand, indices and updates each batched or not, random in/out
/// axes) and of gradients through gathers (whose transposes are scatters) equals the loop.
/// </summary>
public class VmapScatterTests
{
    private static readonly ArgSpec M = new([4, 3]);
    private static readonly ArgSpec Rows = new([5, 3]);
    private static readonly ArgSpec Row = new([3]);
    private static readonly ArgSpec Idx = new([5], ArgKind.Index, 4);
    private static readonly ArgSpec Pairs = new([5, 2], ArgKind.Index, 3);
    private static readonly ArgSpec Wide = new([6], ArgKind.Index, 6);

    private static readonly VmapCase[] Cases =
    [
        new("index_add_rows", a => IndexAdd(a[0], a[1], a[2], axis: 0), M, Idx, Rows),
        new("index_add_cols_broadcast_update", a => IndexAdd(a[0], a[1], a[2], axis: 1), M, new ArgSpec([4], ArgKind.Index, 3), new ArgSpec([4])),
        new("index_add_out_of_range", a => IndexAdd(a[0], a[1], Sin(a[0][0]), axis: 1), M, new ArgSpec([3], ArgKind.Index, 6)),
        new("scatter_add_pairs", a => ScatterAdd(a[0], a[1], a[2][.., 0]), M, Pairs, Rows),
        new("scatter_add_nd_window", a => ScatterAdd(a[0], Reshape(a[1], 5, 1), a[2]), M, Idx, Rows),
        new("grad_of_take", a => Ax.Grad((Tensor x) => Sum(Square(Take(x, a[1], 1)) * a[0][..2]))(a[0]), M, new ArgSpec([2, 3], ArgKind.Index, 3)),
        new("grad_of_take_along_axis", a => Ax.Grad((Tensor x) => Sum(Exp(TakeAlongAxis(x, a[1], 0))))(a[0]), M, new ArgSpec([2, 3], ArgKind.Index, 4)),
        new("grad_of_gather_nd", a => Ax.Grad((Tensor x) => Sum(Gather(x, a[1]) * 1.5))(a[0]), M, Pairs),
        new("grad_of_index_add_updates", a => Ax.Grad((Tensor u) => Sum(Square(IndexAdd(a[0], a[1], u, axis: 0))))(a[2]), M, Idx, Rows),
        new("wide_take", a => IndexAdd(Zeros([6], DType.F64), a[1], Take(a[0], a[1])), new ArgSpec([6]), Wide),
    ];

    public static TheoryData<string> Names() => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void JittedVmapMatchesLoop(string name)
    {
        var c = Cases.Single(x => x.Name == name);
        for (int seed = 0; seed < 3; seed++) VmapHarness.Check(c, 1000 * seed + name.Length, jit: true);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EagerVmapMatchesLoop(string name) =>
        VmapHarness.Check(Cases.Single(x => x.Name == name), 17 + name.Length, jit: false);
}
