using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Axle.Inference;

/// <summary>
/// Stan's base_hmc::init_stepsize as a compiled program: from the current point, draw a momentum and take one leapfrog
/// step; if the acceptance probability exp(H₀ - H) is above 0.8 keep doubling the step size (else halving) — each
/// trial with a fresh momentum — until it crosses 0.8. Run at the start of warm-up and after every metric update.
/// </summary>
internal static class StepSizeSearch
{
    /// <summary>A bound on the trials: Stan loops until ε leaves [0, 1e7], which takes ~80 halvings or ~24 doublings.</summary>
    private const int MaxTrials = 200;

    private static readonly ConditionalWeakTable<Delegate, ConcurrentDictionary<bool, Func<Tensor[], Tensor[]>>> Cache = new();

    /// <summary>
    /// The program: inputs position, log-density, gradient, key, step size, inverse metric, factor, data (leading chain
    /// axis when <paramref name="batched"/>); output the new step size (0 or above 1e7 when Stan would give up).
    /// </summary>
    public static Func<Tensor[], Tensor[]> Program(NutsTarget target, bool batched) =>
        Cache.GetOrCreateValue(target.Owner).GetOrAdd(batched, _ =>
        {
            Func<Tensor[], Tensor[]> one = xs => [Search(target.ValueAndGrad(xs[7]), xs[0], xs[1], xs[2], xs[3], xs[4], xs[5], xs[6])];
            return batched ? Ax.Jit(Ax.Vmap(one)) : Ax.Jit(one);
        });

    private static Tensor Search(Func<Tensor, (Tensor Value, Tensor Grad)> valueAndGrad, Tensor q, Tensor logp, Tensor g,
        Tensor key, Tensor eps, Tensor inverseMetric, Tensor factor)
    {
        DType dtype = q.DType;
        int d = q.Shape[0].Value;
        double log08 = Math.Log(0.8);
        Tensor searchKey = Rng.FoldInImpl(key, 7);

        // H₀ - H after one step of size e, with the trial-th momentum.
        Tensor DeltaH(Tensor e, Tensor trial)
        {
            Tensor p = EuclideanMetric.Momentum(Rng.NormalImpl(Rng.FoldInImpl(searchKey, trial), [d], dtype), inverseMetric, factor);
            var start = new PhasePoint(q, p, g, logp, EuclideanMetric.Sharp(p, inverseMetric));
            return NutsTree.Energy(start) - NutsTree.Energy(NutsTree.Leapfrog(valueAndGrad, inverseMetric, start, e));
        }

        Tensor zero = Tensor.From(0);
        Tensor up = DeltaH(eps, zero) > log08;
        // Carry: step size, trial, done.
        Tensor[] end = Ax.WhileLoop(
            s => Ops.LogicalAnd(Ops.LogicalNot(s[2]), s[1] < MaxTrials),
            s =>
            {
                Tensor e = s[0], trial = s[1] + 1;
                Tensor dh = DeltaH(e, trial);
                Tensor stop = Ops.Where(up, Ops.LogicalNot(dh > log08), Ops.LogicalNot(dh < log08));
                Tensor next = Ops.Where(up, 2.0 * e, 0.5 * e);
                Tensor outOfRange = Ops.LogicalOr(next > 1e7, Ops.Equal(next, Ops.ZerosLike(next)));
                return [Ops.Where(stop, e, next), trial, Ops.LogicalOr(stop, outOfRange)];
            },
            [eps, zero, Tensor.From(false)]);
        return end[0];
    }
}
