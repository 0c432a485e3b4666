namespace Axle.Inference;

/// <summary>
/// The host-side record of every iteration of every chain — positions and Stan's sampler statistics — filled from the
/// programs' stacked outputs and turned into the <c>posterior</c> and <c>sample_stats</c> groups (and their warm-up
/// counterparts) of an <see cref="InferenceData"/> with ArviZ's names.
/// </summary>
internal sealed class NutsTrace(int chains, int iterations, int dim)
{
    private readonly double[] _q = new double[chains * iterations * dim];
    private readonly double[] _lp = new double[chains * iterations];
    private readonly double[] _accept = new double[chains * iterations];
    private readonly double[] _stepSize = new double[chains * iterations];
    private readonly long[] _depth = new long[chains * iterations];
    private readonly long[] _steps = new long[chains * iterations];
    private readonly bool[] _diverging = new bool[chains * iterations];
    private readonly double[] _energy = new double[chains * iterations];

    /// <summary>Stores <paramref name="count"/> iterations from <paramref name="from"/> of a group's stacked outputs (see <see cref="NutsLoops"/>).</summary>
    public void Store(int[] groupChains, Tensor[] outputs, int from, int count, int length)
    {
        double[] q = outputs[0].ToArray<double>(), lp = outputs[1].ToArray<double>(), accept = outputs[2].ToArray<double>(),
            eps = outputs[3].ToArray<double>(), energy = outputs[7].ToArray<double>();
        int[] depth = outputs[4].ToArray<int>(), steps = outputs[5].ToArray<int>();
        bool[] div = outputs[6].ToArray<bool>();
        foreach (var o in outputs) o.Dispose();
        for (int gi = 0; gi < groupChains.Length; gi++)
        {
            int c = groupChains[gi];
            for (int t = 0; t < count; t++)
            {
                int src = gi * length + t, dst = c * iterations + from + t;
                Array.Copy(q, src * dim, _q, dst * dim, dim);
                _lp[dst] = lp[src];
                _accept[dst] = accept[src];
                _stepSize[dst] = eps[src];
                _depth[dst] = depth[src];
                _steps[dst] = steps[src];
                _diverging[dst] = div[src];
                _energy[dst] = energy[src];
            }
        }
    }

    /// <summary>Over iterations [from, to) of every chain: mean acceptance, divergences, mean tree depth.</summary>
    public (double Accept, int Divergences, double TreeDepth) Stats(int from, int to)
    {
        double accept = 0, depth = 0;
        int div = 0, n = 0;
        for (int c = 0; c < chains; c++)
            for (int t = from; t < to; t++, n++)
            {
                int i = c * iterations + t;
                accept += _accept[i];
                depth += _depth[i];
                if (_diverging[i]) div++;
            }
        return n == 0 ? (0, 0, 0) : (accept / n, div, depth / n);
    }

    /// <summary>Every chain's step size at iteration <paramref name="t"/>.</summary>
    public double[] StepSizes(int t) => Enumerable.Range(0, chains).Select(c => _stepSize[c * iterations + t]).ToArray();

    /// <summary>The posterior group of iterations [from, to): one variable <paramref name="name"/>, (chain, draw, name_dim_0).</summary>
    public InferenceGroup Posterior(string name, int from, int to, IReadOnlyDictionary<string, string> attributes)
    {
        int n = to - from;
        var q = new double[chains * n * dim];
        for (int c = 0; c < chains; c++)
            Array.Copy(_q, (c * iterations + from) * dim, q, c * n * dim, n * dim);
        var values = Tensor.From(q, chains, n, dim);
        return new InferenceGroup([new InferenceVariable(name, values, ["chain", "draw", name + "_dim_0"])], attributes: attributes);
    }

    /// <summary>The positions of iterations [from, to) as (chains, draws, dim) doubles.</summary>
    public double[] Positions(int from, int to)
    {
        int n = to - from;
        var q = new double[chains * n * dim];
        for (int c = 0; c < chains; c++)
            Array.Copy(_q, (c * iterations + from) * dim, q, c * n * dim, n * dim);
        return q;
    }

    /// <summary>The sample_stats group of iterations [from, to), ArviZ's names.</summary>
    public InferenceGroup SampleStats(int from, int to, int maxDepth, IReadOnlyDictionary<string, string> attributes)
    {
        int n = to - from;
        T[] Slice<T>(T[] all)
        {
            var r = new T[chains * n];
            for (int c = 0; c < chains; c++) Array.Copy(all, c * iterations + from, r, c * n, n);
            return r;
        }
        InferenceVariable V<T>(string name, T[] all) where T : unmanaged =>
            new(name, Tensor.From(Slice(all), chains, n), ["chain", "draw"]);
        long[] depth = Slice(_depth);
        return new InferenceGroup(
        [
            V("lp", _lp), V("acceptance_rate", _accept), V("step_size", _stepSize), V("tree_depth", _depth),
            V("n_steps", _steps), V("diverging", _diverging), V("energy", _energy),
            new InferenceVariable("reached_max_treedepth", Tensor.From(depth.Select(x => x >= maxDepth).ToArray(), chains, n), ["chain", "draw"]),
        ], attributes: attributes);
    }
}
