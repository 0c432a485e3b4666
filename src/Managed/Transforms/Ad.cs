namespace Axle;

/// <summary>
/// Helpers that make a primitive's derivative rules one line in its stanza (JAX's <c>defjvp</c>,
/// <c>deflinear</c>, ...). Rules run in the parent trace of the forward-mode trace and are written
/// with public ops and binds, so they are themselves differentiable (higher derivatives) and
/// batchable. Tangents are never weak and have exactly their primal's dtype and shape.
/// </summary>
internal static class Ad
{
    /// <summary>Unary elementwise: <c>tangent = t * derivative(x, y)</c> where <c>y = prim(x)</c>.</summary>
    public static Primitive DefJvpUnary(this Primitive prim, Func<Tensor, Tensor, Tensor> derivative) =>
        prim.DefJvp((xs, ts, p) =>
        {
            var y = prim.Bind1(xs, p);
            return ([y], [ts[0] is Tensor t ? Mul(t, derivative(xs[0], y)) : null]);
        });

    /// <summary>
    /// Binary elementwise: <c>tangent = tx * dx(x, y, z) + ty * dy(x, y, z)</c> where <c>z = prim(x, y)</c>;
    /// a null partial means the primitive does not depend on that operand differentiably.
    /// </summary>
    public static Primitive DefJvpBinary(this Primitive prim, Func<Tensor, Tensor, Tensor, Tensor>? dx,
        Func<Tensor, Tensor, Tensor, Tensor>? dy) =>
        prim.DefJvp((xs, ts, p) =>
        {
            var z = prim.Bind1(xs, p);
            Tensor? tx = ts[0] is Tensor a && dx is not null ? Mul(a, dx(xs[0], xs[1], z)) : null;
            Tensor? ty = ts[1] is Tensor b && dy is not null ? Mul(b, dy(xs[0], xs[1], z)) : null;
            return ([z], [AddTangents(tx, ty)]);
        });

    /// <summary>Piecewise-constant, integer- or bool-valued primitives: every output tangent is zero.</summary>
    public static Primitive DefZeroJvp(this Primitive prim) =>
        prim.DefJvp((xs, _, p) =>
        {
            var outs = prim.Bind(xs, p);
            return (outs, new Tensor?[outs.Length]);
        });

    /// <summary>
    /// A primitive linear in its first <paramref name="linearOperands"/> operands (all by default;
    /// the rest are indices): its jvp is the primitive applied to the tangents (zeros
    /// instantiated), and <paramref name="transpose"/> is its transpose rule. Declares it linear.
    /// </summary>
    public static Primitive DefLinear(this Primitive prim, TransposeRule transpose, int linearOperands = int.MaxValue)
    {
        prim.DefJvp((xs, ts, p) =>
        {
            var outs = prim.Bind(xs, p);
            var args = xs.Select((x, i) => i >= linearOperands ? x : ts[i] ?? ZerosLike(x)).ToArray();
            return (outs, prim.Bind(args, p));
        });
        return prim.DefTranspose(transpose).Linear();
    }

    /// <summary><see cref="DefLinear(Primitive, TransposeRule, int)"/> with a transpose rule built from the primitive itself.</summary>
    public static Primitive DefLinear(this Primitive prim, Func<Primitive, TransposeRule> transpose, int linearOperands = int.MaxValue) =>
        prim.DefLinear(transpose(prim), linearOperands);

    /// <summary>
    /// The share of max/min's tangent that goes to <paramref name="x"/> (z is the result): 1 where x
    /// alone attains it, 1/2 on ties (JAX's balanced rule, so both operands' partials sum to 1).
    /// </summary>
    public static Tensor Balanced(Tensor x, Tensor y, Tensor z) =>
        Ops.Where(x.Equal(z), Ops.Where(y.Equal(z), Scalar(0.5, x), Scalar(1, x)), Scalar(0, x));

    /// <summary>The inverse of a permutation of axes.</summary>
    public static int[] InversePermutation(int[] perm)
    {
        var inv = new int[perm.Length];
        for (int i = 0; i < perm.Length; i++) inv[perm[i]] = i;
        return inv;
    }

    /// <summary>The sum of two tangents where null is zero.</summary>
    public static Tensor? AddTangents(Tensor? a, Tensor? b) =>
        a is null ? b : b is null ? a : Prims.Add.Bind1([a, b]);

    /// <summary>Elementwise product of same-shaped tensors; a scalar or weak factor is broadcast and takes the other's dtype.</summary>
    public static Tensor Mul(Tensor a, Tensor b)
    {
        if (a.DType != b.DType && b.IsWeak) b = Ops.ConvertElementType(b, a.DType, weak: false);
        return Ops.Multiply(a, b);
    }

    /// <summary>A strong zero tensor with <paramref name="like"/>'s dtype and shape.</summary>
    public static Tensor ZerosLike(Tensor like) => Zeros(like.Aval);

    /// <summary>A strong zero tensor of <paramref name="aval"/>'s dtype and shape.</summary>
    public static Tensor Zeros(Aval aval) => Ops.Zeros(aval.Shape.ToArray(), aval.DType);

    /// <summary>A scalar of <paramref name="like"/>'s dtype (strong, so it never changes the other operand's dtype).</summary>
    public static Tensor Scalar(double value, Tensor like) => Ops.ConvertElementType(value, like.DType, weak: false);

    /// <summary>The cotangent <paramref name="ct"/> if operand <paramref name="i"/> is linear (undefined), else null.</summary>
    public static Tensor? IfLinear(Tensor?[] inputs, int i, Func<Tensor> ct) => inputs[i] is null ? ct() : null;

    /// <summary>Throws when a transpose rule meets a linear operand where the primitive is not linear.</summary>
    public static InvalidOperationException NotLinear(string primitive, string operand) =>
        new($"'{primitive}' is not linear in its operand '{operand}', so it cannot be transposed there");
}
