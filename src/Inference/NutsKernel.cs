namespace Axle.Inference;

/// <summary>The state a NUTS transition moves to, and its statistics (Stan's sampler params).</summary>
/// <param name="Q">The new position.</param>
/// <param name="Logp">Its log-density.</param>
/// <param name="G">Its gradient.</param>
/// <param name="AcceptStat">Mean of min(1, exp(H₀ - H)) over every leapfrog step of the transition (Stan's accept_stat__).</param>
/// <param name="Divergent">Bool: a leaf's energy error exceeded the limit.</param>
/// <param name="TreeDepth">i32: completed doublings (Stan's treedepth__).</param>
/// <param name="Steps">i32: leapfrog steps (n_leapfrog__).</param>
/// <param name="Energy">The Hamiltonian at the new state with its momentum (energy__).</param>
/// <param name="Index">i32: the new state's position in the trajectory (0: it stayed at the start).</param>
internal readonly record struct Transition(Tensor Q, Tensor Logp, Tensor G, Tensor AcceptStat, Tensor Divergent,
    Tensor TreeDepth, Tensor Steps, Tensor Energy, Tensor Index);

/// <summary>
/// One No-U-Turn transition of one chain, as Stan's base_nuts::transition: a fresh momentum, then the trajectory
/// doubles forwards or backwards (a fair coin per doubling) with a subtree of 2^depth leaves (<see cref="NutsTree"/>)
/// until a subtree diverges or makes a U-turn, the whole trajectory makes a U-turn (checked, as Stan does, on the
/// whole and on each side extended by the other side's neighbouring leaf), or the depth limit is reached. The new
/// state is drawn by biased progressive sampling between subtrees (a valid subtree's proposal replaces the current
/// one with probability min(1, W_subtree / W_old)) and multinomially within them. A pure function of its inputs, so
/// <c>Ax.Vmap</c> runs chains together and the loops that call it compile into one program.
/// </summary>
internal static class NutsKernel
{
    /// <summary>
    /// A transition from (<paramref name="q"/>, <paramref name="logp"/>, <paramref name="g"/>) with step size
    /// <paramref name="stepSize"/>; momentum, directions and the multinomial draws come from <paramref name="key"/>.
    /// </summary>
    public static Transition Run(Func<Tensor, (Tensor Value, Tensor Grad)> valueAndGrad, Tensor q, Tensor logp, Tensor g,
        Tensor stepSize, Tensor inverseMetric, Tensor factor, Tensor key, int maxDepth, double maxEnergyError)
    {
        Tensor z = Rng.NormalImpl(Rng.FoldInImpl(key, 1), [q.Shape[0].Value], q.DType);
        Tensor p0 = EuclideanMetric.Momentum(z, inverseMetric, factor);
        Tensor directions = Rng.BitsImpl(Rng.FoldInImpl(key, 2), [], DType.U32);
        return Run(valueAndGrad, q, logp, g, stepSize, inverseMetric, p0, directions,
            Rng.FoldInImpl(key, 3), Rng.FoldInImpl(key, 4), maxDepth, maxEnergyError);
    }

