using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Axle.Inference;

/// <summary>
/// Whole stretches of NUTS iterations as single programs: an <c>Ax.Scan</c> of <see cref="NutsKernel"/> over iterations,
/// with warm-up's adaptation in the carry, jitted once per (log-density, options, length) and, for chains that run
/// together, vmapped over chains. The host only steps in at window ends and progress reports.
/// </summary>
/// <remarks>
/// Carry of one chain (<see cref="Layout"/>): position, log-density, gradient, key; dual averaging (log ε, μ, H̄, x̄, m);
/// the inverse metric and its momentum factor; then the adaptation's estimators — Stan: a Welford accumulator
/// (mean, M2 (a vector, or a matrix for a dense metric), count), fed in slow windows; nutpie: foreground and background
/// running moments of draws and gradients, the metric re-estimated after every draw; last, the chain's data. Per-call inputs that every chain
/// shares: the number of iterations to run (at most the program's length; later ones take the identity branch), the
/// absolute index of the first, whether dual averaging moves, and whether the Welford accumulator is fed.
/// Outputs: the carry, then per iteration position, log-density, acceptance statistic, step size, tree depth,
/// leapfrog steps, divergence and energy.
/// </remarks>
internal static class NutsLoops
{
    /// <summary>Where each part of one chain's carry lives.</summary>
    public static class Layout
    {
        public const int Q = 0, Logp = 1, G = 2, Key = 3, LogEps = 4, Mu = 5, HBar = 6, XBar = 7, Count = 8,
            InverseMetric = 9, Factor = 10, Estimators = 11;

        /// <summary>The chain's data (<see cref="NutsTarget"/>), carried unchanged: the last part.</summary>
        public static int Data(NutsOptions o) => Width(o) - 1;

        /// <summary>Stan: Welford mean, M2, count.</summary>
        public const int StanWidth = 3;

        /// <summary>nutpie: per window (foreground, then background) count, draw mean, draw M2, gradient mean, gradient M2.</summary>
        public const int NutpieWidth = 10;

        public static int Width(NutsOptions o) => Estimators + (o.Adaptation == Adaptation.Nutpie ? NutpieWidth : StanWidth) + 1;
    }

    /// <summary>Outputs stacked per iteration, after the carry.</summary>
    public const int TraceWidth = 8;

    private static readonly ConditionalWeakTable<Delegate, ConcurrentDictionary<string, Func<Tensor[], Tensor[]>>> Cache = new();

    /// <summary>The jitted program of <paramref name="length"/> iterations, over a group of chains (vmapped) or one chain.</summary>
    public static Func<Tensor[], Tensor[]> Iterations(NutsTarget target, NutsOptions o, int length, bool batched)
    {
        string key = FormattableString.Invariant(
            $"{length}|{batched}|{o.MaxTreeDepth}|{o.MaxEnergyError:R}|{o.StepSizeJitter:R}|{o.TargetAcceptance:R}|{o.Gamma:R}|{o.T0:R}|{o.Kappa:R}|{o.Adaptation}|{o.Warmup}");
        return Cache.GetOrCreateValue(target.Owner).GetOrAdd(key, _ =>
        {
            int width = Layout.Width(o);
            Func<Tensor[], Tensor[]> one = xs =>
            {
                Tensor active = xs[width], offset = xs[width + 1], adapt = xs[width + 2], accumulate = xs[width + 3];
                var valueAndGrad = target.ValueAndGrad(xs[Layout.Data(o)]);
                var (carry, ys) = Ax.Scan((s, t) =>
                {
                    Tensor[] outs = Ax.Cond(t[0] < active,
                        a =>
                        {
                            var (next, y) = Iteration(valueAndGrad, a, offset + t[0], adapt, accumulate, o);
                            return [.. next, .. y];
                        },
                        a => [.. a, a[Layout.Q], a[Layout.Logp], .. Enumerable.Repeat(Ops.ZerosLike(a[Layout.Logp]), 2),
                            Tensor.From(0), Tensor.From(0), Tensor.From(false), Ops.ZerosLike(a[Layout.Logp])],
                        s);
                    return (outs[..width], outs[width..]);
                }, xs[..width], [Ops.Arange(length)], length);
                return [.. carry, .. ys];
            };
            if (!batched) return Ax.Jit(one);
            var inAxes = Enumerable.Repeat<int?>(0, width).Concat(Enumerable.Repeat<int?>(null, 4)).ToArray();
            return Ax.Jit(Ax.Vmap(one, inAxes));
        });
    }

