namespace Axle;

/// <summary>
/// Probabilistic programming on symbolic graphs (aeppl style): the joint log-density of random
/// variables made by a <see cref="RandomStream"/>, as a symbolic graph of value variables; and
/// posteriors (<see cref="Axle.Posterior"/>) packed into one unconstrained vector for samplers.
/// </summary>
public static partial class Ppl
{
    /// <inheritdoc cref="JointLogprob(Tensor[], bool)"/>
    public static (Tensor Logprob, Tensor[] ValueVariables) JointLogprob(params Tensor[] rvs) => JointLogprob(rvs, transform: false);

    /// <summary>
    /// The joint log-density of <paramref name="rvs"/>: one value variable per random variable (a
    /// symbolic tensor of the same symbolic shape, named after the variable) and the scalar graph
    /// Σ log p(value_i | parameters_i), where every random variable of the list that appears in
    /// another's parameters is replaced by its value variable (hierarchical models). Random
    /// variables not in the list stay random: a function of the graph then takes a key.
    /// </summary>
    /// <param name="rvs">Random variables made by a <see cref="RandomStream"/>, each at most once.</param>
    /// <param name="transform">
    /// When true, the value variables of constrained families live on the real line (log for
    /// positive families, logit for the unit interval and Uniform; named <c>tau_log</c>,
    /// <c>p_logit</c>) and the log-density includes the log-Jacobian, as a sampler needs.
    /// </param>
    /// <returns>
    /// The scalar log-density and the value variables in the order of <paramref name="rvs"/>.
    /// Value variables of float variables have the variable's dtype; those of discrete variables
    /// (Bernoulli, Poisson, Categorical) have the stream's float dtype, and a function taking one
    /// accepts a value of any real dtype there. Values outside the support give -inf.
    /// </returns>
    /// <exception cref="ArgumentException">An argument is not a random variable, or is listed twice.</exception>
    /// <exception cref="NotSupportedException">A variable's family has no log-density here.</exception>
    public static (Tensor Logprob, Tensor[] ValueVariables) JointLogprob(Tensor[] rvs, bool transform)
    {
        ArgumentNullException.ThrowIfNull(rvs);
        if (rvs.Length == 0) throw new ArgumentException("Ppl.JointLogprob: give at least one random variable", nameof(rvs));
        var joint = JointGraph.Build("Ppl.JointLogprob", nameof(rvs), rvs, transform);
        return (JointGraph.Combine(joint.Terms, joint.LogJacobian), joint.ValueVariables);
    }

    /// <summary>
    /// The posterior of a RandomStream model, packed for a sampler: <paramref name="latent"/> random
    /// variables are sampled (each by its name, with its family's support unconstrained: positive
    /// families by log, Beta/Uniform/TruncatedNormal by a scaled logit whose bounds may read other
    /// variables, Dirichlet by stick-breaking), <paramref name="observed"/> ones are conditioned on their
    /// values, and symbolic <paramref name="inputs"/> take theirs. Shapes are bound from the values now.
    /// </summary>
    /// <param name="latent">Continuous random variables to sample, each once.</param>
    /// <param name="observed">Random variables with their observed values (any real dtype for discrete ones).</param>
    /// <param name="inputs">The model's symbolic inputs (leaves made by <see cref="Sym"/>) with their values.</param>
    /// <param name="reparam">Non-centering of location–scale variables (<see cref="Reparam.Auto"/>, <see cref="Reparam.NonCentered"/>); default none.</param>
    /// <param name="dims">Dimension names per variable (latent, observed or input) for InferenceData; default <c>name_dim_0</c>, ….</param>
    /// <param name="coords">Coordinate labels per dimension name.</param>
    /// <returns>The posterior: flat log-density, constrain/unconstrain, initial points, InferenceData groups.</returns>
    /// <exception cref="ArgumentException">
    /// A latent variable is discrete or not a random variable; a value's shape does not fit its variable;
    /// the model reads a symbolic input without a value or a random variable neither latent nor observed;
    /// two variables share a name; dims or coords do not fit. The message names the variable.
    /// </exception>
    /// <exception cref="NotSupportedException">A family has no log-density or no unconstraining transform here.</exception>
    public static Posterior Posterior(Tensor[] latent, (Tensor Rv, Tensor Value)[]? observed = null, (Tensor Sym, Tensor Value)[]? inputs = null,
        Reparam? reparam = null, IReadOnlyDictionary<string, string[]>? dims = null, IReadOnlyDictionary<string, IReadOnlyList<object>>? coords = null) =>
        SymbolicPosterior.Build(latent, observed, inputs, reparam ?? Reparam.None, dims, coords);

    /// <summary>
    /// The posterior of a log-density written as code (Stan's <c>target +=</c> style): declared
    /// <paramref name="parameters"/> are packed into one unconstrained vector as for a RandomStream
    /// model, and <paramref name="logDensity"/> receives their constrained values by name
    /// (<c>p["mu"]</c>) and returns the log-density up to a constant (a scalar). It runs under tracing:
    /// write it with tensor ops (<c>Ax.Scan</c> for recursions, <c>Ops.LogSumExp</c> for mixtures) and
    /// capture data tensors from the enclosing scope.
    /// </summary>
    /// <param name="parameters">The parameters, in declaration order (a bound may read the ones declared before it).</param>
    /// <param name="logDensity">The log-density of the constrained values (the Jacobians are added for it).</param>
    /// <param name="dtype">The float dtype of the flat vector and the values (default F64, as Stan).</param>
    /// <param name="observedData">Data to report as InferenceData's <c>observed_data</c> (the function captures what it uses).</param>
    /// <param name="constantData">Data to report as <c>constant_data</c>.</param>
    /// <param name="dims">Dimension names per parameter or data entry.</param>
    /// <param name="coords">Coordinate labels per dimension name.</param>
    /// <exception cref="ArgumentException">Two parameters share a name, dtype is not float, or dims/coords do not fit.</exception>
    /// <exception cref="InvalidOperationException">The function does not return a float scalar, or a bound does not fit its parameter.</exception>
    /// <exception cref="KeyNotFoundException">The function or a bound reads a name that is not declared (before it).</exception>
    public static Posterior Posterior(Param[] parameters, Func<ParamValues, Tensor> logDensity, DType dtype = DType.F64,
        (string Name, Tensor Value)[]? observedData = null, (string Name, Tensor Value)[]? constantData = null,
        IReadOnlyDictionary<string, string[]>? dims = null, IReadOnlyDictionary<string, IReadOnlyList<object>>? coords = null) =>
        ParamPosterior.Build(parameters, logDensity, dtype, observedData, constantData, dims, coords);
}
