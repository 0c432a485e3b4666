using static Axle.Ops;

namespace Axle.Tests.Core;

public class PytreeTests
{
    public sealed record Layer(Tensor W, Tensor B);

    public sealed class Model
    {
        public Tensor[] Scales { get; set; } = [];

        public Layer First { get; set; } = null!;

        public string Name { get; set; } = "not a leaf";
    }

    [Fact]
    public void FlattenAndUnflattenRoundTrip()
    {
        var a = Tensor.From(1f);
        var b = Tensor.From(2f);
        var c = Tensor.From(3f);
        var model = new Model { Scales = [a], First = new Layer(b, c) };
        var (leaves, def) = Pytree.Flatten(model);
        Assert.Equal([a, b, c], leaves);
        var back = (Model)def.Unflatten([c, b, a]);
        Assert.Same(c, back.Scales[0]);
        Assert.Same(b, back.First.W);
        Assert.Same(a, back.First.B);

        var (tupleLeaves, tupleDef) = Pytree.Flatten((a, new[] { b, c }));
        Assert.Equal(3, tupleLeaves.Length);
        var rebuilt = ((Tensor, Tensor[]))tupleDef.Unflatten(tupleLeaves);
        Assert.Same(c, rebuilt.Item2[1]);
        Assert.Equal(tupleDef, Pytree.Flatten((c, new[] { a, b })).Def);
        Assert.NotEqual(tupleDef, Pytree.Flatten((c, new[] { a })).Def);
    }

    [Fact]
    public void JitOfRecordsAndTuples()
    {
        var layer = new Layer(Tensor.From(new float[,] { { 1, 2 }, { 3, 4 } }), Tensor.From(new float[] { 10, 20 }));
        var apply = Ax.Jit((Layer l) => (MatMul(Tensor.From(new float[] { 1, 1 }), l.W) + l.B, Sum(l.B)));
        var (y, s) = apply(layer);
        Assert.Equal(new float[] { 14, 26 }, y.ToArray<float>());
        Assert.Equal(30f, s.Item<float>());

        var scale = Ax.Jit((Layer l, Tensor k) => new Layer(l.W * k, l.B * k));
        var scaled = scale(layer, 2.0);
        Assert.Equal(new float[] { 20, 40 }, scaled.B.ToArray<float>());
        Assert.Equal(new float[] { 2, 4, 6, 8 }, scaled.W.ToArray<float>());
    }
}
