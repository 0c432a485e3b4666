namespace Axle.Inference;

/// <summary>
/// nutpie's metric adaptation (Seyboldt, Carlson &amp; Carpenter 2024; nuts-rs <c>GlobalStrategy</c> with the
/// gradient-based diagonal estimate), run inside the sampler's program after every warm-up draw. The diagonal inverse
/// metric that minimizes the Fisher divergence between the posterior and a Gaussian is √(Var draws / Var gradients);
/// it is re-estimated after every draw from a foreground window, while a background window collects draws from the
/// same iteration on; when the background holds enough draws (10 in the first 30% of warm-up, 80 later) it becomes
/// the foreground and a new background starts, so early, far-from-typical draws are forgotten quickly. The last 15%
/// of warm-up adapts the step size only. A draw counts when the sampler moved (it did not stay at its start) and, for
/// a divergent transition, moved more than 4 steps.
/// </summary>
/// <remarks>
/// Departures from nuts-rs: the step-size search after the first metric update runs at a fixed iteration (see
/// <see cref="FirstUpdate"/>), and dual averaging reads Stan's acceptance statistic throughout (nuts-rs switches to a
/// symmetrized one late in warm-up).
/// </remarks>
internal static class NutpieAdaptation
{
    private const double Lower = 1e-20, Upper = 1e20;

    /// <summary>
    /// The iteration before which the host reruns the step-size search: nuts-rs does it when the metric first changes,
    /// which happens once the foreground holds 3 draws (the initial point and two draws).
    /// </summary>
    public const int FirstUpdate = 2;

    /// <summary>Where the step-size-only phase starts.</summary>
    public static int FinalWindow(int warmup) => warmup - (int)(0.15 * warmup);

    /// <summary>The end of the early phase (fast window switches).</summary>
    public static int EarlyEnd(int warmup) => (int)(0.3 * warmup);

    /// <summary>nuts-rs's initial metric: 1 / |∇ log p| at the initial point, clamped; 1 where that is not finite.</summary>
    public static double[] InitialInverseMetric(double[] gradient) =>
        gradient.Select(g =>
        {
            double v = 1.0 / Math.Clamp(Math.Abs(g), Lower, Upper);
            return double.IsFinite(v) ? v : 1.0;
        }).ToArray();

    /// <summary>Both windows holding only the initial point: count 1, means the point and its gradient, M2 zero.</summary>
    public static Tensor[] InitialEstimators(Tensor q, Tensor g)
    {
        Tensor one = Ops.OnesLike(Ops.Sum(q, [q.Rank - 1]));
        Tensor zeros = Ops.ZerosLike(q);
        return [one, q, zeros, g, zeros, one, q, zeros, g, zeros];
    }

    /// <summary>The estimators after one draw, and the inverse metric to use next.</summary>
    public static Tensor[] Update(Tensor[] s, Transition t, Tensor iteration, Tensor adapt, NutsOptions o, out Tensor inverseMetric)
    {
        int at = NutsLoops.Layout.Estimators;
        Tensor[] fg = s[at..(at + 5)], bg = s[(at + 5)..(at + 10)];
        int final = FinalWindow(o.Warmup), earlyEnd = EarlyEnd(o.Warmup);
        Tensor tuning = Ops.LogicalAnd(adapt, iteration < final);

        Tensor moved = Ops.Where(t.Divergent, Ops.Abs(t.Index) > 4, Ops.NotEqual(t.Index, 0));
        Tensor add = Ops.LogicalAnd(tuning, moved);
        fg = Add(fg, t.Q, t.G, add);
        bg = Add(bg, t.Q, t.G, add);

        Tensor switchFreq = Ops.Where(iteration < earlyEnd, 10, 80);
        Tensor late = switchFreq + iteration > final;
        Tensor swap = Ops.LogicalAnd(tuning, Ops.LogicalAnd(bg[0] >= Ops.Astype(switchFreq, bg[0].DType), Ops.LogicalNot(late)));
        Tensor[] empty = [Ops.ZerosLike(bg[0]), .. bg[1..].Select(b => Ops.ZerosLike(b))];
        Tensor[] fgNext = fg.Select((f, i) => Ops.Where(swap, bg[i], f)).ToArray();
        Tensor[] bgNext = bg.Select((b, i) => Ops.Where(swap, empty[i], b)).ToArray();

        Tensor old = s[NutsLoops.Layout.InverseMetric];
        Tensor ratio = Ops.Sqrt(fgNext[2] / fgNext[4]);
        Tensor usable = Ops.LogicalAnd(Ops.IsFinite(ratio), ratio > 0.0);
        Tensor estimate = Ops.Where(usable, Ops.Clip(ratio, Lower, Upper), old);
        inverseMetric = Ops.Where(Ops.LogicalAnd(tuning, fgNext[0] >= 3.0), estimate, old);
        return [.. fgNext, .. bgNext];
    }

    /// <summary>Welford's update of (count, draw mean, draw M2, gradient mean, gradient M2), where <paramref name="add"/> holds.</summary>
    private static Tensor[] Add(Tensor[] w, Tensor q, Tensor g, Tensor add)
    {
        Tensor n = w[0] + 1.0;
        Tensor dq = q - w[1], dg = g - w[3];
        Tensor mq = w[1] + dq / n, mg = w[3] + dg / n;
        return
        [
            Ops.Where(add, n, w[0]), Ops.Where(add, mq, w[1]), Ops.Where(add, w[2] + dq * (q - mq), w[2]),
            Ops.Where(add, mg, w[3]), Ops.Where(add, w[4] + dg * (g - mg), w[4]),
        ];
    }
}
