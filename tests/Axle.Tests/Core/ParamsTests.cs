namespace Axle.Tests.Core;

/// <summary>
/// Typed params are cache keys and printed graphs: equality and hash must be structural (arrays
/// element-wise, sub-programs by reference) and the text must stay the canonical one.
/// </summary>
public class ParamsTests
{
    [Fact]
    public void ArrayParamsCompareElementWise()
    {
        int[] perm = [1, 0];
        var a = new TransposeParams(perm);
        var b = new TransposeParams(new[] { 1, 0 });
        perm[0] = 0; // the record copied the array, so a later write does not change the key
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new TransposeParams(new[] { 0, 1 }));
    }

    [Fact]
    public void DifferentRecordsWithEqualValuesDiffer() =>
        Assert.NotEqual<Params>(new ConcatenateParams(0), new ReduceParams(new[] { 0 }));

    [Fact]
    public void CanonicalTextNamesPropertiesInSnakeCaseInOrder()
    {
        Assert.Equal("shape=[2, 3], broadcast_dimensions=[1]", new BroadcastInDimParams(new[] { 2, 3 }, new[] { 1 }).ToString());
        Assert.Equal("dtype=i32, shape=[4], dimension=0", new IotaParams(DType.I32, new[] { 4 }, 0).ToString());
        Assert.Equal("dimension=1, num_keys=1, descending=false, is_stable=true", new SortParams(1, 1, false, true).ToString());
    }

    [Fact]
    public void WithRewritesOneParameter()
    {
        var p = new SliceParams(new[] { 0 }, new[] { 4 }, new[] { 1 });
        Assert.Equal(new SliceParams(new[] { 0 }, new[] { 4 }, new[] { 2 }), p with { Strides = new[] { 2 } });
        Assert.Equal(new SliceParams(new[] { 1 }, new[] { 4 }, new[] { 1 }), p.With("start_indices", new[] { 1 }));
        Assert.Equal(new[] { 4 }, p.Get<int[]>("limit_indices"));
    }

    [Fact]
    public void SymbolicSizesResolveToConcreteOnes()
    {
        var p = new ReshapeParams(Sizes.Of(new Shape(new Dim[] { Dim.Symbolic("n"), 3 })));
        Assert.True(SymbolicSizes.AnyIn(p));
        var resolved = SymbolicSizes.Resolve(p, new Dictionary<string, int> { ["n"] = 2 });
        Assert.Equal(new ReshapeParams(new[] { 2, 3 }), resolved);
        Assert.False(SymbolicSizes.AnyIn(resolved));
    }
}
