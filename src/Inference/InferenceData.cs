namespace Axle;

/// <summary>
/// The results of a Bayesian workflow in ArviZ's InferenceData layout: one <see cref="InferenceGroup"/> per
/// stage (posterior draws, sampler statistics, data, prior and predictive draws), each variable with named
/// dimensions led by (chain, draw) where it is sampled. Groups that a workflow has not produced are null.
/// </summary>
public sealed class InferenceData
{
    /// <summary>ArviZ's group names, in the order ArviZ writes them.</summary>
    public static IReadOnlyList<string> GroupNames { get; } =
    [
        "posterior", "posterior_predictive", "log_likelihood", "sample_stats", "prior", "prior_predictive",
        "observed_data", "constant_data", "warmup_posterior", "warmup_sample_stats",
    ];

    private readonly Dictionary<string, InferenceGroup> _groups = new(StringComparer.Ordinal);

    /// <summary>An InferenceData with no groups.</summary>
    public InferenceData() { }

    /// <summary>An InferenceData holding <paramref name="groups"/> (keys are ArviZ group names, see <see cref="GroupNames"/>).</summary>
    /// <exception cref="ArgumentException">A key is not one of <see cref="GroupNames"/>.</exception>
    public InferenceData(IEnumerable<KeyValuePair<string, InferenceGroup>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var (name, group) in groups) Set(name, group);
    }

    /// <summary>Posterior draws: every latent variable, (chain, draw, …), in the constrained space.</summary>
    public InferenceGroup? Posterior { get => Get("posterior"); set => Set("posterior", value); }

    /// <summary>Sampler statistics per draw, ArviZ's names: <c>lp</c>, <c>acceptance_rate</c>, <c>step_size</c>, <c>tree_depth</c>, <c>n_steps</c>, <c>diverging</c>, <c>energy</c>, ….</summary>
    public InferenceGroup? SampleStats { get => Get("sample_stats"); set => Set("sample_stats", value); }

    /// <summary>Observed values of the conditioned variables (no chain or draw dimensions).</summary>
    public InferenceGroup? ObservedData { get => Get("observed_data"); set => Set("observed_data", value); }

    /// <summary>Inputs of the model that are not random (covariates), as given.</summary>
    public InferenceGroup? ConstantData { get => Get("constant_data"); set => Set("constant_data", value); }

    /// <summary>Draws of the latent variables from the prior.</summary>
    public InferenceGroup? Prior { get => Get("prior"); set => Set("prior", value); }

    /// <summary>Draws of the observed variables from the prior predictive distribution.</summary>
    public InferenceGroup? PriorPredictive { get => Get("prior_predictive"); set => Set("prior_predictive", value); }

    /// <summary>Draws of the observed variables from the posterior predictive distribution, (chain, draw, …).</summary>
    public InferenceGroup? PosteriorPredictive { get => Get("posterior_predictive"); set => Set("posterior_predictive", value); }

    /// <summary>Pointwise log-likelihood of the observations per draw (for LOO/WAIC).</summary>
    public InferenceGroup? LogLikelihood { get => Get("log_likelihood"); set => Set("log_likelihood", value); }

    /// <summary>The warm-up iterations' draws, when kept.</summary>
    public InferenceGroup? WarmupPosterior { get => Get("warmup_posterior"); set => Set("warmup_posterior", value); }

    /// <summary>The warm-up iterations' sampler statistics, when kept.</summary>
    public InferenceGroup? WarmupSampleStats { get => Get("warmup_sample_stats"); set => Set("warmup_sample_stats", value); }

    /// <summary>The groups present, in ArviZ's order, as (name, group).</summary>
    public IEnumerable<(string Name, InferenceGroup Group)> Groups =>
        GroupNames.Where(_groups.ContainsKey).Select(n => (n, _groups[n]));

    /// <summary>The group named <paramref name="name"/> (an ArviZ group name), or null when absent.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not one of <see cref="GroupNames"/>.</exception>
    public InferenceGroup? this[string name]
    {
        get => Get(Check(name));
        set => Set(name, value);
    }

    private InferenceGroup? Get(string name) => _groups.TryGetValue(name, out var g) ? g : null;

    private void Set(string name, InferenceGroup? group)
    {
        Check(name);
        if (group is null) _groups.Remove(name);
        else _groups[name] = group;
    }

    private static string Check(string name) =>
        GroupNames.Contains(name) ? name
            : throw new ArgumentException($"InferenceData: '{name}' is not an InferenceData group; expected one of {string.Join(", ", GroupNames)}", nameof(name));
}
