// Measures what one call costs on the managed dispatch path, next to the floors under it and
// issue 9's targets. Medians after warm-up; the machine is shared, so compare rows of one run.
// Nothing is asserted here (performance is reported, not tested).
using System.Diagnostics;
using System.Runtime.InteropServices;
using Axle;
using Axle.Runtime;

const string AddModule = """
    func.func public @main(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
      %0 = "stablehlo.add"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
      "func.return"(%0) : (tensor<4xf32>) -> ()
    }
    """;

int jitCalls = args.Length > 0 ? int.Parse(args[0]) : 100_000;
int reps = args.Length > 1 ? int.Parse(args[1]) : 20_000;
var total = Stopwatch.StartNew();

using var client = PjrtClient.Create(PjrtPlugin.LoadDefault());
Console.WriteLine($"plugin: {client.Plugin.Path}");
Console.WriteLine($"platform: {client.PlatformName} {client.PlatformVersion}; jit calls: {jitCalls}; other repetitions: {reps}");

// The cheapest crossing into the plugin: its exported GetPjrtApi, which only returns a pointer.
// One call is below the timer's resolution, so a sample is 100 calls.
IntPtr getApi = NativeLibrary.GetExport(NativeLibrary.Load(client.Plugin.Path), "GetPjrtApi");
Action pinvoke = () =>
{
    for (int i = 0; i < 100; i++) Bench.CallNative(getApi);
};

// The runtime alone (bench/RoundTrip's method): upload two f32[4], execute, download.
using var exe = client.Compile(AddModule);
float[] x = [1, 2, 3, 4], y = [10, 20, 30, 40], host = new float[4];
using var da = client.BufferFromHost<float>(x, [4]);
using var db = client.BufferFromHost<float>(y, [4]);
Action executeOnly = () => exe.Execute(da, db)[0].Dispose();
Action roundTrip = () =>
{
    using var ha = client.BufferFromHost<float>(x, [4]);
    using var hb = client.BufferFromHost<float>(y, [4]);
    var outs = exe.Execute(ha, hb);
    outs[0].CopyTo<float>(host);
    outs[0].Dispose();
};

// A cached jitted function of two scalars, inputs already on the device, output not read back;
// then the same with C# literals, two weak host scalars uploaded on every call.
var f = Ax.Jit((Tensor a, Tensor b) => a * b + 1);
using var s1 = Tensor.From(2f);
using var s2 = Tensor.From(3f);
Action jit = () => f(s1, s2).Dispose();
Action jitLiterals = () => f(2f, 3f).Dispose();

// Eager ops outside any transform.
using var v1 = Tensor.From(x);
using var v2 = Tensor.From(y);
Action eagerScalar = () => (s1 + s2).Dispose();
Action eagerVector = () => (v1 + v2).Dispose();

roundTrip();
Bench.Expect(host[3] == 44, "raw round trip");
Bench.Expect(f(s1, s2).Item<float>() == 7 && f(2f, 3f).Item<float>() == 7, "jit");
Bench.Expect((s1 + s2).Item<float>() == 5 && (v1 + v2).ToArray<float>()[3] == 44, "eager");

// Until the tiered JIT has replaced its first code for every path, medians drift down.
Action[] all = [pinvoke, executeOnly, roundTrip, jit, jitLiterals, eagerScalar, eagerVector];
var warm = Stopwatch.StartNew();
while (warm.ElapsedMilliseconds < 2000)
    foreach (var action in all)
        for (int i = 0; i < 100; i++) action();

double pinvokeMedian = Bench.Median(reps, pinvoke) / 100;
double executeMedian = Bench.Median(reps, executeOnly);
double roundTripMedian = Bench.Median(reps, roundTrip);
double jitMedian = Bench.Median(jitCalls, jit);
double jitLiteralsMedian = Bench.Median(reps, jitLiterals);
double eagerScalarMedian = Bench.Median(reps, eagerScalar);
double eagerVectorMedian = Bench.Median(reps, eagerVector);

Console.WriteLine();
Console.WriteLine($"{"measure",-52} {"median",11} {"target",10}  verdict");
Bench.Row("P/Invoke floor (GetPjrtApi)", pinvokeMedian, null);
Bench.Row("raw PJRT: execute, f32[4] inputs on device", executeMedian, null);
Bench.Row("raw PJRT: host -> device -> execute -> host, f32[4]", roundTripMedian, null);
Bench.Row($"Ax.Jit call, two f32 scalars (median of {jitCalls})", jitMedian, 5);
Bench.Row("Ax.Jit call, f(2f, 3f): literals uploaded each call", jitLiteralsMedian, null);
Bench.Row("eager a + b, f32 scalars", eagerScalarMedian, 10);
Bench.Row("eager a + b, f32[4]", eagerVectorMedian, 10);
Console.WriteLine($"\ntotal {total.Elapsed.TotalSeconds:F1} s");

internal static unsafe class Bench
{
    public static IntPtr CallNative(IntPtr f) => (IntPtr)((delegate* unmanaged[Cdecl]<void*>)f)();

    public static double Median(int reps, Action action)
    {
        // Buffers the previous row left to finalizers must not be freed while this row runs.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        for (int i = 0; i < Math.Min(reps, 1000); i++) action();
        var samples = new double[reps];
        for (int i = 0; i < reps; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            action();
            // From raw ticks: a TimeSpan would round every sample to 0.1 µs.
            samples[i] = (Stopwatch.GetTimestamp() - t0) * 1e6 / Stopwatch.Frequency;
        }
        Array.Sort(samples);
        return samples[reps / 2];
    }

    public static void Expect(bool ok, string what)
    {
        if (!ok) throw new InvalidOperationException($"{what}: wrong result");
    }

    public static void Row(string name, double micros, double? target)
    {
        string verdict = target is null ? "" : micros <= target ? "PASS" : "MISS";
        string t = target is null ? "" : $"{target,7:F1} µs";
        Console.WriteLine($"{name,-52} {micros,8:F3} µs {t,10}  {verdict}");
    }
}
