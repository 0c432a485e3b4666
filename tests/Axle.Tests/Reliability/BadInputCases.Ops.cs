using static Axle.Ops;

namespace Axle.Tests.Reliability;

internal static partial class BadInputCases
{
    private static IEnumerable<BadInputCase> OpsCases()
    {
        // Elementwise: broadcasting and dtypes
        yield return Arg("add: shapes do not broadcast", "y", () => Add(F(2, 3), F(4)), "(2, 3)", "(4,)");
        yield return Arg("subtract: shapes do not broadcast", "y", () => Subtract(F(3), F(2)), "(3,)", "(2,)");
        yield return Arg("multiply: shapes do not broadcast", "y", () => Multiply(F(2, 2), F(3, 2)), "(2, 2)", "(3, 2)");
        yield return Arg("divide: shapes do not broadcast", "y", () => Divide(F(5), F(4)), "(5,)", "(4,)");
        yield return Arg("maximum: shapes do not broadcast", "y", () => Maximum(F(1, 3), F(2)), "(1, 3)", "(2,)");
        yield return Arg("where: condition does not broadcast", "x", () => Where(Tensor.From(new bool[3]), F(2), F(2)), "(3,)", "(2,)");
        yield return Arg("where: branches do not broadcast", "y", () => Where(Tensor.From(new bool[2]), F(2), F(3)), "(2,)", "(3,)");
        yield return Arg("bitwise_and: float operands", "x", () => BitwiseAnd(F(2), F(2)), "IntegerOrBool", "f32");
        yield return Arg("bitwise_not: float operand", "x", () => BitwiseNot(F(2)), "IntegerOrBool", "f32");
        yield return Arg("shift_left: float operand", "x", () => ShiftLeft(F(2), I(2)), "f32");
        yield return Arg("logical_and: shapes do not broadcast", "y", () => LogicalAnd(Tensor.From(new bool[2]), Tensor.From(new bool[3])), "(2,)", "(3,)");
        yield return Null("add: null operand", "x", () => Add(null!, F(2)));
        yield return Null("exp: null operand", "x", () => Exp(null!));
        yield return Disposed("exp: disposed operand", () => Exp(DisposedTensor()), "Tensor");
        yield return Disposed("add: disposed operand", () => Add(F(3), DisposedTensor()), "Tensor");

        // Reductions and axes
        yield return Arg("sum: axis past the rank", "axis", () => Sum(F(3), axis: 1), "1", "rank 1");
        yield return Arg("sum: axis below minus the rank", "axis", () => Sum(F(3), axis: -2), "-2", "rank 1");
        yield return Arg("sum: repeated axes", "axis", () => Sum(F(2, 2), axis: [0, 0]), "0");
        yield return Arg("mean: axis past the rank", "axis", () => Mean(F(2, 2), axis: 2), "2", "rank 2");
        yield return Arg("max: axis past the rank", "axis", () => Max(F(2), axis: 3), "3", "rank 1");
        yield return Arg("argmax: axis past the rank", "axis", () => ArgMax(F(2), axis: 1), "1", "rank 1");
        yield return Arg("logsumexp: axis past the rank", "axis", () => LogSumExp(F(2), axis: 4), "4", "rank 1");
        yield return Arg("var: axis past the rank", "axis", () => Var(F(2), axis: 2), "2", "rank 1");
        yield return Arg("cumsum: axis past the rank", "axis", () => Cumsum(F(2), axis: 1), "1", "rank 1");
        yield return Arg("sort: axis past the rank", "axis", () => Sort(F(2), axis: 1), "1", "rank 1");
        yield return Arg("argsort: axis past the rank", "axis", () => ArgSort(F(2, 2), axis: -3), "-3", "rank 2");
        yield return Arg("softmax: axis past the rank", "axis", () => Softmax(F(2), axis: 1), "1", "rank 1");
        yield return Arg("flip: axis past the rank", "axis", () => Flip(F(2), axis: 2), "2", "rank 1");
        yield return Arg("argmax: of an empty axis", "x", () => ArgMax(F(0)), "size zero", "(0,)");
        yield return Arg("max: of an empty axis", "x", () => Max(F(0)), "size zero", "(0,)");

        // Shapes
        yield return Arg("reshape: element counts differ", "shape", () => Reshape(F(2, 3), 4, 2), "(2, 3)", "(4, 2)");
        yield return Arg("reshape: negative size", "shape", () => Reshape(F(6), -2, 3), "-2");
        yield return Arg("reshape: two unknown sizes", "shape", () => Reshape(F(6), -1, -1), "-1");
        yield return Arg("transpose: permutation of the wrong length", "axes", () => Transpose(F(2, 3), 0), "(2, 3)", "[0]");
        yield return Arg("transpose: repeated axis", "axes", () => Transpose(F(2, 3), 1, 1), "[1, 1]");
        yield return Arg("transpose: axis past the rank", "axes", () => Transpose(F(2, 3), 0, 2), "2", "rank 2");
        yield return Arg("squeeze: axis of size 2", "axis", () => Squeeze(F(2, 1), 0), "0", "(2, 1)");
        yield return Arg("squeeze: axis past the rank", "axis", () => Squeeze(F(2, 1), 2), "2", "rank 2");
        yield return Arg("expand_dims: axis past the rank", "axis", () => ExpandDims(F(2), 3), "3", "rank 2");
        yield return Arg("broadcast_to: incompatible target", "shape", () => BroadcastTo(F(3), 2, 2), "(3,)", "(2, 2)");
        yield return Arg("broadcast_to: lower rank target", "x", () => BroadcastTo(F(2, 3), 3), "(2, 3)", "(3,)");
        yield return Range("broadcast_to: negative size", "dims", () => BroadcastTo(F(1), -1), "-1");
        yield return Arg("concatenate: no tensors", "xs", () => Concatenate([]), "at least one");
        yield return Arg("concatenate: shapes differ off the axis", "xs[1]", () => Concatenate([F(2, 3), F(2, 4)]), "(2, 3)", "(2, 4)");
        yield return Arg("concatenate: axis past the rank", "axis", () => Concatenate([F(2), F(2)], axis: 1), "1", "rank 1");
        yield return Arg("concatenate: ranks differ", "xs[1]", () => Concatenate([F(2), F(2, 1)]), "(2,)", "(2, 1)");
        yield return Arg("stack: shapes differ", "xs[1]", () => Stack([F(2), F(3)]), "(2,)", "(3,)");
        yield return Arg("stack: no tensors", "xs", () => Stack([]), "at least one");
        yield return Arg("stack: axis past the rank", "axis", () => Stack([F(2), F(2)], axis: 3), "3");
        yield return Arg("split: sections do not divide the axis", "sections", () => Split(F(5), 2), "5", "2");
        yield return Arg("split: zero sections", "sections", () => Split(F(4), 0), "0");
        yield return Arg("tile: negative repetition", "reps", () => Tile(F(2), -1), "-1");
        yield return Arg("repeat: negative repeats", "repeats", () => Repeat(F(2), -1), "-1");
        yield return Arg("pad: negative width", "padWidth", () => Pad(F(2), -3), "-3", "(2,)");
        yield return Arg("moveaxis: source past the rank", "source", () => MoveAxis(F(2, 3), 2, 0), "2", "rank 2");
        yield return Arg("swapaxes: axis past the rank", "axis2", () => SwapAxes(F(2, 3), 0, 5), "5", "rank 2");
        yield return Arg("diagonal: equal axes", "axis2", () => Diagonal(F(2, 2), axis1: 0, axis2: 0), "0");
    }
}
