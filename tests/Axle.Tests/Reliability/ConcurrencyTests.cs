using Axle.Tests.Backends;
using Axle.Runtime;
using Axle.Tests.Core;
using Axle.Tests.Runtime;
using static Axle.Ops;

namespace Axle.Tests.Reliability;

/// <summary>
/// Issue 10, item 5: one jitted function and one client shared by many threads give correct
/// results; a function first called from many threads at once compiles once; eager ops from
/// many threads are safe. Reads the process-wide compile counter, so runs serially.
/// </summary>
[Collection(SerialCollection.Name)]
public class ConcurrencyTests
{
    private const int Threads = 8;

    [Fact]
    public void EightThreadsTimesTenThousandCallsOfOneJittedFunctionAreCorrect()
    {
        var f = Ax.Jit((Tensor x, Tensor y) => x * y + 1);
        int wrong = 0;
        RunOnThreads(t =>
        {
            var x = Tensor.From(new float[] { t, t + 1, t + 2 });
            for (int i = 0; i < 10_000; i++)
            {
                using Tensor y = Tensor.From((float)(i % 7));
                using Tensor r = f(x, y);
                float[] v = r.ToArray<float>();
                float k = i % 7;
                if (v[0] != t * k + 1 || v[1] != (t + 1) * k + 1 || v[2] != (t + 2) * k + 1)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });
        Assert.Equal(0, wrong);
    }

    [Fact]
    public void AFunctionFirstCalledFromManyThreadsCompilesOnce()
    {
        // A fresh closure: nothing about it is cached yet.
        float offset = Random.Shared.Next(1000, 2000);
        var f = Ax.Jit((Tensor x) => Sin(x) * 0 + offset + Sum(x));
        var x = Tensor.From(new float[] { 1, 2, 3, 4 });
        _ = x.ToArray<float>();
        long before = ProgramCompiler.Compilations;
        var results = new float[Threads][];
        RunOnThreads(t => results[t] = f(x).ToArray<float>());
        Assert.Equal(before + 1, ProgramCompiler.Compilations);
        foreach (float[] r in results)
        {
            Assert.Equal(Enumerable.Repeat(offset + 10, 4), r);
        }
    }

    [Fact]
    public void EagerOpsFromManyThreadsAreSafe()
    {
        int wrong = 0;
        RunOnThreads(t =>
        {
            // Shapes differ per thread, so threads also compile distinct eager programs at once.
            int n = 3 + t;
            float[] a = Enumerable.Range(0, n).Select(i => (float)(i + t)).ToArray();
            var x = Tensor.From(a);
            for (int i = 0; i < 300; i++)
            {
                float[] s = (Exp(x * 0) + x - 1).ToArray<float>();
                float total = Sum(x).Item<float>();
                for (int k = 0; k < n; k++)
                {
                    if (s[k] != a[k]) Interlocked.Increment(ref wrong);
                }

                if (total != a.Sum()) Interlocked.Increment(ref wrong);
            }
        });
        Assert.Equal(0, wrong);
    }

    [CpuPluginFact]
    public void OneExecutableExecutedFromManyThreadsIsCorrect()
    {
        using PjrtClient client = TestPjrt.NewClient();
        using PjrtLoadedExecutable add = client.Compile("""
            func.func public @main(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
              %0 = "stablehlo.add"(%a, %b) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
              "func.return"(%0) : (tensor<3xf32>) -> ()
            }
            """);
        int wrong = 0;
        RunOnThreads(t =>
        {
            using PjrtBuffer a = client.BufferFromHost<float>([t, t, t], [3]);
            for (int i = 0; i < 2_000; i++)
            {
                using PjrtBuffer b = client.BufferFromHost<float>([i, 1, 2], [3]);
                PjrtBuffer[] outs = add.Execute(a, b);
                float[] v = outs[0].ToArray<float>();
                outs[0].Dispose();
                if (v[0] != t + i || v[1] != t + 1 || v[2] != t + 2) Interlocked.Increment(ref wrong);
            }
        });
        Assert.Equal(0, wrong);
    }

    /// <summary>Runs <paramref name="body"/> on <see cref="Threads"/> threads released together; rethrows the first failure.</summary>
    private static void RunOnThreads(Action<int> body)
    {
        using var start = new Barrier(Threads);
        var errors = new Exception?[Threads];
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                body(t);
            }
            catch (Exception e)
            {
                errors[t] = e;
            }
        })).ToArray();
        foreach (Thread th in threads) th.Start();
        foreach (Thread th in threads) th.Join();
        foreach (Exception? e in errors)
        {
            if (e is not null) throw new AggregateException(e);
        }
    }
}
