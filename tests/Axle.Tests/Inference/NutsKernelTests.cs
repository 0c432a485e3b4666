using Axle.Inference;
using Xunit.Abstractions;

namespace Axle.Tests.Inference;

/// <summary>
/// The compiled iterative NUTS transition against Stan's recursive algorithm (<see cref="NutsReference"/>) on the same
/// start, momentum and doubling directions: the same trajectory, tree depth, step count, divergence and acceptance
/// statistic, and a next state drawn with the exact multinomial / biased-progressive probabilities (χ² over many
/// keys). Hand-built cases cover a U-turn, the depth limit and a divergence.
/// </summary>
public class NutsKernelTests(ITestOutputHelper output)
{
    private const int Dim = 3, Keys = 3000;
    private static readonly double[] Scales = [0.5, 1.0, 2.0];

    private static Tensor LogDensity(Tensor x) => -0.5 * Ops.Sum(Ops.Square(x / Tensor.From(Scales, Dim)));

    private static (double, double[]) Target(double[] x) =>
        (-0.5 * x.Select((v, i) => v * v / (Scales[i] * Scales[i])).Sum(), x.Select((v, i) => -v / (Scales[i] * Scales[i])).ToArray());

    // One program per depth limit: (q, p0, directions, step size, merge keys (n, 2), leaf keys (n, 2)) → per key the
    // chosen index and position, depth, steps, divergence and acceptance statistic.
    private static readonly Dictionary<int, Func<Tensor[], Tensor[]>> Programs = [];

    private static Func<Tensor[], Tensor[]> Program(int maxDepth)
    {
        lock (Programs)
        {
            if (Programs.TryGetValue(maxDepth, out var p)) return p;
            var valueAndGrad = Ax.ValueAndGrad((Func<Tensor, Tensor>)LogDensity);
            Func<Tensor[], Tensor[]> one = xs =>
            {
                var (logp, g) = valueAndGrad(xs[0]);
                var t = NutsKernel.Run(valueAndGrad, xs[0], logp, g, xs[3], Ops.Ones([Dim], DType.F64), xs[1], xs[2], xs[4], xs[5], maxDepth, 1000);
                return [t.Index, t.Q, t.TreeDepth, t.Steps, t.Divergent, t.AcceptStat, t.Energy];
            };
            return Programs[maxDepth] = Ax.Jit(Ax.Vmap(one, [null, null, null, null, 0, 0]));
        }
    }

    private NutsReference.Result Check(double[] q, double[] p0, uint directions, double eps, int maxDepth)
    {
        var reference = new NutsReference(Target, [1, 1, 1], eps, maxDepth).Transition(q, p0, directions);
        Tensor merge = Rng.Split(Rng.Key(1), Keys), leaf = Rng.Split(Rng.Key(2), Keys);
        Tensor[] outs = Program(maxDepth)([Tensor.From(q, Dim), Tensor.From(p0, Dim), Tensor.From(directions), Tensor.From(eps), merge, leaf]);
        int[] index = outs[0].ToArray<int>(), depth = outs[2].ToArray<int>(), steps = outs[3].ToArray<int>();
        double[] chosen = outs[1].ToArray<double>(), accept = outs[5].ToArray<double>();
        bool[] divergent = outs[4].ToArray<bool>();
        output.WriteLine($"eps {eps} dirs {directions:x}: reference depth {reference.Depth}, steps {reference.Steps}, divergent {reference.Divergent}, accept {reference.AcceptStat:F6}");

        for (int k = 0; k < Keys; k++)
        {
            Assert.Equal(reference.Depth, depth[k]);
            Assert.Equal(reference.Steps, steps[k]);
            Assert.Equal(reference.Divergent, divergent[k]);
            Assert.Equal(reference.AcceptStat, accept[k], 1e-9);
            Assert.True(reference.Probability.TryGetValue(index[k], out double pr) && pr > 0,
                $"key {k} chose trajectory index {index[k]}, which the reference gives probability 0");
            for (int j = 0; j < Dim; j++) Assert.Equal(reference.Positions[index[k]][j], chosen[k * Dim + j], 1e-9);
        }

        // χ² of the chosen indices against the exact probabilities, cells pooled until each expects ≥ 5.
        var observed = index.GroupBy(i => i).ToDictionary(g => g.Key, g => g.Count());
        double chi2 = 0, poolExpected = 0, poolObserved = 0;
        int cells = 0;
        foreach (var (i, pr) in reference.Probability.OrderBy(kv => kv.Value))
        {
            poolExpected += pr * Keys;
            poolObserved += observed.GetValueOrDefault(i);
            if (poolExpected < 5) continue;
            chi2 += (poolObserved - poolExpected) * (poolObserved - poolExpected) / poolExpected;
            cells++;
            poolExpected = poolObserved = 0;
        }
        if (poolExpected > 0 && cells > 0) chi2 += (poolObserved - poolExpected) * (poolObserved - poolExpected) / Math.Max(poolExpected, 1e-9);
        else if (poolExpected > 0) cells++;
        double p = cells <= 1 ? 1 : ChiSquare.UpperTail(chi2, cells - 1);
        output.WriteLine($"  {reference.Probability.Count} indices, χ² {chi2:F2} on {cells - 1} dof, p = {p:F4}");
        Assert.True(p > 1e-3, $"selection frequencies disagree with the multinomial probabilities: χ² {chi2:F2} on {cells - 1} dof (p = {p:G3})");
        return reference;
    }

