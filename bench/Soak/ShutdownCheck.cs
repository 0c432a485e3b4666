using System.Runtime.CompilerServices;
using Axle.Runtime;

namespace Axle.Soak;

/// <summary>
/// Run in a fresh process (no default client, nothing cached): makes clients, executables,
/// buffers and a failed compile, releases them by Dispose in a shuffled order and by
/// finalizers, disposing a client while its buffers live, then checks that every live count,
/// managed and native, is zero. Exit code 0 when it is.
/// </summary>
internal static class ShutdownCheck
{
    private const string Program = """
        func.func public @main(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
          %0 = "stablehlo.multiply"(%a, %b) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
          "func.return"(%0) : (tensor<3xf32>) -> ()
        }
        """;

    public static int Run(string? pluginPath, TextWriter log)
    {
        PjrtPlugin plugin = pluginPath is null ? PjrtPlugin.LoadDefault() : PjrtPlugin.Load(pluginPath);
        var failures = new List<string>();
        var random = new Random(10);
        for (int round = 0; round < 5; round++)
        {
            DisposeInShuffledOrder(plugin, random, failures);
            LeaveToFinalizers(plugin);
        }

        LiveSample.CollectGarbage();
        PjrtNativeLiveCounts? native = PjrtNativeLiveCounts.Read(plugin);
        log.WriteLine($"managed live: clients {PjrtLiveObjects.Clients}, executables {PjrtLiveObjects.LoadedExecutables}, buffers {PjrtLiveObjects.Buffers}, events {PjrtLiveObjects.Events}");
        log.WriteLine($"native live:  {native?.ToString() ?? "(the plugin has no live-objects extension)"}");
        if (PjrtLiveObjects.Clients != 0 || PjrtLiveObjects.LoadedExecutables != 0 || PjrtLiveObjects.Buffers != 0 || PjrtLiveObjects.Events != 0)
            failures.Add("managed live counts are not zero at shutdown");
        if (native is null)
            failures.Add("the plugin does not report live counts");
        else if (native != new PjrtNativeLiveCounts(0, 0, 0, 0, 0, 0))
            failures.Add("native live counts are not zero at shutdown");

        foreach (string f in failures) log.WriteLine("FAIL " + f);
        log.WriteLine(failures.Count == 0 ? "shutdown-check: OK, zero live objects" : "shutdown-check: FAILED");
        return failures.Count == 0 ? 0 : 1;
    }

    private static void DisposeInShuffledOrder(PjrtPlugin plugin, Random random, List<string> failures)
    {
        var client = PjrtClient.Create(plugin);
        var executable = client.Compile(Program);
        var a = client.BufferFromHost<float>([1f, 2f, 3f], [3]);
        var b = client.BufferFromHost<float>([4f, 5f, 6f], [3]);
        PjrtBuffer[] outs = executable.Execute(a, b);
        if (!outs[0].ToArray<float>().SequenceEqual([4f, 10f, 18f])) failures.Add("wrong result");
        try
        {
            client.Compile("func.func public @main(%a: tensor<3xf32>) -> tensor<3xf32> {");
            failures.Add("an invalid program compiled");
        }
        catch (PjrtException)
        {
            // Expected; its native error object must be destroyed too.
        }

        var all = new List<IDisposable> { client, executable, a, b, outs[0] };
        foreach (IDisposable d in all.OrderBy(_ => random.Next()).ToList())
        {
            d.Dispose();
            d.Dispose();
        }

        Expect<ObjectDisposedException>(() => client.Compile(Program), "compile on a disposed client", failures);
        Expect<ObjectDisposedException>(() => a.ToArray<float>(), "read of a disposed buffer", failures);
        Expect<ObjectDisposedException>(() => executable.Execute(b, b), "execute of a disposed executable", failures);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LeaveToFinalizers(PjrtPlugin plugin)
    {
        // Disposing the client while its executable and buffers live is safe: they keep the
        // native client until the last of them is finalized.
        var client = PjrtClient.Create(plugin);
        var executable = client.Compile(Program);
        var a = client.BufferFromHost<float>([1f, 2f, 3f], [3]);
        _ = executable.Execute(a, a);
        client.Dispose();
        _ = executable.Execute(a, a);
    }

    private static void Expect<TException>(Action act, string what, List<string> failures)
        where TException : Exception
    {
        try
        {
            act();
            failures.Add($"{what} did not throw");
        }
        catch (TException)
        {
        }
        catch (Exception e)
        {
            failures.Add($"{what} threw {e.GetType().Name}, not {typeof(TException).Name}");
        }
    }
}
