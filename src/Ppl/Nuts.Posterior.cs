using System.Runtime.CompilerServices;
using Axle.Inference;

namespace Axle;

/// <summary>
/// <c>Nuts.Sample(posterior)</c> for named models. A static extension of <see cref="Nuts"/> because the sampler's
/// assembly (Axle.Inference) knows nothing of models: Axle.Ppl, which defines them, adds the overload.
/// </summary>
public static class NutsPosterior
{
    extension(Nuts)
    {
        /// <summary>
        /// Samples a named model (<c>Ppl.Posterior(…)</c>
        /// or a <see cref="Param"/> model): <see cref="NutsOptions.Chains"/> chains start at Stan's initial points (uniform on
        /// (-2, 2) in the unconstrained space, redrawn until the log-density and its gradient are finite), sample the flat
        /// unconstrained vector, and come back as named draws in the constrained space.
        /// </summary>
        /// <param name="posterior">The model.</param>
        /// <param name="options">Settings (Stan's defaults).</param>
        /// <param name="progress">Called every <see cref="NutsOptions.ProgressInterval"/> iterations and at the end of each phase.</param>
        /// <param name="cancellationToken">Checked between program calls.</param>
        /// <returns>
        /// An <see cref="InferenceData"/> with <c>posterior</c> (each variable (chain, draw, …) by name), <c>sample_stats</c>
        /// (ArviZ's names), <c>observed_data</c> and <c>constant_data</c>; the warm-up groups with <see cref="NutsOptions.KeepWarmup"/>.
        /// </returns>
        /// <exception cref="InvalidOperationException">No finite initial point was found in 100 attempts for some chain, or warm-up failed.</exception>
        public static InferenceData Sample(Posterior posterior, NutsOptions? options = null, Action<NutsProgress>? progress = null,
            CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(posterior);
            options ??= new NutsOptions();
            options.Validate();
            using Tensor init = InitialPoints(posterior, options.Chains, options.Seed);
            using Tensor noData = Ops.Zeros([options.Chains], posterior.DType);
            var flat = new NutsSampler(NutsTarget.Of(posterior.LogDensity), options, progress, cancellationToken).Run(init, noData, "theta");

            var idata = posterior.ToInferenceData(flat.Posterior!["theta"], flat.SampleStats);
            var named = idata.Posterior!;
            idata.Posterior = new InferenceGroup(named.Variables, named.Coords, flat.Posterior.Attributes);
            if (flat.WarmupPosterior is { } warm)
            {
                var group = posterior.PosteriorGroup(warm["theta"]);
                idata.WarmupPosterior = new InferenceGroup(group.Variables, group.Coords, warm.Attributes);
                idata.WarmupSampleStats = flat.WarmupSampleStats;
            }
            return idata;
        }
    }

    /// <summary>How many sets of initial points are tried before giving up (Stan tries 100 per chain).</summary>
    private const int InitialAttempts = 100;

    private static readonly ConditionalWeakTable<Func<Tensor, Tensor>, Func<Tensor[], Tensor[]>> FiniteCheck = new();

    /// <summary>Stan's initialization: each chain's point redrawn from (-2, 2) until log p and ∇ log p are finite.</summary>
    private static Tensor InitialPoints(Posterior posterior, int chains, long seed)
    {
        var check = FiniteCheck.GetValue(posterior.LogDensity, f =>
        {
            var valueAndGrad = Ax.ValueAndGrad(f);
            Func<Tensor[], Tensor[]> one = xs =>
            {
                var (v, g) = valueAndGrad(xs[0]);
                return [Ops.LogicalAnd(Ops.IsFinite(v), Ops.All(Ops.IsFinite(g)))];
            };
            return Ax.Jit(Ax.Vmap(one));
        });
        int dim = posterior.Dim;
        var points = new double[chains * dim];
        var found = new bool[chains];
        for (int attempt = 0; attempt < InitialAttempts && !found.All(f => f); attempt++)
        {
            using Tensor candidates = posterior.InitialPoints(chains, attempt == 0 ? seed : HashCode.Combine(seed, attempt));
            bool[] finite = check([candidates])[0].ToArray<bool>();
            double[] values = candidates.ToArray<double>();
            for (int c = 0; c < chains; c++)
                if (!found[c] && finite[c])
                {
                    Array.Copy(values, c * dim, points, c * dim, dim);
                    found[c] = true;
                }
        }
        int missing = Array.IndexOf(found, false);
        if (missing >= 0)
            throw new InvalidOperationException(
                $"Nuts.Sample: no initial point of chain {missing} in {InitialAttempts} draws from (-2, 2) had a finite log-density and gradient; check the model's support and data");
        return NutsChains.HostTensor(points, [chains, dim], posterior.DType);
    }
}
