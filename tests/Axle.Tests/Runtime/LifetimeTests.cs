using Axle.Tests.Backends;
using System.Runtime.CompilerServices;
using Axle.Runtime;

namespace Axle.Tests.Runtime;

/// <summary>
/// Tests that count live native objects process-wide, so they run alone
/// (after the parallel tests) and collect garbage left by others first.
/// Counts are relative to a baseline taken after that collection: the managed
/// core keeps its default client and cached executables alive for the process.
/// </summary>
[CollectionDefinition(nameof(LifetimeTests), DisableParallelization = true)]
public sealed class LifetimeCollection
{
}

[Collection(nameof(LifetimeTests))]
public class LifetimeTests
{
    [CpuPluginFact]
    public void ClientMayBeDisposedBeforeItsBuffersAndExecutables()
    {
        Snapshot baseline = Snapshot.Take();
        PjrtClient client = TestPjrt.NewClient();
        PjrtLoadedExecutable executable = client.Compile(AcceptanceTests.Program);
        float[] a = { 1, 0, 0, 0, 1, 0 };
        float[] b = Enumerable.Range(0, 12).Select(i => i * 0.1f).ToArray();
        PjrtBuffer ba = client.BufferFromHost<float>(a, new long[] { 2, 3 });
        PjrtBuffer bb = client.BufferFromHost<float>(b, new long[] { 3, 4 });

        client.Dispose();
        Assert.Equal(baseline.Clients + 1, PjrtLiveObjects.Clients);

        // The native client lives on for its dependents, which keep working.
        PjrtBuffer[] outputs = executable.Execute(ba, bb);
        ProgramTests.AssertClose(AcceptanceTests.Reference(a, b), outputs[0].ToArray<float>(), 1e-5f);
        outputs[0].Dispose();
        ba.Dispose();
        bb.Dispose();
        Assert.Equal(baseline.Clients + 1, PjrtLiveObjects.Clients);
        executable.Dispose();

        AssertNothingLive(baseline);
    }

    [CpuPluginFact]
    public void FinalizersReleaseEverythingInAnyOrder()
    {
        Snapshot baseline = Snapshot.Take();
        for (int i = 0; i < 5; i++)
        {
            MakeGarbage();
        }

        CollectGarbage();
        AssertNothingLive(baseline);
    }

    [CpuPluginFact]
    public void TenThousandExecutionsDoNotGrowNativeMemory()
    {
        Snapshot baseline = Snapshot.Take();
        var random = new Random(7);
        float[] a = Enumerable.Range(0, 6).Select(_ => (float)random.NextDouble()).ToArray();
        float[] b = Enumerable.Range(0, 12).Select(_ => (float)random.NextDouble()).ToArray();
        float[] expected = AcceptanceTests.Reference(a, b);
        var result = new float[2];

        using (PjrtClient client = TestPjrt.NewClient())
        using (PjrtLoadedExecutable executable = client.Compile(AcceptanceTests.Program))
        using (PjrtBuffer ba = client.BufferFromHost<float>(a, new long[] { 2, 3 }))
        using (PjrtBuffer bb = client.BufferFromHost<float>(b, new long[] { 3, 4 }))
        {
            void RunOnce()
            {
                PjrtBuffer[] outputs = executable.Execute(ba, bb);
                outputs[0].CopyTo<float>(result);
                outputs[0].Dispose();
            }

            for (int i = 0; i < 1000; i++)
            {
                RunOnce();
            }

            CollectGarbage();
            long before = ResidentBytes();
            for (int i = 0; i < 10_000; i++)
            {
                RunOnce();
            }

            CollectGarbage();
            long growth = ResidentBytes() - before;
            ProgramTests.AssertClose(expected, result, 1e-5f);
            Assert.True(growth < 20L << 20, $"resident memory grew by {growth / 1024} KiB over 10,000 executions");
            Assert.Equal(baseline.LoadedExecutables + 1, PjrtLiveObjects.LoadedExecutables);
            Assert.Equal(baseline.Buffers + 2, PjrtLiveObjects.Buffers);
        }

        AssertNothingLive(baseline);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void MakeGarbage()
    {
        PjrtClient client = TestPjrt.NewClient();
        PjrtLoadedExecutable executable = client.Compile(AcceptanceTests.Program);
        PjrtBuffer a = client.BufferFromHost<float>(new float[6], new long[] { 2, 3 });
        PjrtBuffer b = client.BufferFromHost<float>(new float[12], new long[] { 3, 4 });
        _ = executable.Execute(a, b);
        Assert.True(PjrtLiveObjects.Buffers >= 3, "the buffers should be alive until collected");
        Assert.True(PjrtLiveObjects.Clients >= 1, "the client should be alive until collected");
    }

    private static void CollectGarbage()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    private static void AssertNothingLive(Snapshot baseline)
    {
        CollectGarbage();
        Assert.Equal(baseline.Buffers, PjrtLiveObjects.Buffers);
        Assert.Equal(baseline.LoadedExecutables, PjrtLiveObjects.LoadedExecutables);
        Assert.Equal(baseline.Events, PjrtLiveObjects.Events);
        Assert.Equal(baseline.Clients, PjrtLiveObjects.Clients);

        // The bundled plugin counts on its side too: nothing may leak across the boundary.
        PjrtNativeLiveCounts? native = PjrtNativeLiveCounts.Read(TestPjrt.Plugin);
        Assert.NotNull(native);
        Assert.Equal(baseline.Native, native);
    }

    /// <summary>Live counts after collecting garbage: what other tests legitimately keep alive.</summary>
    private sealed record Snapshot(long Buffers, long LoadedExecutables, long Events, long Clients, PjrtNativeLiveCounts? Native)
    {
        public static Snapshot Take()
        {
            CollectGarbage();
            return new Snapshot(PjrtLiveObjects.Buffers, PjrtLiveObjects.LoadedExecutables, PjrtLiveObjects.Events,
                PjrtLiveObjects.Clients, PjrtNativeLiveCounts.Read(TestPjrt.Plugin));
        }
    }

    private static long ResidentBytes()
    {
        // statm: size resident shared text lib data dt, in pages.
        string[] fields = File.ReadAllText("/proc/self/statm").Split(' ');
        return long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * Environment.SystemPageSize;
    }
}
