using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Axle.Inference;

/// <summary>
/// Whole stretches of iterations as single programs: an <c>Ax.Scan</c> of the HMC transition over
/// iterations, vmapped over chains and jitted, so the host only steps in at window boundaries and
/// progress reports. The carry holds the chain state, the dual-averaging state (log ε, μ, H̄, x̄, m)
/// and a Welford accumulator; every iteration's draw is stacked.
/// </summary>
internal static class HmcLoops
{
    // One program per (log-density delegate, options, length): warm-up and sampling share it, and
    // repeated Sample calls with the same model reuse it.
    private static readonly ConditionalWeakTable<Func<Tensor, Tensor>, ConcurrentDictionary<string, Func<Tensor[], Tensor[]>>> Cache = new();

    /// <summary>
    /// <paramref name="length"/> iterations of all chains. Inputs (leading axis = chain): position,
    /// log-density, gradient, key, inverse mass, log ε, μ, H̄, x̄, m, Welford mean, Welford M2, Welford
    /// count, accumulate (1 in a slow window, else 0), adapt (1 in warm-up: dual averaging moves ε;
    /// 0 when sampling: ε and its state stay fixed), and, not per chain, the i32 number of iterations
    /// to run (at most <paramref name="length"/>; the rest leave the carry as it is). Outputs: the
    /// inputs before accumulate, less the inverse mass, updated (12), then per iteration
    /// (c, length, ...): position, log-density, acceptance probability, divergent (0 or 1).
    /// </summary>
    public static Func<Tensor[], Tensor[]> Iterations(Func<Tensor, Tensor> logDensity, HmcOptions o, int length)
    {
        string key = FormattableString.Invariant(
            $"{length}|{o.LeapfrogSteps}|{o.RandomizeSteps}|{o.StepSizeJitter:R}|{o.TargetAcceptance:R}|{o.Gamma:R}|{o.T0:R}|{o.Kappa:R}");
        return Cache.GetOrCreateValue(logDensity).GetOrAdd(key, _ =>
        {
            var valueAndGrad = Ax.ValueAndGrad(logDensity);
            Func<Tensor[], Tensor[]> one = xs =>
            {
                Tensor invMass = xs[4], accumulate = xs[13], adapt = Ops.Greater(xs[14], 0.5), active = xs[15];
                Tensor[] init = [xs[0], xs[1], xs[2], xs[3], xs[5], xs[6], xs[7], xs[8], xs[9], xs[10], xs[11], xs[12]];
                // Iterations at or past `active` (an unbatched scalar) take the identity branch of a real
                // conditional, so a shorter stretch reuses this program at no extra cost.
                var (c, ys) = Ax.Scan((s, t) =>
                {
                    Tensor[] outs = Ax.Cond(Ops.Less(t[0], active),
                        a =>
                        {
                            var (carry, y) = Step(valueAndGrad, a, invMass, accumulate, adapt, o);
                            return [.. carry, .. y];
                        },
                        a => [.. a, a[0], a[1], Ops.ZerosLike(a[1]), Ops.ZerosLike(a[1])],
                        s);
                    return (outs[..12], outs[12..]);
                }, init, [Ops.Arange(length)], length);
                return [.. c, .. ys];
            };
            var inAxes = Enumerable.Repeat<int?>(0, 15).Append(null).ToArray();
            return Ax.Jit(Ax.Vmap(one, inAxes));
        });
    }

    private static (Tensor[] Carry, Tensor[] Ys) Step(Func<Tensor, (Tensor Value, Tensor Grad)> valueAndGrad, Tensor[] s,
        Tensor invMass, Tensor accumulate, Tensor adapt, HmcOptions o)
    {
        Tensor logEps = s[4], mu = s[5], hBar = s[6], xBar = s[7], count = s[8], mean = s[9], m2 = s[10], n = s[11];
        Tensor[] r = HmcKernel.Step(valueAndGrad, [s[0], s[1], s[2], Ops.Exp(logEps), invMass, s[3]],
            o.LeapfrogSteps, o.RandomizeSteps, o.StepSizeJitter);
        Tensor q = r[0], accept = r[3];

        // Dual averaging (DualAveraging.Update); the acceptance probability is already in [0, 1].
        Tensor m = count + 1.0;
        Tensor eta = 1.0 / (m + o.T0);
        Tensor hBar1 = (1.0 - eta) * hBar + eta * (o.TargetAcceptance - accept);
        Tensor logStep = mu - Ops.Sqrt(m) / o.Gamma * hBar1;
        Tensor weight = Ops.Exp(-o.Kappa * Ops.Log(m));
        Tensor xBar1 = weight * logStep + (1.0 - weight) * xBar;

        // Welford (WelfordVariance.Add), masked so that fast intervals leave it untouched.
        Tensor n1 = n + accumulate;
        Tensor delta = q - mean;
        Tensor mean1 = mean + accumulate * delta / Ops.Maximum(n1, 1.0);
        Tensor m21 = m2 + accumulate * delta * (q - mean1);

        return ([q, r[1], r[2], r[5], Ops.Where(adapt, logStep, logEps), mu, Ops.Where(adapt, hBar1, hBar), Ops.Where(adapt, xBar1, xBar),
            Ops.Where(adapt, m, count), mean1, m21, n1], [q, r[1], accept, r[4]]);
    }
}
