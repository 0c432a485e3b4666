namespace Axle.Inference;

/// <summary>
/// The sampler's chains as groups that each run as one program call: all chains in one vmapped group
/// (<see cref="ChainMethod.Vectorized"/>) or one unbatched group per chain, run on parallel threads
/// (<see cref="ChainMethod.Parallel"/>). A group's carry lives on the device between calls; the host reads and
/// replaces single parts of it (step sizes, metric, estimators) at window ends.
/// </summary>
internal sealed class NutsChains : IDisposable
{
    private readonly Group[] _groups;
    private readonly DType _dtype;

    public NutsChains(int chains, DType dtype, ChainMethod method)
    {
        _dtype = dtype;
        _groups = method == ChainMethod.Vectorized
            ? [new Group(Enumerable.Range(0, chains).ToArray(), batched: true)]
            : Enumerable.Range(0, chains).Select(c => new Group([c], batched: false)).ToArray();
        Count = chains;
    }

    public int Count { get; }

    public bool Batched => _groups[0].Batched;

    /// <summary>Sets carry part <paramref name="index"/> of every group from per-chain values of the given shape.</summary>
    public void Set(int index, Func<int, double[]> valueOfChain, int[] shape, DType? dtype = null)
    {
        foreach (var g in _groups)
        {
            var values = g.Chains.SelectMany(valueOfChain).ToArray();
            Tensor t = HostTensor(values, g.Batched ? [g.Chains.Length, .. shape] : shape, dtype ?? _dtype);
            g.Replace(index, t);
        }
    }

    /// <summary>
    /// Sets carry part <paramref name="index"/> of every group from a tensor with a leading chain axis, which the
    /// chains take ownership of (it is disposed when replaced, or now if no group keeps it whole).
    /// </summary>
    public void SetRows(int index, Tensor perChain)
    {
        bool kept = false;
        foreach (var g in _groups)
        {
            bool whole = g.Batched && g.Chains.Length == Count;
            kept |= whole;
            g.Replace(index, whole ? perChain
                : g.Batched ? Ops.Take(perChain, Tensor.From(g.Chains, g.Chains.Length), axis: 0)
                : perChain[g.Chains[0]]);
        }
        if (!kept) perChain.Dispose();
    }

    /// <summary>Carry part <paramref name="index"/> of every chain, flattened per chain.</summary>
    public double[][] Read(int index)
    {
        var result = new double[Count][];
        foreach (var g in _groups)
        {
            double[] all = g.State[index].ToArray<double>();
            int width = all.Length / g.Chains.Length;
            for (int i = 0; i < g.Chains.Length; i++) result[g.Chains[i]] = all.AsSpan(i * width, width).ToArray();
        }
        return result;
    }

    /// <summary>
    /// Runs the program (batched or single, by group) on every group (concurrently when there are several) with the carry followed by
    /// the shared <paramref name="extra"/> inputs; the first <paramref name="carryWidth"/> outputs become the new carry,
    /// the rest are returned per group with the group's chains.
    /// </summary>
    public (int[] Chains, Tensor[] Outputs)[] Run(Func<Tensor[], Tensor[]> programBatched, Func<Tensor[], Tensor[]> programSingle,
        int carryWidth, Tensor[] extra)
    {
        var results = new (int[], Tensor[])[_groups.Length];
        void RunGroup(int i)
        {
            var g = _groups[i];
            Tensor[] outs = (g.Batched ? programBatched : programSingle)([.. g.State[..carryWidth], .. extra]);
            for (int k = 0; k < carryWidth; k++) g.Replace(k, outs[k]);
            results[i] = (g.Chains, outs[carryWidth..]);
        }
        if (_groups.Length == 1) RunGroup(0);
        else Parallel.For(0, _groups.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, RunGroup);
        return results;
    }

    /// <summary>Runs a program whose outputs are not carry (the step-size search) on every group's carry parts.</summary>
    public double[][] Evaluate(Func<Tensor[], Tensor[]> programBatched, Func<Tensor[], Tensor[]> programSingle, int[] parts)
    {
        var result = new double[Count][];
        void RunGroup(int i)
        {
            var g = _groups[i];
            Tensor[] outs = (g.Batched ? programBatched : programSingle)(parts.Select(p => g.State[p]).ToArray());
            double[] all = outs[0].ToArray<double>();
            foreach (var o in outs) o.Dispose();
            int width = all.Length / g.Chains.Length;
            for (int k = 0; k < g.Chains.Length; k++) result[g.Chains[k]] = all.AsSpan(k * width, width).ToArray();
        }
        if (_groups.Length == 1) RunGroup(0);
        else Parallel.For(0, _groups.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, RunGroup);
        return result;
    }

    /// <summary>A tensor of <paramref name="dtype"/> from doubles.</summary>
    public static Tensor HostTensor(double[] values, int[] shape, DType dtype) => (dtype, shape.Length) switch
    {
        // Tensor.From(array) with no shape is a vector: scalars are made from the value.
        (DType.F64, 0) => Tensor.From(values[0]),
        (DType.F32, 0) => Tensor.From((float)values[0]),
        (_, 0) => Ops.Astype(Tensor.From(values[0]), dtype),
        (DType.F64, _) => Tensor.From(values, shape),
        (DType.F32, _) => Tensor.From(Array.ConvertAll(values, v => (float)v), shape),
        _ => Ops.Astype(Tensor.From(values, shape), dtype),
    };

    public void Dispose()
    {
        foreach (var g in _groups) g.Dispose();
    }

    private sealed class Group(int[] chains, bool batched) : IDisposable
    {
        public int[] Chains { get; } = chains;

        public bool Batched { get; } = batched;

        public List<Tensor> State { get; } = [];

        public void Replace(int index, Tensor t)
        {
            while (State.Count <= index) State.Add(null!);
            var old = State[index];
            State[index] = t;
            if (old is not null && !ReferenceEquals(old, t) && !State.Contains(old)) old.Dispose();
        }

        public void Dispose()
        {
            foreach (var t in State.Distinct()) t?.Dispose();
            State.Clear();
        }
    }
}
