namespace Axle.Bench.Peers;

/// <summary>What every workload needs: options, timing, the PyTorch results, the limits, the rows and the agreement checks.</summary>
internal sealed class Harness(Options options, Dictionary<string, TorchResult>? torch)
{
    private readonly List<(Row Row, double Bytes, string What)> _memoryLimits = [];

    public Options Options { get; } = options;

    public List<Row> Rows { get; } = [];

    public Agreement Agreement { get; } = new();

    /// <summary>Raw measurements (name → timing), printed under the table.</summary>
    public List<(string Name, Timing Timing)> Raw { get; } = [];

    public Row NewRow(string workload)
    {
        var row = new Row(workload);
        Rows.Add(row);
        Console.Error.WriteLine($"-- {workload}");
        return row;
    }

    /// <summary>Times <paramref name="call"/> and records it under <paramref name="name"/>.</summary>
    public Timing Time(string name, Action call)
    {
        var t = Measure.Time(Options, call);
        Raw.Add((name, t));
        Console.Error.WriteLine($"   {name}: {t.MedianMs:0.###} ms (first {t.FirstMs:0.#} ms, {t.Reps} reps)");
        return t;
    }

    /// <summary>
    /// Times a multi-threaded peer with 2 threads and with 1 and returns the faster median: on a
    /// machine shared with other work, a parallel region waits for a descheduled thread, and a
    /// user would pick the setting that runs faster. Leaves 2 threads set.
    /// </summary>
    public double TimeBestOfThreads(string name, Action<int> setThreads, Action call)
    {
        double best = double.PositiveInfinity;
        foreach (int t in new[] { 2, 1 })
        {
            setThreads(t);
            best = Math.Min(best, Time($"{name}, {t} thread{(t > 1 ? "s" : "")}", call).MedianMs);
        }
        setThreads(2);
        return best;
    }

    /// <summary><see cref="TimeBestOfThreads"/> for an ONNX Runtime model.</summary>
    public double TimeOrt(string name, Onnx.OrtModel ort, Action call) => TimeBestOfThreads(name, t => ort.Threads = t, call);

    /// <summary><see cref="TimeBestOfThreads"/> for OpenBLAS calls.</summary>
    public double TimeBlas(string name, Action call) => TimeBestOfThreads(name, OpenBlas.SetThreads, call);

    /// <summary>
    /// The floor for moving <paramref name="bytes"/> through memory; set on <paramref name="row"/> by
    /// <see cref="SetMemoryLimits"/> once the bandwidth has been measured before and after the workloads.
    /// </summary>
    public void MemoryLimit(Row row, double bytes, string what) => _memoryLimits.Add((row, bytes, what));

    /// <summary>Sets every memory-bound row's limit from <paramref name="gbps"/> (bytes read + written per second, 10⁹).</summary>
    public void SetMemoryLimits(double gbps)
    {
        foreach (var (row, bytes, what) in _memoryLimits)
        {
            row.LimitMs = Memcpy.FloorMs(bytes, gbps);
            row.LimitNote = $"{what}: {bytes / 1e6:0.#} MB at memcpy's {gbps:0.0} GB/s";
        }
    }

    /// <summary>
    /// Puts PyTorch's time for <paramref name="key"/> on the row and compares each named probe
    /// (values at <see cref="Data.ProbeIndices"/> of the flattened output) with Axle's.
    /// </summary>
    public TorchResult? PyTorch(Row row, string key, double rtol = 0, double atol = 0, params (string Name, double[] Flat)[] axle)
    {
        if (torch is null || !torch.TryGetValue(key, out var r)) return null;
        row.Peers["PyTorch"] = r.Ms;
        foreach (var (threads, t) in r.ByThreads.OrderByDescending(kv => kv.Key))
            Raw.Add(($"{key} (PyTorch), {threads} thread{(threads > 1 ? "s" : "")}", t));
        foreach (var (name, flat) in axle) ComparePyTorch(row, r, name, flat, rtol, atol);
        return r;
    }

    /// <summary>Compares one more probe of a result <see cref="PyTorch"/> returned (with its own tolerance).</summary>
    public void ComparePyTorch(Row row, TorchResult r, string name, double[] flat, double rtol, double atol)
    {
        if (!r.Probes.TryGetValue(name, out var theirs))
            throw new InvalidOperationException($"torch_bench.py returned no probe '{name}' for {row.Workload}");
        var idx = Data.ProbeIndices(flat.Length);
        Agreement.Check(row, "PyTorch", name, idx.Select(i => flat[i]).ToArray(), theirs, rtol, atol);
    }

    public static double[] Flat<T>(Tensor t) where T : unmanaged, IConvertible =>
        t.ToArray<T>().Select(v => v.ToDouble(null)).ToArray();
}
