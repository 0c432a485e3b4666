namespace Axle.Inference;

/// <summary>A point of a trajectory: position, momentum, gradient of the log-density, log-density, velocity Σp.</summary>
internal readonly record struct PhasePoint(Tensor Q, Tensor P, Tensor G, Tensor Logp, Tensor Sharp)
{
    public const int Width = 5;

    public Tensor[] Parts => [Q, P, G, Logp, Sharp];

    public static PhasePoint From(Tensor[] t, int at) => new(t[at], t[at + 1], t[at + 2], t[at + 3], t[at + 4]);

    public static PhasePoint Select(Tensor pred, PhasePoint a, PhasePoint b) =>
        new(Ops.Where(pred, a.Q, b.Q), Ops.Where(pred, a.P, b.P), Ops.Where(pred, a.G, b.G),
            Ops.Where(pred, a.Logp, b.Logp), Ops.Where(pred, a.Sharp, b.Sharp));
}

/// <summary>The point a (sub)trajectory would move to, with its energy and signed position in the trajectory (0 = start).</summary>
internal readonly record struct Proposal(Tensor Q, Tensor Logp, Tensor G, Tensor Energy, Tensor Index)
{
    public const int Width = 5;

    public Tensor[] Parts => [Q, Logp, G, Energy, Index];

    public static Proposal From(Tensor[] t, int at) => new(t[at], t[at + 1], t[at + 2], t[at + 3], t[at + 4]);

    public static Proposal Select(Tensor pred, Proposal a, Proposal b) =>
        new(Ops.Where(pred, a.Q, b.Q), Ops.Where(pred, a.Logp, b.Logp), Ops.Where(pred, a.G, b.G),
            Ops.Where(pred, a.Energy, b.Energy), Ops.Where(pred, a.Index, b.Index));
}

/// <summary>What one transition holds fixed while it builds its trajectory.</summary>
internal sealed record TrajectoryContext(
    Func<Tensor, (Tensor Value, Tensor Grad)> ValueAndGrad,
    Tensor InverseMetric,
    Tensor InitialEnergy,
    Tensor LeafKey,
    int MaxDepth,
    double MaxEnergyError)
{
    public int Dim => InverseMetric.Shape[0].Value;
}

/// <summary>A subtree built by <see cref="NutsTree.Build"/>.</summary>
/// <param name="Valid">No leaf diverged and no sub-subtree made a U-turn (Stan's build_tree returned true).</param>
/// <param name="Last">The leaf farthest from the tree (the new end of the trajectory on that side).</param>
/// <param name="FirstP">Momentum of the leaf next to the tree.</param>
/// <param name="FirstSharp">Velocity of the leaf next to the tree.</param>
/// <param name="Rho">Sum of the leaves' momenta.</param>
/// <param name="LogWeight">log Σ exp(H₀ - H) over the leaves.</param>
/// <param name="Proposal">A leaf drawn with probability proportional to exp(-H) (multinomial sampling).</param>
/// <param name="AcceptSum">Σ min(1, exp(H₀ - H)) over the leaves, for the acceptance statistic.</param>
/// <param name="Steps">Leapfrog steps taken, i32.</param>
/// <param name="Divergent">Whether a leaf's energy error exceeded the limit (or was not finite).</param>
internal readonly record struct Subtree(Tensor Valid, PhasePoint Last, Tensor FirstP, Tensor FirstSharp, Tensor Rho,
    Tensor LogWeight, Proposal Proposal, Tensor AcceptSum, Tensor Steps, Tensor Divergent);

/// <summary>
/// Stan's NUTS subtree (base_nuts::build_tree) built iteratively, one leaf per loop iteration, so a whole transition
/// is one compiled program with no recursion. A subtree of depth d has 2^d leaves numbered m = 0, 1, … in the order
/// they are integrated. The recursive tree's node of height h ending at leaf m (m has h trailing one bits) has two
/// halves A (leaves built first) and B; Stan checks the generalized U-turn criterion on the whole node and on each
/// half extended by the neighbouring leaf of the other half. What those checks read is kept in fixed-size
/// checkpoint arrays of MaxDepth rows:
/// <list type="bullet">
/// <item>start checkpoints, row popcount(m): leaf m's momentum, velocity and the momentum sum before it; the rows of
/// the two halves' first leaves of a node ending at m are popcount(m) - h and popcount(m) - h + 1 and are not
/// overwritten while the node is open;</item>
/// <item>end checkpoints, row t(m) (trailing ones of m): leaf m's momentum and velocity; half A of a node of height h
/// ends at a leaf with exactly h - 1 trailing ones, and no leaf in between writes that row.</item>
/// </list>
/// Multinomial sampling within the subtree is progressive (each leaf replaces the proposal with probability
/// w_leaf / Σw so far), which picks a leaf with probability proportional to its weight, as Stan's recursion does.
/// </summary>
internal static class NutsTree
{
    /// <summary>The generalized U-turn criterion of Stan's compute_criterion: both ends keep moving along ρ.</summary>
    public static Tensor NoUTurn(Tensor sharpMinus, Tensor sharpPlus, Tensor rho) =>
        Ops.LogicalAnd(Ops.Sum(sharpPlus * rho) > 0.0, Ops.Sum(sharpMinus * rho) > 0.0);

