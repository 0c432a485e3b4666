namespace Axle;

/// <summary>
/// A function of tensors with one result, as <c>Ax.Function</c> returns it: call it with any
/// number of tensors (C# numbers convert), or hand it to <c>Ax.Jit</c>, <c>Ax.Lower</c> and the
/// other transforms like any function.
/// </summary>
/// <param name="args">The arguments, one per input of the function.</param>
/// <returns>The single result.</returns>
public delegate Tensor TensorFunction(params Tensor[] args);

/// <summary>A function of tensors with several results (see <see cref="TensorFunction"/>).</summary>
/// <param name="args">The arguments, one per input of the function.</param>
/// <returns>The results in the order the outputs were given; deconstructible (<c>var (a, b) = f(x)</c>).</returns>
public delegate Tensor[] TensorArrayFunction(params Tensor[] args);
