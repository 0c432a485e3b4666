namespace Axle;

/// <summary>
/// One latent variable of a <see cref="Posterior"/>: its name, its shape in the constrained space, its
/// support and the bijector that maps its slice of the flat unconstrained vector onto it.
/// </summary>
/// <param name="Name">The variable's name (a random variable's <c>name:</c>, or a <see cref="Param"/>'s).</param>
/// <param name="Shape">The shape of its constrained values (concrete: bound from the posterior's inputs and observations).</param>
/// <param name="Support">The set its values live in.</param>
/// <param name="Transform">The bijector in words, e.g. <c>log</c>, <c>scaled logit on (0, 1 - alpha1)</c>, <c>stick-breaking</c>, <c>non-centered: loc + scale · z</c>.</param>
/// <param name="Offset">The index of its first element in the flat unconstrained vector.</param>
/// <param name="Length">How many elements of the flat vector it uses (K - 1 per simplex, K(K - 1)/2 per Cholesky factor).</param>
public sealed record PosteriorVariable(string Name, Shape Shape, Support Support, string Transform, int Offset, int Length);
