namespace Axle;

/// <summary>
/// The samplers' loops (JAX's <c>lax.while_loop</c> in its random module): the core
/// <see cref="Ax.WhileLoop(Func{Tensor[], Tensor}, Func{Tensor[], Tensor[]}, Tensor[])"/>, whose
/// batching rule is JAX's (run while any example's cond holds; a finished example keeps its
/// state), so under <c>Ax.Vmap</c> each example draws exactly what it would alone.
/// </summary>
internal static class Loop
{
    /// <summary>
    /// Runs <paramref name="body"/> on the state while <paramref name="cond"/> (a bool scalar) holds.
    /// Weak-typed initial values are made strong first, so literals can seed the state.
    /// </summary>
    public static Tensor[] While(Tensor[] init, Func<Tensor[], Tensor> cond, Func<Tensor[], Tensor[]> body)
    {
        init = init.Select(t => t.IsWeak ? Ops.ConvertElementType(t, t.DType, weak: false) : t).ToArray();
        return Ax.WhileLoop(cond, body, init);
    }
}
