using Axle.Tests.Backends;
using System.Diagnostics;
using Axle.Soak;
using Axle.Tests.Core;
using Axle.Tests.Runtime;
using static Axle.Ops;

namespace Axle.Tests.Reliability;

/// <summary>
/// Issue 10, item 4: a short version of <c>./build.sh soak</c> in-process, zero live objects at
/// shutdown checked in a child process (this test host's default client lives on), and
/// Dispose/finalizers in any order. Serial: reads process-wide live counts.
/// </summary>
[Collection(SerialCollection.Name)]
public class LeakTests
{
    [CpuPluginFact]
    public void TwentyThousandJittedCallsAndFourThousandEagerOpsDoNotGrow()
    {
        SoakRun.Result jit = SoakRun.JitCalls(20_000, 5_000, SoakBounds.Default);
        SoakRun.Result eager = SoakRun.EagerOps(4_000, 1_000, SoakBounds.Default);
        Assert.True(jit.Failures.Count == 0, string.Join("\n", jit.Failures));
        Assert.True(eager.Failures.Count == 0, string.Join("\n", eager.Failures));
        Assert.Equal(5, jit.Samples.Count);
        Assert.NotNull(jit.Samples[0].Native);
    }

    [CpuPluginFact]
    public async Task EveryPjrtObjectIsDestroyedAtShutdownInAFreshProcess()
    {
        string dir = AppContext.BaseDirectory;
        string soak = Path.Combine(dir, "Axle.Soak.dll");
        Assert.True(File.Exists(soak), $"{soak} is missing: the test project references bench/Soak");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dir,
        };
        foreach (string a in new[] { "exec", "--runtimeconfig", Path.Combine(dir, "Axle.Tests.runtimeconfig.json"),
                     "--depsfile", Path.Combine(dir, "Axle.Tests.deps.json"), soak, "shutdown-check", TestPjrt.Plugin.Path })
        {
            start.ArgumentList.Add(a);
        }

        using Process child = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Task<string> stderr = child.StandardError.ReadToEndAsync(timeout.Token);
        string stdout = await child.StandardOutput.ReadToEndAsync(timeout.Token);
        await child.WaitForExitAsync(timeout.Token);
        Assert.True(child.ExitCode == 0, $"exit code {child.ExitCode}\n{stdout}\n{await stderr}");
        Assert.Contains("zero live objects", stdout);
        Assert.Contains("Clients = 0, Buffers = 0, Executables = 0, LoadedExecutables = 0, Events = 0, Errors = 0", stdout);
    }

    [CpuPluginFact]
    public void TensorsReleasedByDisposeAndFinalizersInAnyOrderLeaveNoBuffers()
    {
        LiveSample.CollectGarbage();
        long before = Axle.Runtime.PjrtLiveObjects.Buffers;
        var random = new Random(4);
        for (int round = 0; round < 20; round++)
        {
            MakeTensors(random);
        }

        LiveSample.CollectGarbage();
        Assert.Equal(before, Axle.Runtime.PjrtLiveObjects.Buffers);
    }

    [Fact]
    public void UseAfterDisposeThrowsObjectDisposedAndDoubleDisposeIsHarmless()
    {
        var x = Tensor.From(new float[] { 1, 2, 3 });
        var y = Exp(x);
        y.Dispose();
        y.Dispose();
        Assert.Throws<ObjectDisposedException>(() => y.ToArray<float>());
        Assert.Throws<ObjectDisposedException>(() => Add(y, x));
        Assert.Throws<ObjectDisposedException>(() => Ax.Jit((Tensor a) => a * 2)(y));
        Assert.Throws<ObjectDisposedException>(() => Ax.Grad((Tensor a) => Sum(a))(y));
        Assert.Throws<ObjectDisposedException>(() => Ax.Vmap((Tensor a) => a)(y));

        // The other operand is untouched.
        Assert.Equal(new float[] { 1, 2, 3 }, x.ToArray<float>());
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void MakeTensors(Random random)
    {
        var ts = Enumerable.Range(0, 6).Select(i => Exp(Tensor.From(new float[] { i, i + 1 }))).ToList();
        foreach (Tensor t in ts.OrderBy(_ => random.Next()).Take(3))
        {
            t.Dispose();
        }

        // The rest are left for the finalizers of their buffers.
    }
}
