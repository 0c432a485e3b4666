using static Axle.Ops;

namespace Axle.Tests.Reliability;

internal static partial class BadInputCases
{
    private static IEnumerable<BadInputCase> Transforms()
    {
        Func<Tensor, Tensor> sum = x => Sum(x);
        Func<Tensor, Tensor> sq = x => x * x;
        Func<Tensor, Tensor, Tensor> sum2 = (x, y) => Sum(x * y);

        // Jit
        yield return Null("jit: null function", "f", () => Ax.Jit((Func<Tensor, Tensor>)null!));
        yield return Null("jit: null 2-ary function", "f", () => Ax.Jit((Func<Tensor, Tensor, Tensor>)null!));
        yield return Null("jit: null array function", "f", () => Ax.Jit((Func<Tensor[], Tensor[]>)null!));
        yield return Range("jit: static argnum past the arity", "staticArgnums", () => Ax.Jit(sum2, staticArgnums: [2])(F(2), F(2)), "2");
        yield return Range("jit: negative static argnum", "staticArgnums", () => Ax.Jit(sum2, staticArgnums: [-3])(F(2), F(2)), "-3");
        yield return Null("jit: null tensor argument", "args", () => Ax.Jit(sq)(null!));
        yield return Disposed("jit: disposed tensor argument", () => Ax.Jit(sq)(DisposedTensor()), "Tensor");
        yield return Arg("jit: shape error inside names both shapes", "y", () => Ax.Jit((Tensor a) => a + F(2))(F(3)), "(3,)", "(2,)");
        yield return Null("jit: null array of tensors", "tree", () => Ax.Jit((Func<Tensor[], Tensor[]>)(xs => xs))(null!));
        yield return Invalid("jit: function returns null", () => Ax.Jit((Func<Tensor, Tensor>)(_ => null!))(F(2)), "null");

        // Grad
        yield return Null("grad: null function", "f", () => Ax.Grad((Func<Tensor, Tensor>)null!));
        yield return Arg("grad: non-scalar output", "f", () => Ax.Grad(sq)(F(3)), "scalar", "(3,)");
        yield return Arg("grad: integer input", "x", () => Ax.Grad(sum)(I(3)), "i32", "float");
        yield return Range("grad: argnums past the arity", "argnums", () => Ax.Grad(sum2, argnums: 2)(F(2), F(2)), "2", "2 argument(s)");
        yield return Range("grad: negative argnums", "argnums", () => Ax.Grad(sum2, argnums: -3)(F(2), F(2)), "-3");
        yield return Range("grad: argnums array past the arity", "argnums", () => Ax.Grad(sum2, argnums: new[] { 0, 5 })(F(2), F(2)), "5");
        yield return Arg("grad: empty argnums", "argnums", () => Ax.Grad(sum2, argnums: Array.Empty<int>())(F(2), F(2)), "at least one");
        yield return Arg("grad: duplicate argnums", "argnums", () => Ax.Grad(sum2, argnums: new[] { 1, 1 })(F(2), F(2)), "1");
        yield return Arg("grad: non-scalar output of a 2-ary function", "f", () => Ax.Grad((Tensor x, Tensor y) => x * y)(F(2), F(2)), "scalar", "(2,)");
        yield return Arg("grad: integer output", "f", () => Ax.Grad((Tensor x) => Astype(Sum(x), DType.I32))(F(2)), "i32");
        yield return Arg("grad: array function, argnums past the inputs", "args", () => Ax.Grad((Func<Tensor[], Tensor>)(xs => Sum(xs[0])), argnums: 3)([F(2)]), "3", "1 were given");

        // ValueAndGrad
        yield return Null("value_and_grad: null function", "f", () => Ax.ValueAndGrad((Func<Tensor, Tensor>)null!));
        yield return Arg("value_and_grad: non-scalar output", "f", () => Ax.ValueAndGrad(sq)(F(4)), "scalar", "(4,)");
        yield return Range("value_and_grad: argnums past the arity", "argnums", () => Ax.ValueAndGrad(sum2, argnums: 7)(F(2), F(2)), "7");
        yield return Arg("value_and_grad: integer input", "x", () => Ax.ValueAndGrad(sum)(I(2)), "i32");

        // Vjp / Jvp
        yield return Null("vjp: null function", "f", () => Ax.Vjp((Func<Tensor, Tensor>)null!, F(2)));
        yield return Null("vjp: null primal", "primal", () => Ax.Vjp(sq, null!));
        yield return Arg("vjp: cotangent of the wrong shape", "cts", () => Ax.Vjp(sq, F(3)).Pullback(F(2)), "(3,)", "(2,)");
        yield return Arg("vjp: pullback with too many cotangents", "cts",
            () => Ax.Vjp((Func<Tensor[], Tensor[]>)(xs => xs), F(2)).Pullback([F(2), F(2)]), "1", "2");
        yield return Null("jvp: null function", "f", () => Ax.Jvp((Func<Tensor, Tensor>)null!, F(2), F(2)));
        yield return Arg("jvp: tangent of the wrong shape", "tangents", () => Ax.Jvp(sq, F(3), F(2)), "(3,)", "(2,)");
        yield return Arg("jvp: primals and tangents of different counts", "tangents",
            () => Ax.Jvp((Func<Tensor[], Tensor[]>)(xs => xs), [F(2), F(2)], [F(2)]), "2", "1");
        yield return Null("jvp: null tangent", "tangent", () => Ax.Jvp(sq, F(2), null!));

        // Jacobians
        yield return Null("jacfwd: null function", "f", () => Ax.JacFwd(null!));
        yield return Arg("jacfwd: integer input", "x", () => Ax.JacFwd(sq)(I(2)), "i32");
        yield return Null("jacrev: null function", "f", () => Ax.JacRev(null!));
        yield return Arg("jacrev: integer input", "x", () => Ax.JacRev(sq)(I(2)), "i32");
        yield return Null("hessian: null function", "f", () => Ax.Hessian(null!));
        yield return Arg("hessian: non-scalar output", "f", () => Ax.Hessian(sq)(F(2)), "scalar", "(2,)");

        // Vmap
        yield return Null("vmap: null function", "f", () => Ax.Vmap((Func<Tensor, Tensor>)null!));
        yield return Arg("vmap: inAxes longer than the arity", "inAxes", () => Ax.Vmap(sq, inAxes: [0, 0])(F(2, 3)), "1", "2");
        yield return Arg("vmap: in axis past the rank", "inAxes", () => Ax.Vmap(sq, inAxes: [2])(F(2, 3)), "2", "rank 2");
        yield return Arg("vmap: in axis below minus the rank", "inAxes", () => Ax.Vmap(sq, inAxes: [-3])(F(2, 3)), "-3", "rank 2");
        yield return Arg("vmap: mapping a scalar", "inAxes", () => Ax.Vmap(sq)(F()), "rank 0");
        yield return Arg("vmap: mismatched axis sizes", "args", () => Ax.Vmap((Tensor x, Tensor y) => x + y)(F(2), F(3)), "2", "3");
        yield return Arg("vmap: no mapped input and no axis size", "axisSize", () => Ax.Vmap(sq, inAxes: [null])(F(2)), "axisSize");
        yield return Arg("vmap: axis size disagrees with the input", "axisSize", () => Ax.Vmap(sq, axisSize: 5)(F(2)), "5", "2");
        yield return Range("vmap: negative axis size", "axisSize", () => Ax.Vmap(sq, inAxes: [null], axisSize: -1)(F(2)), "-1");
        yield return Arg("vmap: out axis past the rank", "outAxes", () => Ax.Vmap(sq, outAxes: [3])(F(2, 3)), "3", "rank 2");
        yield return Arg("vmap: outAxes longer than the outputs", "outAxes", () => Ax.Vmap(sq, outAxes: [0, 0])(F(2, 3)), "1", "2");
        yield return Arg("vmap: array function with short inAxes", "inAxes",
            () => Ax.Vmap((Func<Tensor[], Tensor[]>)(xs => xs), inAxes: [0])([F(2), F(2)]), "1", "2");
        yield return Null("vmap: null tensor argument", "args", () => Ax.Vmap(sq)(null!));
    }
}
