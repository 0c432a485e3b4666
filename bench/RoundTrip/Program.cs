// Measures the cost of crossing into the plugin for a tiny cached program, which bounds how
// fast any jitted call can be. Prints medians over many repetitions; nothing is asserted here
// (performance is reported, not tested).
using System.Diagnostics;
using Axle.Runtime;

const string Module = """
    func.func public @main(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
      %0 = "stablehlo.add"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
      "func.return"(%0) : (tensor<4xf32>) -> ()
    }
    """;

int reps = args.Length > 0 ? int.Parse(args[0]) : 20_000;
using var client = PjrtClient.Create(PjrtPlugin.LoadDefault());
Console.WriteLine($"plugin: {client.Plugin.Path}");
Console.WriteLine($"platform: {client.PlatformName} {client.PlatformVersion}; repetitions: {reps}");

var compileWatch = Stopwatch.StartNew();
using var exe = client.Compile(Module);
compileWatch.Stop();

float[] x = [1, 2, 3, 4], y = [10, 20, 30, 40], result = new float[4];
using var a = client.BufferFromHost<float>(x, [4]);
using var b = client.BufferFromHost<float>(y, [4]);

double executeOnly = Median(reps, () =>
{
    var outs = exe.Execute(a, b);
    outs[0].Dispose();
});
double roundTrip = Median(reps, () =>
{
    using var ha = client.BufferFromHost<float>(x, [4]);
    using var hb = client.BufferFromHost<float>(y, [4]);
    var outs = exe.Execute(ha, hb);
    outs[0].CopyTo<float>(result);
    outs[0].Dispose();
});
if (result[3] != 44) throw new InvalidOperationException($"wrong result {string.Join(", ", result)}");

Console.WriteLine();
Console.WriteLine($"{"measure",-44} {"median",12}");
Console.WriteLine($"{"compile (first, includes JIT)",-44} {compileWatch.Elapsed.TotalMilliseconds,9:F2} ms");
Console.WriteLine($"{"execute, inputs already on device",-44} {executeOnly,9:F2} µs");
Console.WriteLine($"{"host -> device -> execute -> host",-44} {roundTrip,9:F2} µs");

static double Median(int reps, Action action)
{
    for (int i = 0; i < Math.Min(reps, 1000); i++) action(); // warm-up: JIT tiers, caches
    var samples = new double[reps];
    for (int i = 0; i < reps; i++)
    {
        long t0 = Stopwatch.GetTimestamp();
        action();
        samples[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
    }
    Array.Sort(samples);
    return samples[reps / 2];
}
