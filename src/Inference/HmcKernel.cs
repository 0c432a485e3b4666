using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Axle.Inference;

/// <summary>
/// One HMC transition as a pure function of (state, key): <see cref="HmcLoops"/> scans it over
/// iterations, and everything that changes between iterations (step size, inverse mass matrix,
/// key) is an input, so warm-up and sampling share one program.
/// </summary>
internal static class HmcKernel
{
    /// <summary>Energy errors above this mark a divergent transition (Stan's threshold).</summary>
    public const double DivergenceThreshold = 1000.0;

    // Per log-density delegate: repeated Sample calls with the same model reuse the program, while a
    // new model never sees a stale one.
    private static readonly ConditionalWeakTable<Func<Tensor, Tensor>, ConcurrentDictionary<string, Func<Tensor[], Tensor[]>>> Cache = new();

    /// <summary>The jitted, chain-vmapped log-density and gradient, for the initial state: outputs (value (c), gradient (c, d)).</summary>
    public static Func<Tensor[], Tensor[]> Initial(Func<Tensor, Tensor> logDensity) =>
        Cache.GetOrCreateValue(logDensity).GetOrAdd("initial", _ =>
        {
            var valueAndGrad = Ax.ValueAndGrad(logDensity);
            Func<Tensor[], Tensor[]> one = xs =>
            {
                var (v, g) = valueAndGrad(xs[0]);
                return [v, g];
            };
            return Ax.Jit(Ax.Vmap(one));
        });

    /// <summary>
    /// One transition of one chain. Inputs: position (d), log-density, gradient (d), step size, inverse
    /// mass diagonal (d), key. Outputs: position, log-density, gradient, acceptance probability,
    /// divergent (0 or 1), next key.
    /// </summary>
    internal static Tensor[] Step(Func<Tensor, (Tensor Value, Tensor Grad)> valueAndGrad, Tensor[] xs, int steps, bool randomSteps, double jitter)
    {
        Tensor q0 = xs[0], logp0 = xs[1], grad0 = xs[2], stepSize = xs[3], invMass = xs[4], key = xs[5];
        DType dtype = q0.DType;
        int dim = q0.Shape[0].Value;

        // Independent streams for this iteration; the first key carries the chain on.
        Tensor next = Rng.FoldIn(key, 0), momentumKey = Rng.FoldIn(key, 1), acceptKey = Rng.FoldIn(key, 2), jitterKey = Rng.FoldIn(key, 3);
        Tensor lengthKey = Rng.FoldIn(key, 4);

        // p ~ N(0, M) with M = 1 / invMass.
        Tensor p0 = Rng.Normal(momentumKey, [dim], dtype) / Ops.Sqrt(invMass);
        Tensor eps = jitter > 0
            ? stepSize * (1.0 + jitter * (2.0 * Rng.Uniform(jitterKey, [], dtype) - 1.0))
            : stepSize;

        Tensor Kinetic(Tensor p) => 0.5 * Ops.Sum(p * p * invMass);
        Tensor h0 = Kinetic(p0) - logp0;

        // A random trajectory length, uniform in 1..steps, avoids the near-periodic trajectories
        // that make fixed-length HMC mix badly. The loop always runs `steps` times (a static
        // Ax.ForiLoop, so the program size does not grow with the step count) and steps past the
        // drawn length leave the state unchanged.
        Tensor length = randomSteps && steps > 1
            ? Ops.Floor(Rng.Uniform(lengthKey, [], dtype) * steps) + 1.0
            : Ops.FullLike(stepSize, steps);
        Tensor[] Leapfrog(Tensor i, Tensor[] s)
        {
            Tensor q = s[0], logp = s[1], g = s[2], pm = s[3];
            Tensor p1 = pm + 0.5 * eps * g;
            Tensor q1 = q + eps * invMass * p1;
            var (logp1, g1) = valueAndGrad(q1);
            p1 = p1 + 0.5 * eps * g1;
            Tensor active = Ops.Less(Ops.Astype(i, dtype), length);
            return [Ops.Where(active, q1, q), Ops.Where(active, logp1, logp), Ops.Where(active, g1, g), Ops.Where(active, p1, pm)];
        }
        Tensor[] end = Ax.ForiLoop(0, steps, Leapfrog, [q0, logp0, grad0, p0]);
        Tensor q = end[0], logp = end[1], g = end[2], pm = end[3];

        Tensor h1 = Kinetic(pm) - logp;
        Tensor energyError = h1 - h0;
        // A NaN/inf energy (the trajectory left the support) is a divergence and is never accepted.
        Tensor finite = Ops.IsFinite(energyError);
        Tensor safeError = Ops.Where(finite, energyError, Ops.FullLike(energyError, double.PositiveInfinity));
        Tensor acceptProb = Ops.Minimum(Ops.Exp(-safeError), 1.0);
        Tensor divergent = Ops.LogicalOr(Ops.LogicalNot(finite), safeError > DivergenceThreshold);
        Tensor u = Rng.Uniform(acceptKey, [], dtype);
        Tensor accept = Ops.LogicalAnd(u < acceptProb, finite);

        return
        [
            Ops.Where(accept, q, q0),
            Ops.Where(accept, logp, logp0),
            Ops.Where(accept, g, grad0),
            acceptProb,
            Ops.Astype(divergent, dtype),
            next,
        ];
    }
}
