using static Axle.Ops;

namespace Axle.Tests.Reliability;

internal static partial class BadInputCases
{
    private static IEnumerable<BadInputCase> ControlFlow()
    {
        Func<Tensor, Tensor> id = x => x;
        Func<Tensor[], Tensor[]> idN = xs => xs;
        Tensor yes = Tensor.From(true);

        yield return Null("cond: null predicate", "pred", () => Ax.Cond(null!, id, id, F(2)));
        yield return Arg("cond: vector predicate", "pred", () => Ax.Cond(Tensor.From(new[] { true, false }), id, id, F(2)), "scalar", "(2,)");
        yield return Null("cond: null true branch", "trueFn", () => Ax.Cond(yes, null!, id, F(2)));
        yield return Null("cond: null false branch", "falseFn", () => Ax.Cond(yes, id, null!, F(2)));
        yield return Arg("cond: branches of different shapes", "trueFn", () => Ax.Cond(yes, id, x => Concatenate([x, x]), F(2)), "f32[2]", "f32[4]");
        yield return Arg("cond: branches of different dtypes", "trueFn", () => Ax.Cond(yes, id, x => Astype(x, DType.F64), F(2)), "f32", "f64");
        yield return Arg("cond: branches with different output counts", "trueFn",
            () => Ax.Cond(yes, idN, xs => [xs[0], xs[0]], F(2)), "(f32[2], f32[2])", "(f32[2])");
        yield return Arg("switch: no branches", "branches", () => Ax.Switch(I(), [], F(2)), "at least one");
        yield return Arg("switch: float index", "index", () => Ax.Switch(F(), [idN], F(2)), "integer", "f32");
        yield return Arg("switch: vector index", "index", () => Ax.Switch(I(3), [idN], F(2)), "scalar", "(3,)");

        yield return Null("while: null condition", "condFn", () => Ax.WhileLoop(null!, id, F(2)));
        yield return Null("while: null body", "bodyFn", () => Ax.WhileLoop(x => Sum(x) < 1, null!, F(2)));
        yield return Arg("while: condition returns a vector", "condFn", () => Ax.WhileLoop(x => x < 1, id, F(2)), "scalar", "bool[2]");
        yield return Arg("while: condition returns a float", "condFn", () => Ax.WhileLoop(x => Sum(x), id, F(2)), "bool", "f32");
        yield return Arg("while: body changes the carry's shape", "bodyFn", () => Ax.WhileLoop(x => Sum(x) < 1, x => Concatenate([x, x]), F(2)), "f32[2]", "f32[4]");
        yield return Arg("while: body changes the carry's dtype", "bodyFn", () => Ax.WhileLoop(x => Sum(x) < 1, x => Astype(x, DType.F64), F(2)), "f32", "f64");
        yield return Null("while: null initial value", "initVal", () => Ax.WhileLoop(x => Sum(x) < 1, id, (Tensor)null!));

        yield return Arg("fori: body changes the carry's shape", "f", () => Ax.ForiLoop(0, 3, (i, x) => Concatenate([x, x]), F(2)), "f32[2]", "f32[4]");
        yield return Null("fori: null body", "bodyFn", () => Ax.ForiLoop(0, 3, null!, F(2)));
        yield return Arg("fori: float bounds", "lower", () => Ax.ForiLoop(F(), F(), (i, xs) => xs, [F(2)]), "integer", "f32");

        yield return Null("scan: null step", "f", () => Ax.Scan(null!, F(), F(3)));
        yield return Arg("scan: scalar xs", "xs", () => Ax.Scan((c, x) => (c, x), F(), F()), "leading axis", "scalar");
        yield return Arg("scan: xs of different lengths", "xs",
            () => Ax.Scan((c, x) => (c, [x[0]]), [F()], [F(3), F(4)]), "3", "4");
        yield return Arg("scan: length disagrees with xs", "xs",
            () => Ax.Scan((c, x) => (c, [x[0]]), [F()], [F(3)], length: 5), "5", "3");
        yield return Arg("scan: no xs and no length", "length", () => Ax.Scan((c, x) => (c, []), [F()], []), "length");
        yield return Arg("scan: step changes the carry's shape", "f", () => Ax.Scan((c, x) => (Concatenate([c, c]), x), F(2), F(3)), "f32[2]", "f32[4]");
        yield return Arg("scan: step changes the carry's dtype", "f", () => Ax.Scan((c, x) => (Astype(c, DType.F64), x), F(2), F(3)), "f32", "f64");
        yield return Range("scan: negative length", "length", () => Ax.Scan((c, x) => (c, []), [F()], [], length: -1), "-1");
    }

    private static IEnumerable<BadInputCase> Symbolic()
    {
        yield return Null("function: null inputs", "inputs", () => Ax.Function(null!, Sym.Scalar("a")));
        yield return Null("function: null output", "output", () => Ax.Function([Sym.Scalar("a")], (Tensor)null!));
        yield return Arg("function: concrete input", "inputs", () => Ax.Function([F(2)], Sym.Scalar("a")), "symbolic");
        yield return Arg("function: input listed twice", "inputs", () =>
        {
            Tensor a = Sym.Scalar("a");
            Ax.Function([a, a], a * 2);
        }, "twice");
        yield return Invalid("function: output reads an input not listed", () =>
        {
            Tensor a = Sym.Scalar("a");
            Tensor b = Sym.Scalar("b");
            Ax.Function([a], a + b);
        }, "b");
        yield return Arg("function: too many arguments", "args", () => SymVectorFunction()(F(2), F(2)), "1", "2");
        yield return Arg("function: wrong dtype", "args", () => SymVectorFunction()(Tensor.From(new double[2])), "f32", "f64");
        yield return Arg("function: wrong rank", "args", () => SymVectorFunction()(F(2, 2)), "rank", "(2, 2)");
        yield return Arg("function: arguments disagree on a shared size", "args", () =>
        {
            Tensor x = Sym.Vector("x");
            Tensor y = Sym.Vector("y", DType.F32, x.Shape[0]);
            Ax.Function([x, y], x + y)(F(2), F(3));
        }, "2", "3");
        yield return Null("function: null argument", "args", () => SymVectorFunction()(null!));
        yield return Arg("sym: empty name", "name", () => Sym.Scalar(""), "name");
        yield return Range("sym: negative rank", "rank", () => Sym.Tensor("t", DType.F32, -1), "-1");
    }

    private static TensorFunction SymVectorFunction()
    {
        Tensor v = Sym.Vector("v");
        return Ax.Function([v], Exp(v));
    }
}