    /// <summary>
    /// The transition with its random inputs given: the initial momentum <paramref name="p0"/>, the doubling directions
    /// (bit k of the u32 <paramref name="directions"/> set: doubling k goes forwards) and the keys of the uniforms
    /// between subtrees (<paramref name="mergeKey"/>, one per doubling) and within them (<paramref name="leafKey"/>, one
    /// per leapfrog step). Tests drive it with hand-picked momenta and directions.
    /// </summary>
    public static Transition Run(Func<Tensor, (Tensor Value, Tensor Grad)> valueAndGrad, Tensor q, Tensor logp, Tensor g,
        Tensor stepSize, Tensor inverseMetric, Tensor p0, Tensor directions, Tensor mergeKey, Tensor leafKey,
        int maxDepth, double maxEnergyError)
    {
        DType dtype = q.DType;
        var start = new PhasePoint(q, p0, g, logp, EuclideanMetric.Sharp(p0, inverseMetric));
        Tensor h0 = NutsTree.Energy(start);
        var c = new TrajectoryContext(valueAndGrad, inverseMetric, h0, leafKey, maxDepth, maxEnergyError);
        Tensor zeroI = Tensor.From(0);
        Tensor zero = Ops.ZerosLike(logp);
        var initial = new Proposal(q, logp, g, h0, zeroI);
        Tensor[] carry =
        [
            .. start.Parts, .. start.Parts, zeroI, zeroI, p0, zero, .. initial.Parts,
            zeroI, zero, zeroI, Tensor.From(false), Tensor.From(false),
        ];
        const int Left = 0, Right = 5, LeftIndex = 10, RightIndex = 11, Rho = 12, LogW = 13, Prop = 14,
            Depth = 19, Accept = 20, Steps = 21, Div = 22, Done = 23;

        Tensor[] Double(Tensor[] s)
        {
            PhasePoint left = PhasePoint.From(s, Left), right = PhasePoint.From(s, Right);
            Tensor depth = s[Depth], rho = s[Rho], logW = s[LogW];
            Tensor forward = Ops.Equal(Ops.BitwiseAnd(Ops.ShiftRight(directions, Ops.ConvertElementType(depth, DType.U32, weak: false)), Threefry.U32(1)), Threefry.U32(1));
            PhasePoint front = PhasePoint.Select(forward, right, left), back = PhasePoint.Select(forward, left, right);
            Tensor h = Ops.Where(forward, stepSize, -stepSize);
            Tensor indexStep = Ops.Where(forward, Ops.OnesLike(depth), -Ops.OnesLike(depth));
            Tensor frontIndex = Ops.Where(forward, s[RightIndex], s[LeftIndex]);
            Subtree sub = NutsTree.Build(c, front, h, depth, s[Steps], frontIndex, indexStep);
            Tensor valid = sub.Valid;

            // Biased progressive sampling: a valid subtree heavier than the trajectory so far always takes over.
            Tensor u = NutsTree.UniformAt(mergeKey, depth, dtype);
            Tensor take = Ops.LogicalAnd(valid, Ops.LogicalOr(sub.LogWeight > logW, u < Ops.Exp(sub.LogWeight - logW)));
            var proposal = Proposal.Select(take, sub.Proposal, Proposal.From(s, Prop));
            Tensor rhoAll = rho + sub.Rho;
            Tensor persists = NutsTree.Persists(back.Sharp, front.P, front.Sharp, rho, sub.FirstP, sub.FirstSharp, sub.Last.Sharp, sub.Rho);

            Tensor toLeft = Ops.LogicalAnd(valid, Ops.LogicalNot(forward)), toRight = Ops.LogicalAnd(valid, forward);
            Tensor newIndex = frontIndex + indexStep * sub.Steps;
            return
            [
                .. PhasePoint.Select(toLeft, sub.Last, left).Parts, .. PhasePoint.Select(toRight, sub.Last, right).Parts,
                Ops.Where(toLeft, newIndex, s[LeftIndex]), Ops.Where(toRight, newIndex, s[RightIndex]),
                Ops.Where(valid, rhoAll, rho), Ops.Where(valid, NutsTree.LogAddExp(logW, sub.LogWeight), logW),
                .. proposal.Parts,
                depth + Ops.Astype(valid, DType.I32), s[Accept] + sub.AcceptSum, s[Steps] + sub.Steps,
                Ops.LogicalOr(s[Div], sub.Divergent), Ops.LogicalNot(Ops.LogicalAnd(valid, persists)),
            ];
        }

        Tensor[] end = Ax.WhileLoop(s => Ops.LogicalAnd(s[Depth] < maxDepth, Ops.LogicalNot(s[Done])), Double, carry);
        var chosen = Proposal.From(end, Prop);
        Tensor steps = end[Steps];
        return new Transition(chosen.Q, chosen.Logp, chosen.G, end[Accept] / Ops.Astype(Ops.Maximum(steps, 1), dtype),
            end[Div], end[Depth], steps, chosen.Energy, chosen.Index);
    }
}