    /// <summary>One iteration of one chain: a transition, then warm-up's updates (masked by the flags).</summary>
    private static (Tensor[] Carry, Tensor[] Trace) Iteration(Func<Tensor, (Tensor Value, Tensor Grad)> valueAndGrad,
        Tensor[] s, Tensor iteration, Tensor adapt, Tensor accumulate, NutsOptions o)
    {
        DType dtype = s[Layout.Q].DType;
        Tensor key = s[Layout.Key];
        Tensor eps = Ops.Exp(s[Layout.LogEps]);
        if (o.StepSizeJitter > 0)
            eps = eps * (1.0 + o.StepSizeJitter * (2.0 * Rng.UniformImpl(Rng.FoldInImpl(key, 5), [], dtype, 0.0, 1.0) - 1.0));
        Transition t = NutsKernel.Run(valueAndGrad, s[Layout.Q], s[Layout.Logp], s[Layout.G], eps,
            s[Layout.InverseMetric], s[Layout.Factor], key, o.MaxTreeDepth, o.MaxEnergyError);

        // Dual averaging (Stan's stepsize_adaptation::learn_stepsize), moved only while adapting.
        Tensor count = s[Layout.Count] + 1.0;
        Tensor eta = 1.0 / (count + o.T0);
        Tensor hBar = (1.0 - eta) * s[Layout.HBar] + eta * (o.TargetAcceptance - Ops.Minimum(t.AcceptStat, 1.0));
        Tensor logEps = s[Layout.Mu] - Ops.Sqrt(count) / o.Gamma * hBar;
        Tensor weight = Ops.Exp(-o.Kappa * Ops.Log(count));
        Tensor xBar = weight * logEps + (1.0 - weight) * s[Layout.XBar];

        Tensor[] next =
        [
            t.Q, t.Logp, t.G, Rng.FoldInImpl(key, 0),
            Ops.Where(adapt, logEps, s[Layout.LogEps]), s[Layout.Mu], Ops.Where(adapt, hBar, s[Layout.HBar]),
            Ops.Where(adapt, xBar, s[Layout.XBar]), Ops.Where(adapt, count, s[Layout.Count]),
            s[Layout.InverseMetric], s[Layout.Factor],
        ];
        Tensor[] estimators = o.Adaptation == Adaptation.Nutpie
            ? NutpieAdaptation.Update(s, t, iteration, adapt, o, out Tensor inverseMetric)
            : StanEstimators(s, t.Q, accumulate, out inverseMetric);
        next[Layout.InverseMetric] = inverseMetric;
        return ([.. next, .. estimators, s[Layout.Data(o)]],
            [t.Q, t.Logp, t.AcceptStat, eps, t.TreeDepth, t.Steps, t.Divergent, t.Energy]);
    }

    /// <summary>Stan's Welford accumulator (welford_var/covar_estimator::add_sample), fed only in slow windows.</summary>
    private static Tensor[] StanEstimators(Tensor[] s, Tensor q, Tensor accumulate, out Tensor inverseMetric)
    {
        Tensor mean = s[Layout.Estimators], m2 = s[Layout.Estimators + 1], n = s[Layout.Estimators + 2];
        Tensor n1 = n + Ops.Astype(accumulate, n.DType);
        Tensor delta = q - mean;
        Tensor mean1 = mean + delta / Ops.Maximum(n1, 1.0);
        Tensor update = m2.Rank == 1 ? delta * (q - mean1) : Ops.Outer(q - mean1, delta);
        inverseMetric = s[Layout.InverseMetric];
        return [Ops.Where(accumulate, mean1, mean), Ops.Where(accumulate, m2 + update, m2), n1];
    }
}
