namespace Axle;

public static partial class Ax
{
    /// <summary>
    /// Builds a function from a symbolic graph (see <see cref="Sym"/>): its arguments are
    /// <paramref name="inputs"/> in order and its result is <paramref name="output"/>. Each new
    /// argument signature (dtypes and shapes) binds the symbolic dimensions, is compiled once
    /// and cached; inside a transform the function inlines into the outer trace.
    /// </summary>
    /// <param name="inputs">Symbolic tensors: leaves from <see cref="Sym"/>, or computed ones (the graph is cut there and the value given).</param>
    /// <param name="output">The result, a tensor computed from <paramref name="inputs"/>.</param>
    /// <exception cref="ArgumentException">An input is not symbolic, or is listed twice.</exception>
    /// <exception cref="InvalidOperationException">
    /// The graph cannot be compiled: it reads a symbolic input that is not among <paramref name="inputs"/>,
    /// or uses a symbolic size that no input's shape determines. The message names it.
    /// </exception>
    /// <remarks>
    /// A call checks the arguments before anything runs: their number (<see cref="ArgumentException"/>
    /// with <c>ParamName</c> "args"), ranks and known sizes, dtypes (weakly typed C# numbers take the
    /// input's dtype), and that arguments sharing a symbolic dimension give it the same size.
    /// </remarks>
    public static TensorFunction Function(Tensor[] inputs, Tensor output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var f = new SymbolicFunction(inputs, [output]);
        // Named after its inputs (value variables carry the random variables' names), so lowered text names them.
        TensorFunction d = args => f.Call(args)[0];
        FunctionAdapter.SetName(d, f.Name);
        return d;
    }

    /// <summary>As <see cref="Function(Tensor[], Tensor)"/>, with several results.</summary>
    /// <exception cref="ArgumentException">An input is not symbolic, or is listed twice.</exception>
    /// <exception cref="InvalidOperationException">The graph cannot be compiled (see <see cref="Function(Tensor[], Tensor)"/>).</exception>
    public static TensorArrayFunction Function(Tensor[] inputs, Tensor[] outputs)
    {
        var f = new SymbolicFunction(inputs, outputs);
        TensorArrayFunction d = args => f.Call(args);
        FunctionAdapter.SetName(d, f.Name);
        return d;
    }

    /// <inheritdoc cref="Jit(Func{Tensor, Tensor}, int[])"/>
    public static TensorFunction Jit(TensorFunction f, int[]? staticArgnums = null) =>
        Memoized(f, staticArgnums, j => new TensorFunction(args => j.Call(args)[0]));

    /// <inheritdoc cref="Jit(Func{Tensor, Tensor}, int[])"/>
    public static TensorArrayFunction Jit(TensorArrayFunction f, int[]? staticArgnums = null) =>
        Memoized(f, staticArgnums, j => new TensorArrayFunction(j.Call));
}
