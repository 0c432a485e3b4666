namespace Axle.Tests.Inference;

/// <summary>
/// Stan's NUTS transition (base_nuts::transition and build_tree, recursive, on doubles) with the doubling directions
/// given, for checking the compiled iterative kernel: the trajectory it visits, where it stops and why, the
/// acceptance statistic, and the exact probability with which each point of the trajectory becomes the next state
/// (multinomial within subtrees, biased progressive between them).
/// </summary>
internal sealed class NutsReference(Func<double[], (double Logp, double[] Grad)> target, double[] inverseMetric, double stepSize,
    int maxDepth, double maxEnergyError = 1000)
{
    private sealed record Point(double[] Q, double[] P, double[] G, double Logp)
    {
        public int Index { get; init; }
    }

    /// <summary>What one transition did.</summary>
    /// <param name="Depth">Completed doublings.</param>
    /// <param name="Steps">Leapfrog steps.</param>
    /// <param name="Divergent">Whether a leaf's energy error exceeded the limit.</param>
    /// <param name="AcceptStat">Mean of min(1, exp(H0 - H)) over the steps.</param>
    /// <param name="Probability">Probability of each trajectory index (0 = start) becoming the next state.</param>
    /// <param name="Positions">The position at each index of the kept trajectory.</param>
    public sealed record Result(int Depth, int Steps, bool Divergent, double AcceptStat,
        Dictionary<int, double> Probability, Dictionary<int, double[]> Positions);

    private double _h0;
    private int _steps;
    private double _sumMetro;
    private bool _divergent;
    private readonly List<Point> _leaves = [];

    private double[] Sharp(double[] p) => p.Select((x, i) => x * inverseMetric[i]).ToArray();

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    private static double[] Add(double[] a, double[] b) => a.Zip(b, (x, y) => x + y).ToArray();

    private double Energy(Point z)
    {
        double h = 0.5 * Dot(z.P, Sharp(z.P)) - z.Logp;
        return double.IsNaN(h) ? double.PositiveInfinity : h;
    }

    private static double LogSumExp(double a, double b)
    {
        double hi = Math.Max(a, b);
        return double.IsNegativeInfinity(hi) ? hi : hi + Math.Log(Math.Exp(a - hi) + Math.Exp(b - hi));
    }

    private static bool Criterion(double[] sharpMinus, double[] sharpPlus, double[] rho) =>
        Dot(sharpPlus, rho) > 0 && Dot(sharpMinus, rho) > 0;

    private Point Leapfrog(Point z, double h, int index)
    {
        double[] p = z.P.Select((x, i) => x + 0.5 * h * z.G[i]).ToArray();
        double[] sharp = Sharp(p);
        double[] q = z.Q.Select((x, i) => x + h * sharp[i]).ToArray();
        var (logp, g) = target(q);
        p = p.Select((x, i) => x + 0.5 * h * g[i]).ToArray();
        return new Point(q, p, g, logp) { Index = index };
    }

    /// <summary>
    /// A subtree: its leaves (in build order) with their log-weights, whether it is valid, and the quantities its parent
    /// reads. Leaves are recorded for the exact selection probabilities.
    /// </summary>
    private sealed record Tree(bool Valid, List<(Point Leaf, double LogW)> Leaves, double[] Rho, double[] PBeg, double[] PEnd,
        Point Last);

    private Tree Build(int depth, Point from, double sign, int indexStep)
    {
        if (depth == 0)
        {
            var z = Leapfrog(from, sign * stepSize, from.Index + indexStep);
            _steps++;
            double h = Energy(z);
            if (h - _h0 > maxEnergyError) _divergent = true;
            double logw = _h0 - h;
            _sumMetro += logw > 0 ? 1 : Math.Exp(logw);
            return new Tree(!_divergent, [(z, logw)], z.P, z.P, z.P, z);
        }
        var init = Build(depth - 1, from, sign, indexStep);
        if (!init.Valid) return init with { Valid = false };
        var final = Build(depth - 1, init.Last, sign, indexStep);
        if (!final.Valid) return final with { Valid = false, Leaves = [.. init.Leaves, .. final.Leaves] };
        double[] rho = Add(init.Rho, final.Rho);
        bool persist = Criterion(Sharp(init.PBeg), Sharp(final.PEnd), rho)
            && Criterion(Sharp(init.PBeg), Sharp(final.PBeg), Add(init.Rho, final.PBeg))
            && Criterion(Sharp(init.PEnd), Sharp(final.PEnd), Add(final.Rho, init.PEnd));
        return new Tree(persist, [.. init.Leaves, .. final.Leaves], rho, init.PBeg, final.PEnd, final.Last);
    }

    /// <summary>One transition from <paramref name="q"/> with momentum <paramref name="p0"/>; bit k of <paramref name="directions"/> set: doubling k goes forwards.</summary>
    public Result Transition(double[] q, double[] p0, uint directions)
    {
        var (logp, g) = target(q);
        var start = new Point(q, p0, g, logp) { Index = 0 };
        _h0 = Energy(start);
        _steps = 0;
        _sumMetro = 0;
        _divergent = false;
        Point front = start, back = start;
        Point forwardEnd = start, backwardEnd = start;
        double[] rho = p0;
        double logW = 0;
        // The probability of each index being the sample so far (the start, to begin with).
        var probability = new Dictionary<int, double> { [0] = 1.0 };
        var positions = new Dictionary<int, double[]> { [0] = q };
        int depth = 0;
        while (depth < maxDepth)
        {
            bool forward = ((directions >> depth) & 1) == 1;
            Point from = forward ? forwardEnd : backwardEnd, other = forward ? backwardEnd : forwardEnd;
            var sub = Build(depth, from, forward ? 1 : -1, forward ? 1 : -1);
            if (!sub.Valid) break;
            depth++;
            double logWSub = sub.Leaves.Select(l => l.LogW).Aggregate(double.NegativeInfinity, LogSumExp);
            double take = logWSub > logW ? 1 : Math.Exp(logWSub - logW);
            foreach (var key in probability.Keys.ToList()) probability[key] *= 1 - take;
            foreach (var (leaf, lw) in sub.Leaves)
            {
                probability[leaf.Index] = take * Math.Exp(lw - logWSub);
                positions[leaf.Index] = leaf.Q;
            }
            logW = LogSumExp(logW, logWSub);
            double[] rhoAll = Add(rho, sub.Rho);
            bool persist = Criterion(Sharp(other.P), Sharp(sub.PEnd), rhoAll)
                && Criterion(Sharp(other.P), Sharp(sub.PBeg), Add(rho, sub.PBeg))
                && Criterion(Sharp(from.P), Sharp(sub.PEnd), Add(sub.Rho, from.P));
            rho = rhoAll;
            if (forward) forwardEnd = sub.Last;
            else backwardEnd = sub.Last;
            if (!persist) break;
        }
        return new Result(depth, _steps, _divergent, _steps == 0 ? 0 : _sumMetro / _steps, probability, positions);
    }
}