    /// <summary>
    /// Stan's three checks for a node made of half A (outer end, inner end) and half B (inner end, outer end): the whole
    /// node, A extended by B's first leaf, and B extended by A's last leaf. True when the trajectory may go on.
    /// </summary>
    public static Tensor Persists(Tensor aOuterSharp, Tensor aInnerP, Tensor aInnerSharp, Tensor rhoA,
        Tensor bInnerP, Tensor bInnerSharp, Tensor bOuterSharp, Tensor rhoB) =>
        Ops.LogicalAnd(NoUTurn(aOuterSharp, bOuterSharp, rhoA + rhoB),
            Ops.LogicalAnd(NoUTurn(aOuterSharp, bInnerSharp, rhoA + bInnerP), NoUTurn(aInnerSharp, bOuterSharp, rhoB + aInnerP)));

    /// <summary>One leapfrog step of signed size <paramref name="h"/> from <paramref name="x"/>.</summary>
    public static PhasePoint Leapfrog(Func<Tensor, (Tensor Value, Tensor Grad)> valueAndGrad, Tensor inverseMetric, PhasePoint x, Tensor h)
    {
        Tensor p = x.P + 0.5 * h * x.G;
        Tensor q = x.Q + h * EuclideanMetric.Sharp(p, inverseMetric);
        var (logp, g) = valueAndGrad(q);
        p = p + 0.5 * h * g;
        return new PhasePoint(q, p, g, logp, EuclideanMetric.Sharp(p, inverseMetric));
    }

    /// <summary>The Hamiltonian -log p + K(p); NaN (a failed log-density) counts as +∞, as in Stan.</summary>
    public static Tensor Energy(PhasePoint x)
    {
        Tensor h = EuclideanMetric.Kinetic(x.P, x.Sharp) - x.Logp;
        return Ops.Where(Ops.IsNan(h), Ops.FullLike(h, double.PositiveInfinity), h);
    }

    /// <summary>log(exp(a) + exp(b)), exact at -∞.</summary>
    public static Tensor LogAddExp(Tensor a, Tensor b)
    {
        Tensor hi = Ops.Maximum(a, b), lo = Ops.Minimum(a, b);
        Tensor sum = hi + Ops.Log1p(Ops.Exp(lo - hi));
        return Ops.Where(Ops.IsInf(hi), hi, sum);
    }

    /// <summary>A uniform draw in [0, 1) for counter <paramref name="counter"/> (i32) of <paramref name="key"/>: one threefry block.</summary>
    public static Tensor UniformAt(Tensor key, Tensor counter, DType dtype)
    {
        var (k0, k1) = Rng.Words(key);
        var (y0, y1) = Threefry.Hash(k0, k1, Threefry.U32(0), Ops.ConvertElementType(counter, DType.U32, weak: false));
        Tensor bits = Ops.BitwiseXor(y0, y1);
        // 32 random bits are exact in f64; f32 keeps 24 so the product never rounds up to 1.
        return dtype == DType.F64
            ? Ops.Astype(bits, DType.F64) * Math.ScaleB(1, -32)
            : Ops.Astype(Ops.ShiftRight(bits, Threefry.U32(8)), dtype) * Math.ScaleB(1, -24);
    }

    /// <summary>Set bits of a non-negative i32 (SWAR popcount).</summary>
    public static Tensor PopCount(Tensor x)
    {
        x = x - Ops.BitwiseAnd(Ops.ShiftRight(x, 1), 0x55555555);
        x = Ops.BitwiseAnd(x, 0x33333333) + Ops.BitwiseAnd(Ops.ShiftRight(x, 2), 0x33333333);
        x = Ops.BitwiseAnd(x + Ops.ShiftRight(x, 4), 0x0F0F0F0F);
        return Ops.ShiftRight(x * 0x01010101, 24);
    }

    /// <summary>Trailing one bits of a non-negative i32.</summary>
    public static Tensor TrailingOnes(Tensor x) => PopCount(Ops.BitwiseXor(x, x + 1)) - 1;

