namespace Axle.Bench.Peers;

/// <summary>One line of the results table: a workload, Axle's time, each peer's, the physical floor and the target.</summary>
internal sealed class Row(string workload)
{
    /// <summary>The peers' column names, in table order.</summary>
    public static readonly string[] PeerNames = ["PyTorch", "ORT", "TensorPrimitives", "OpenBLAS"];

    public string Workload { get; } = workload;

    public Timing? Axle { get; set; }

    /// <summary>Peer name → median milliseconds.</summary>
    public Dictionary<string, double> Peers { get; } = [];

    /// <summary>The physical floor for this workload in milliseconds (memory traffic / memcpy bandwidth, or a BLAS time).</summary>
    public double? LimitMs { get; set; }

    /// <summary>How the floor was computed, for the notes.</summary>
    public string? LimitNote { get; set; }

    /// <summary>The worst agreement between Axle and any peer: (max abs diff, that diff / the largest |value|).</summary>
    public (double Abs, double Rel)? Diff { get; set; }

    /// <summary>A free-form agreement note (for random workloads: compared statistics).</summary>
    public string? DiffNote { get; set; }

    public Target? Target { get; set; }

    /// <summary>Peer time / Axle time (&gt; 1: Axle is faster).</summary>
    public double? Speedup(string peer) =>
        Axle is { } a && Peers.TryGetValue(peer, out var p) && a.MedianMs > 0 ? p / a.MedianMs : null;

    /// <summary>Floor time / Axle time: the fraction of the physical limit Axle reaches.</summary>
    public double? LimitFraction => Axle is { } a && LimitMs is { } l && a.MedianMs > 0 ? l / a.MedianMs : null;

    public void MergeDiff(double abs, double rel)
    {
        Diff = Diff is { } d ? (Math.Max(d.Abs, abs), Math.Max(d.Rel, rel)) : (abs, rel);
    }
}

/// <summary>A target from issue 9: its text, and a check that returns null when met or how far it is missed.</summary>
internal sealed record Target(string Text, Func<Row, string?> Miss)
{
    /// <summary>At least <paramref name="times"/>× faster than <paramref name="peer"/>.</summary>
    public static Target FasterThan(string peer, double times) => new($"≥ {times:0.##}× {peer}", r =>
        r.Speedup(peer) is not { } s ? $"no {peer} time"
        : s >= times ? null : $"{s:0.00}× {peer}, needs {times / s:0.0}× faster");

    /// <summary>At least <paramref name="fraction"/> of the physical floor.</summary>
    public static Target OfLimit(double fraction) => new($"≥ {fraction:P0} of limit", r =>
        r.LimitFraction is not { } f ? "no limit measured"
        : f >= fraction ? null : $"{f:P0} of limit, needs {fraction / f:0.0}× faster");

    /// <summary>Compilation (first call minus steady state) under <paramref name="ms"/>.</summary>
    public static Target CompileUnder(double ms) => new($"compile < {ms:0} ms", r =>
        r.Axle is not { } a ? "no Axle time"
        : a.CompileMs < ms ? null : $"compile {a.CompileMs:0} ms, {a.CompileMs - ms:0} ms over");

    /// <summary>Axle's median under <paramref name="ms"/> milliseconds.</summary>
    public static Target AxleUnder(double ms, string text) => new(text, r =>
        r.Axle is not { } a ? "no Axle time"
        : a.MedianMs <= ms ? null : $"{a.MedianMs * 1e3:0.0} µs, {a.MedianMs / ms:0.0}× over");

    /// <summary>Every one of <paramref name="targets"/>.</summary>
    public static Target All(params Target[] targets) => new(string.Join("; ", targets.Select(t => t.Text)), r =>
    {
        var misses = targets.Select(t => t.Miss(r)).Where(m => m is not null).ToArray();
        return misses.Length == 0 ? null : string.Join("; ", misses);
    });
}
