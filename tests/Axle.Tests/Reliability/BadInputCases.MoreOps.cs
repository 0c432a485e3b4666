using static Axle.Ops;

namespace Axle.Tests.Reliability;

internal static partial class BadInputCases
{
    private static IEnumerable<BadInputCase> MoreOps()
    {
        // Creation
        yield return Range("zeros: negative size", "dims", () => Zeros(2, -1), "-1", "(2, -1)");
        yield return Range("ones: negative size", "dims", () => Ones(-3), "-3");
        yield return Range("ones: negative size with dtype", "dims", () => Ones([-1, 2], DType.I32), "-1");
        yield return Range("full: negative size", "dims", () => Full(new[] { -4 }, 1.0), "-4");
        yield return Arg("full: non-scalar fill value", "value", () => Full(new[] { 2 }, F(3)), "scalar", "(3,)");
        yield return Null("full: null shape", "shape", () => Full((int[])null!, 1.0));
        yield return Arg("eye: negative size", "n", () => Eye(-1), "-1");
        yield return Arg("eye: negative columns", "m", () => Eye(2, -2), "-2");
        yield return Arg("identity: negative size", "n", () => Identity(-5), "-5");
        yield return Arg("arange: zero step", "step", () => Arange(0, 5, 0), "0");
        yield return Arg("arange: zero float step", "step", () => Arange(0.0, 1.0, 0.0), "0");
        yield return Arg("linspace: negative count", "num", () => Linspace(0, 1, -2), "-2");

        // Contractions and linear algebra
        yield return Arg("matmul: inner sizes differ", "y", () => MatMul(F(2, 3), F(4, 2)), "(2, 3)", "(4, 2)");
        yield return Arg("matmul: scalar operand", "x", () => MatMul(F(), F(2)), "scalar");
        yield return Arg("matmul: batch sizes do not broadcast", "y", () => MatMul(F(2, 2, 2), F(3, 2, 2)), "(2, 2, 2)", "(3, 2, 2)");
        yield return Arg("dot: sizes differ", "b", () => Dot(F(3), F(4)), "(3,)", "(4,)");
        yield return Arg("inner: sizes differ", "b", () => Inner(F(3), F(2)), "(3,)", "(2,)");
        yield return Arg("tensordot: contracted sizes differ", "b", () => TensorDot(F(2, 3), F(4, 2), 1), "(2, 3)", "(4, 2)");
        yield return Arg("tensordot: too many axes", "axes", () => TensorDot(F(2), F(2), 3), "3");
        yield return Arg("einsum: operand count differs", "operands", () => Einsum("ij,jk->ik", F(2, 2)), "2", "1");
        yield return Arg("einsum: subscript rank differs", "operands", () => Einsum("ij->i", F(2)), "\"ij\" name 2 axes", "rank 1");
        yield return Arg("einsum: a letter's sizes differ", "operands[1]", () => Einsum("ij,jk->ik", F(2, 3), F(4, 2)), "j", "3", "4");
        yield return Arg("einsum: output letter not in the inputs", "subscripts", () => Einsum("ij->k", F(2, 2)), "k");
        yield return Arg("einsum: bad character", "subscripts", () => Einsum("i$->i", F(2, 2)), "$");
        yield return Null("einsum: null subscripts", "subscripts", () => Einsum(null!, F(2)));
        yield return Arg("cholesky: non-square", "a", () => Cholesky(F(2, 3)), "square", "(2, 3)");
        yield return Arg("cholesky: vector", "a", () => Cholesky(F(3)), "(3,)");
        yield return Arg("inv: non-square", "a", () => Inv(F(2, 3)), "square", "(2, 3)");
        yield return Arg("det: vector", "a", () => Det(F(3)), "(3,)");
        yield return Arg("solve: right side rows differ", "b", () => Solve(F(2, 2), F(3)), "(2, 2)", "(3,)");
        yield return Arg("solve: non-square", "a", () => Solve(F(2, 3), F(2)), "square", "(2, 3)");
        yield return Arg("cholesky_solve: rows differ", "b", () => CholeskySolve(F(2, 2), F(3)), "(2, 2)", "(3, 1)");

        // Indexing and gathers
        yield return Arg("index: past the end", "index", () => _ = F(3)[3], "index 3", "size 3");
        yield return Arg("index: below minus the size", "index", () => _ = F(3)[^4], "^4", "size 3");
        yield return Arg("index: more indices than dims", "index", () => _ = F(3)[0, 0], "2", "rank 1");
        yield return Arg("take: float indices", "indices", () => Take(F(3), F(2)), "integer", "f32");
        yield return Arg("take: axis past the rank", "axis", () => Take(F(3), I(2), axis: 1), "1", "rank 1");
        yield return Arg("take_along_axis: ranks differ", "indices", () => TakeAlongAxis(F(2, 2), I(2), axis: 0), "(2, 2)", "(2,)");
        yield return Arg("dynamic_slice: wrong number of starts", "startIndices", () => DynamicSlice(F(4, 4), [I()], [2, 2]), "2", "1");
        yield return Arg("dynamic_slice: slice bigger than the operand", "sizes", () => DynamicSlice(F(4), [I()], [5]), "5", "(4,)");
        yield return Arg("dynamic_slice: negative slice size", "sizes", () => DynamicSlice(F(4), [I()], [-1]), "-1");
        yield return Arg("dynamic_update_slice: update bigger than the operand", "update", () => DynamicUpdateSlice(F(2), F(3), [I()]), "(3,)", "(2,)");
        yield return Arg("dynamic_update_slice: dtypes differ", "update", () => DynamicUpdateSlice(F(3), Tensor.From(new double[1]), [I()]), "f32", "f64");
        yield return Arg("scatter_add: float indices", "indices", () => ScatterAdd(F(3), F(1), F(1)), "integer", "f32");
        yield return Range("astype: unknown dtype", "type", () => Astype(F(2), (DType)999), "999");
        yield return Arg("polygamma: negative order", "n", () => Polygamma(-1, F(2)), "-1");
    }
}
