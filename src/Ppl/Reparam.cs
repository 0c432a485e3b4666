namespace Axle;

/// <summary>
/// Reparametrizations <c>Ppl.Posterior</c> applies to latent random variables before packing them.
/// Non-centering (NumPyro's <c>LocScaleReparam</c>, PyMC's manual non-centered form) samples a
/// location–scale variable x ~ F(loc, scale) as z ~ F(0, 1) with x = loc + scale · z (a
/// MultivariateNormal(mean, cov) as mean + cholesky(cov) · z): the same model, but without the funnel
/// between x and a latent scale that makes HMC diverge. Draws are still reported as x.
/// </summary>
public sealed class Reparam
{
    private Reparam(bool auto, Tensor[] variables)
    {
        IsAuto = auto;
        Variables = variables;
    }

    /// <summary>No reparametrization: every variable is sampled as written (the default).</summary>
    public static Reparam None { get; } = new(false, []);

    /// <summary>
    /// Non-center every latent location–scale variable (Normal, Cauchy, Laplace, Logistic, Gumbel) whose
    /// scale reads another latent variable, and every latent MultivariateNormal whose covariance does.
    /// </summary>
    public static Reparam Auto { get; } = new(true, []);

    /// <summary>Non-center exactly these latent variables (location–scale families or MultivariateNormal).</summary>
    /// <param name="variables">Random variables that are among the posterior's latent variables.</param>
    /// <exception cref="ArgumentException">No variable given.</exception>
    public static Reparam NonCentered(params Tensor[] variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if (variables.Length == 0) throw new ArgumentException("Reparam.NonCentered: give at least one variable (or use Reparam.Auto)", nameof(variables));
        for (int i = 0; i < variables.Length; i++) ArgumentNullException.ThrowIfNull(variables[i], $"{nameof(variables)}[{i}]");
        return new Reparam(false, [.. variables]);
    }

    internal bool IsAuto { get; }

    internal Tensor[] Variables { get; }
}