    /// <summary>
    /// Builds a subtree of 2^<paramref name="depth"/> leaves from <paramref name="start"/> (an end of the trajectory,
    /// not itself a leaf) with steps of signed size <paramref name="h"/>, stopping at the first divergent leaf or U-turn.
    /// </summary>
    /// <param name="c">The transition's fixed values.</param>
    /// <param name="start">The end of the trajectory the subtree grows from.</param>
    /// <param name="h">Signed step size (negative: backwards in time).</param>
    /// <param name="depth">i32 scalar, the subtree's depth.</param>
    /// <param name="stepsSoFar">i32 leapfrog steps already taken in this transition (leaf uniforms are indexed by step).</param>
    /// <param name="startIndex">i32 position of <paramref name="start"/> in the trajectory.</param>
    /// <param name="indexStep">i32 +1 (forwards) or -1.</param>
    public static Subtree Build(TrajectoryContext c, PhasePoint start, Tensor h, Tensor depth, Tensor stepsSoFar,
        Tensor startIndex, Tensor indexStep)
    {
        int d = c.Dim, k = c.MaxDepth;
        DType dtype = start.Q.DType;
        Tensor size = Ops.ShiftLeft(Ops.OnesLike(depth), depth);
        Tensor zeroI = Ops.ZerosLike(depth);
        Tensor rows = Ops.Zeros([k, d], dtype);
        Tensor negInf = Ops.FullLike(start.Logp, double.NegativeInfinity);
        Tensor zero = Ops.ZerosLike(start.Logp);
        var init = new Proposal(start.Q, start.Logp, start.G, zero, startIndex);
        Tensor[] carry =
        [
            .. start.Parts, zeroI, Ops.ZerosLike(start.Q),
            rows, rows, rows, rows, rows,
            negInf, .. init.Parts, zero, zeroI, Tensor.From(false), Tensor.From(false),
        ];
        const int M = 5, S = 6, CkP = 7, CkSharp = 8, CkS = 9, EndP = 10, EndSharp = 11, LogW = 12, Prop = 13,
            Accept = 18, Steps = 19, Div = 20, Turn = 21;

        Tensor Row(Tensor a, Tensor i) => Ops.Reshape(Ops.DynamicSlice(a, [i, Ops.ZerosLike(i)], [1, d]), d);
        Tensor Put(Tensor a, Tensor i, Tensor row) => Ops.DynamicUpdateSlice(a, Ops.Reshape(row, 1, d), [i, Ops.ZerosLike(i)]);

        Tensor[] Leaf(Tensor[] s)
        {
            var x = PhasePoint.From(s, 0);
            Tensor m = s[M], sum = s[S];
            var leaf = Leapfrog(c.ValueAndGrad, c.InverseMetric, x, h);
            Tensor energy = Energy(leaf);
            Tensor logw = c.InitialEnergy - energy;
            Tensor divergent = Ops.LogicalNot(energy - c.InitialEnergy <= c.MaxEnergyError);
            Tensor logW = LogAddExp(s[LogW], logw);
            Tensor accept = s[Accept] + Ops.Minimum(Ops.Exp(logw), 1.0);
            Tensor step = stepsSoFar + s[Steps];
            Tensor take = UniformAt(c.LeafKey, step, dtype) < Ops.Exp(logw - logW);
            var proposal = Proposal.Select(take,
                new Proposal(leaf.Q, leaf.Logp, leaf.G, energy, startIndex + indexStep * (m + 1)), Proposal.From(s, Prop));
            Tensor sumAfter = sum + leaf.P;

            // Checkpoint this leaf as a possible first leaf of a half, then check every node that ends here.
            Tensor pc = PopCount(m), to = TrailingOnes(m);
            Tensor ckP = Put(s[CkP], pc, leaf.P), ckSharp = Put(s[CkSharp], pc, leaf.Sharp), ckS = Put(s[CkS], pc, sum);
            Tensor[] nodes = Ax.WhileLoop(
                n => Ops.LogicalAnd(n[0] <= to, Ops.LogicalNot(n[1])),
                n =>
                {
                    Tensor height = n[0], a = pc - height, b = a + 1;
                    Tensor sA = Row(ckS, a), sB = Row(ckS, b);
                    Tensor ok = Persists(Row(ckSharp, a), Row(s[EndP], height - 1), Row(s[EndSharp], height - 1), sB - sA,
                        Row(ckP, b), Row(ckSharp, b), leaf.Sharp, sumAfter - sB);
                    return [height + 1, Ops.LogicalNot(ok)];
                },
                [Ops.OnesLike(m), Tensor.From(false)]);
            Tensor turning = Ops.LogicalAnd(nodes[1], Ops.LogicalNot(divergent));

            return
            [
                .. leaf.Parts, m + 1, sumAfter, ckP, ckSharp, ckS, Put(s[EndP], to, leaf.P), Put(s[EndSharp], to, leaf.Sharp),
                logW, .. proposal.Parts, accept, s[Steps] + 1, divergent, turning,
            ];
        }

        Tensor[] end = Ax.WhileLoop(
            s => Ops.LogicalAnd(s[M] < size, Ops.LogicalNot(Ops.LogicalOr(s[Div], s[Turn]))),
            Leaf, carry);
        Tensor valid = Ops.LogicalNot(Ops.LogicalOr(end[Div], end[Turn]));
        return new Subtree(valid, PhasePoint.From(end, 0), Row(end[CkP], zeroI), Row(end[CkSharp], zeroI), end[S],
            end[LogW], Proposal.From(end, Prop), end[Accept], end[Steps], end[Div]);
    }
}
