using System.Runtime.CompilerServices;
using Axle.Runtime;
using static Axle.Ops;

[assembly: InternalsVisibleTo("Axle.Tests")]

namespace Axle.Soak;

/// <summary>The bounds a soak run must stay within; growth is measured from the first sample after warm-up.</summary>
/// <param name="MaxResidentGrowthBytes">Resident memory may grow at most this much.</param>
/// <param name="MaxHeapGrowthBytes">The GC heap may grow at most this much.</param>
internal sealed record SoakBounds(long MaxResidentGrowthBytes, long MaxHeapGrowthBytes)
{
    /// <summary>The bounds ./build.sh soak enforces: 16 MiB of RSS (16 bytes per call over a million calls), 4 MiB of heap.</summary>
    public static readonly SoakBounds Default = new(16L << 20, 4L << 20);
}

/// <summary>
/// Calls one jitted function <c>jitCalls</c> times and eager ops <c>eagerOps</c> times on the
/// default client, sampling every <c>sampleEvery</c> calls, and checks that nothing grows: live
/// buffers and executables (managed and native) return to the warm-up level at every sample,
/// and resident memory and the GC heap stay within <see cref="SoakBounds"/>.
/// </summary>
internal static class SoakRun
{
    /// <summary>What a run measured and whether it stayed within bounds.</summary>
    public sealed record Result(string Phase, IReadOnlyList<LiveSample> Samples, long ResidentGrowth, long HeapGrowth, IReadOnlyList<string> Failures);

    /// <summary>Runs the jitted-call phase.</summary>
    public static Result JitCalls(long calls, long sampleEvery, SoakBounds bounds, TextWriter? log = null)
    {
        var f = Ax.Jit((Tensor x, Tensor y) => Tanh(x * y + 1) - y);
        var x = Tensor.From(new float[] { 0.5f, -1, 2, 0.25f });
        var y = Tensor.From(new float[] { 1, 2, 3, 4 });
        float[] expected = ExpectedJit([0.5f, -1, 2, 0.25f], [1, 2, 3, 4]);
        return Run("jit", calls, sampleEvery, bounds, log, () =>
        {
            using Tensor r = f(x, y);
            return Close(r.ToArray<float>(), expected);
        });
    }

    /// <summary>Runs the eager-op phase: each iteration is one elementwise op and one reduction.</summary>
    public static Result EagerOps(long ops, long sampleEvery, SoakBounds bounds, TextWriter? log = null)
    {
        var x = Tensor.From(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        return Run("eager", ops / 2, sampleEvery / 2, bounds, log, () =>
        {
            using Tensor doubled = x * 2;
            using Tensor total = Sum(doubled);
            return total.Item<float>() == 42f;
        });
    }

    private static Result Run(string phase, long iterations, long sampleEvery, SoakBounds bounds, TextWriter? log, Func<bool> once)
    {
        if (iterations <= 0) throw new ArgumentOutOfRangeException(nameof(iterations), iterations, "the soak needs at least one call");
        if (sampleEvery <= 0) throw new ArgumentOutOfRangeException(nameof(sampleEvery), sampleEvery, "the sampling interval must be positive");
        PjrtPlugin plugin = Backend.Client.Plugin;
        var failures = new List<string>();

        // Warm-up (one sampling interval, not counted): compile, fill the pools and let the .NET
        // JIT's tier-up (a background thread, after a quiet 100 ms) finish before the baseline.
        long warmup = Math.Min(iterations, sampleEvery);
        for (long i = 0; i < warmup; i++) once();
        Thread.Sleep(300);
        for (long i = 0; i < warmup; i++) once();
        LiveSample baseline = LiveSample.Take(0, plugin);
        var samples = new List<LiveSample> { baseline };
        log?.WriteLine($"{phase}: {iterations:N0} iterations after {2 * warmup:N0} of warm-up, sampling every {sampleEvery:N0}");
        log?.WriteLine(LiveSample.Header);
        log?.WriteLine(baseline.Row());

        long wrong = 0;
        for (long done = 0; done < iterations;)
        {
            long stop = Math.Min(iterations, done + sampleEvery);
            for (; done < stop; done++)
            {
                if (!once()) wrong++;
            }

            LiveSample s = LiveSample.Take(done, plugin);
            samples.Add(s);
            log?.WriteLine(s.Row());
            if (s.Buffers != baseline.Buffers || s.Executables != baseline.Executables)
                failures.Add($"{phase} at {done}: managed live buffers/executables {s.Buffers}/{s.Executables}, baseline {baseline.Buffers}/{baseline.Executables}");
            if (s.Native is { } n && baseline.Native is { } b && (n.Buffers != b.Buffers || n.LoadedExecutables != b.LoadedExecutables || n.Events != b.Events || n.Errors != b.Errors))
                failures.Add($"{phase} at {done}: native live counts {n}, baseline {b}");
        }

        if (wrong > 0) failures.Add($"{phase}: {wrong} of {iterations} results were wrong");
        long rss = samples[^1].ResidentBytes - baseline.ResidentBytes;
        long heap = samples[^1].ManagedHeapBytes - baseline.ManagedHeapBytes;
        if (rss > bounds.MaxResidentGrowthBytes)
            failures.Add($"{phase}: resident memory grew {rss / 1024} KiB; the bound is {bounds.MaxResidentGrowthBytes / 1024} KiB");
        if (heap > bounds.MaxHeapGrowthBytes)
            failures.Add($"{phase}: the GC heap grew {heap / 1024} KiB; the bound is {bounds.MaxHeapGrowthBytes / 1024} KiB");
        return new Result(phase, samples, rss, heap, failures);
    }

    private static float[] ExpectedJit(float[] x, float[] y) =>
        x.Select((v, i) => MathF.Tanh(v * y[i] + 1) - y[i]).ToArray();

    private static bool Close(float[] actual, float[] expected)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (MathF.Abs(actual[i] - expected[i]) > 1e-5f) return false;
        }

        return true;
    }
}