    [Fact]
    public void MatchesStanOnRandomTrajectories()
    {
        var rng = new Random(5);
        int uTurns = 0;
        foreach (double eps in new[] { 0.08, 0.3, 0.7, 0.95 })
            for (int rep = 0; rep < 3; rep++)
            {
                double[] q = Enumerable.Range(0, Dim).Select(i => Scales[i] * DiagnosticsTests.Gaussian(rng)).ToArray();
                double[] p0 = Enumerable.Range(0, Dim).Select(_ => DiagnosticsTests.Gaussian(rng)).ToArray();
                var r = Check(q, p0, (uint)rng.Next(), eps, maxDepth: 8);
                if (r.Depth < 8 && !r.Divergent) uTurns++;
            }
        Assert.True(uTurns >= 8, $"only {uTurns} of 12 transitions stopped at a U-turn");
    }

    [Fact]
    public void StopsAtTheDepthLimit()
    {
        // A step far below the scales: a U-turn would take hundreds of steps.
        var r = Check([0.1, -0.3, 0.5], [1, 0.5, -1], 0b1011, 0.005, maxDepth: 5);
        Assert.Equal(5, r.Depth);
        Assert.Equal(31, r.Steps);
        Assert.False(r.Divergent);
    }

    [Fact]
    public void StopsAtADivergence()
    {
        // ε above 2·(smallest scale) makes the leapfrog unstable along that axis: the energy error grows without bound.
        var r = Check([0.4, 0.2, -0.3], [1, 0, 0], 0xFFFFFFFF, 2.6, maxDepth: 10);
        Assert.True(r.Divergent);
        Assert.True(r.Depth < 10);
    }

    [Fact]
    public void NoUTurnCriterionReadsBothEnds()
    {
        // ρ along +x; the criterion holds only while both velocities still point along ρ.
        Tensor rho = Tensor.From(new double[] { 2, 0 }, 2);
        bool Criterion(double[] minus, double[] plus) =>
            NutsTree.NoUTurn(Tensor.From(minus, 2), Tensor.From(plus, 2), rho).Item<bool>();
        Assert.True(Criterion([1, 5], [0.1, -5]));
        Assert.False(Criterion([1, 0], [-0.1, 3]));
        Assert.False(Criterion([-1, 0], [1, 0]));
        Assert.False(Criterion([0, 1], [1, 0]));
    }

    [Fact]
    public void BitHelpersCountOnes()
    {
        int[] values = [0, 1, 2, 3, 6, 7, 13, 1023, 0x7FFF_FFFF];
        Tensor x = Tensor.From(values, values.Length);
        int[] pop = NutsTree.PopCount(x).ToArray<int>(), trailing = NutsTree.TrailingOnes(x).ToArray<int>();
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(System.Numerics.BitOperations.PopCount((uint)values[i]), pop[i]);
            Assert.Equal(System.Numerics.BitOperations.TrailingZeroCount(~values[i]), trailing[i]);
        }
    }
}
