// Issue 8's benchmark: each kernel of the bundled CPU plugin next to its ceiling, measured in the
// same run (the machine is shared and noisy: ratios, not absolute figures, are what compare).
// Usage: dotnet run --project bench/Plugin -c Release [-- --only name,name] [--quick]
// Groups: elementwise, reduce, gemm, threads, f64math, compile, roundtrip.
using System.Diagnostics;
using Axle;
using Axle.Bench.Plugin;
using Axle.Runtime;

bool quick = args.Contains("--quick");
int onlyAt = Array.IndexOf(args, "--only");
string[]? only = onlyAt >= 0 && onlyAt + 1 < args.Length ? args[onlyAt + 1].Split(',') : null;
bool Wants(string group) => only is null || only.Contains(group);
int Reps(int full) => quick ? Math.Max(3, full / 5) : full;

using var client = PjrtClient.Create(PjrtPlugin.LoadDefault());
Data.Client = client;
var table = new Table();
Console.WriteLine($"plugin {client.Plugin.Path}; {Environment.ProcessorCount} cores; OpenBLAS {Axle.Bench.Peers.OpenBlas.Init(Environment.ProcessorCount)}");

const long N = 16L << 20;
double memcpy = 0;
if (Wants("elementwise") || Wants("reduce"))
{
    memcpy = Ceilings.MemcpySeconds(N * 4, Reps(30));
    Console.WriteLine($"memcpy of {N * 4 >> 20} MiB: {memcpy * 1e3:F2} ms = {2 * N * 4 / memcpy / 1e9:F1} GB/s read+written");
}
double Bandwidth(double bytes, double seconds) => bytes / seconds;
double memcpyBandwidth = 2 * N * 4 / memcpy; // bytes read + written per second

if (Wants("elementwise"))
{
    var kernels = new Kernels(client);
    float[] x = Data.Floats(N, 1, -2, 2), y = Data.Floats(N, 2, -2, 2);
    foreach (var (label, op, target) in new (string, string?, double)[]
             { ("6-op arithmetic chain", null, 0.8), ("chain with tanh", "tanh", 0.5), ("chain with exp", "exponential", 0.5) })
    {
        var run = kernels.Run(Programs.ElementwiseChain(N, op), [Data.F32(x, N), Data.F32(y, N)], Reps(20));
        Check.Elementwise(run.Output<float>(), x, y, op);
        double fraction = Bandwidth(3.0 * N * 4, run.Seconds) / memcpyBandwidth;
        table.Add($"elementwise f32[16M]: {label}", run.Seconds, "memcpy", memcpy * 1.5, fraction, target, run.CompileSeconds);
    }
}

if (Wants("reduce"))
{
    var kernels = new Kernels(client);
    const int R = 4096;
    float[] x = Data.Floats((long)R * R, 3, -4, 4);
    double readOnce = memcpy / 2; // memcpy moves 2·64 MiB; a reduction reads 64 MiB once
    foreach (var (label, text) in new[] { ("row sum", Programs.RowReduce(R, R, "add")), ("row max", Programs.RowReduce(R, R, "maximum")),
                                          ("row logsumexp", Programs.RowLogSumExp(R, R)) })
    {
        var run = kernels.Run(text, [Data.F32(x, R, R)], Reps(20));
        Check.RowReduce(run.Output<float>(), x, R, label);
        table.Add($"reduce f32[4096x4096]: {label}", run.Seconds, "memcpy (read once)", readOnce, readOnce / run.Seconds, 0.7, run.CompileSeconds);
    }
}

if (Wants("gemm"))
{
    var kernels = new Kernels(client);
    foreach (var (f64, batch, m, k, n) in new[] { (false, 1, 1024, 1024, 1024), (true, 1, 1024, 1024, 1024), (false, 64, 128, 128, 128), (true, 64, 128, 128, 128) })
    {
        string element = f64 ? "f64" : "f32";
        long[] aDims = batch > 1 ? [batch, m, k] : [m, k], bDims = batch > 1 ? [batch, k, n] : [k, n];
        double[] a = Data.Doubles((long)batch * m * k, 5), b = Data.Doubles((long)batch * k * n, 6);
        var inputs = f64 ? new[] { Data.F64(a, aDims), Data.F64(b, bDims) }
                         : new[] { Data.F32(a.Select(v => (float)v).ToArray(), aDims), Data.F32(b.Select(v => (float)v).ToArray(), bDims) };
        var run = kernels.Run(Programs.MatMul(element, batch, m, k, n), inputs, Reps(batch > 1 ? 20 : 10));
        Check.MatMul(run, a, b, batch, m, k, n, f64);
        double blas = Ceilings.GemmSeconds(f64, batch, m, k, n, Reps(batch > 1 ? 20 : 10));
        string shape = batch > 1 ? $"{batch}x{m}x{k}x{n}" : $"{m}^3";
        double gflop = 2.0 * batch * m * k * n / 1e9;
        table.Add($"dot_general {element} {shape} ({gflop / run.Seconds:F0} vs {gflop / blas:F0} GFLOP/s)", run.Seconds,
                  f64 ? "OpenBLAS dgemm" : "OpenBLAS sgemm", blas, blas / run.Seconds, 0.8, run.CompileSeconds);
    }
}

if (Wants("threads"))
{
    // The same kernels on a client limited to one thread (elementwise loops) and with OpenBLAS
    // on one thread (GEMM), against the defaults: the speed-up of using every core.
    using var single = PjrtClient.Create(client.Plugin, new Dictionary<string, object> { ["cpu_threads"] = 1L });
    float[] x = Data.Floats(N, 1, -2, 2), y = Data.Floats(N, 2, -2, 2);
    foreach (var (label, op) in new (string, string?)[] { ("6-op chain", null), ("chain with tanh", "tanh") })
    {
        string text = Programs.ElementwiseChain(N, op);
        var many = new Kernels(client).Run(text, [Data.F32(x, N), Data.F32(y, N)], Reps(20));
        Data.Client = single;
        var one = new Kernels(single).Run(text, [Data.F32(x, N), Data.F32(y, N)], Reps(20));
        Data.Client = client;
        Check.Elementwise(one.Output<float>(), x, y, op);
        table.AddSpeedup($"threads: elementwise {label}, {Environment.ProcessorCount} threads vs 1", many.Seconds, one.Seconds);
    }
    double[] a = Data.Doubles(1024 * 1024, 5), b = Data.Doubles(1024 * 1024, 6);
    float[] af = a.Select(v => (float)v).ToArray(), bf = b.Select(v => (float)v).ToArray();
    string gemm = Programs.MatMul("f32", 1, 1024, 1024, 1024);
    int blasThreads = Environment.ProcessorCount;
    var gemmMany = new Kernels(client).Run(gemm, [Data.F32(af, 1024, 1024), Data.F32(bf, 1024, 1024)], Reps(10));
    Axle.Bench.Peers.OpenBlas.SetThreads(1);
    var gemmOne = new Kernels(client).Run(gemm, [Data.F32(af, 1024, 1024), Data.F32(bf, 1024, 1024)], Reps(10));
    Axle.Bench.Peers.OpenBlas.SetThreads(blasThreads);
    table.AddSpeedup($"threads: dot_general f32 1024^3, {blasThreads} OpenBLAS threads vs 1", gemmMany.Seconds, gemmOne.Seconds);
}

if (Wants("f64math"))
{
    // Inline f64 transcendentals against libm calls, compiled in this run and timed alternately
    // (F64Math.cs); the loop with negate in place of a transcendental is the loop's own cost.
    const long M = 1L << 20, Rows = 400, Iterations = 10_000;
    foreach (var op in F64Math.Ops)
    {
        double[] x = F64Math.Inputs(op, M, 11), rows = F64Math.Inputs(op, Rows, 12);
        var flat = F64Math.Compare(client, F64Math.Elementwise(op, M), x, [M], Reps(40));
        F64Math.CheckElementwise(op, flat.InlineOutput, x);
        F64Math.CheckElementwise(op, flat.LibmOutput, x);
        table.AddSpeedup($"f64[1M] {op.Label}, inline vs libm ns/element: median {flat.InlineSeconds / M * 1e9:F2} vs {flat.LibmSeconds / M * 1e9:F2}, " +
                         $"fastest {flat.InlineFastest / M * 1e9:F2} vs {flat.LibmFastest / M * 1e9:F2}", flat.InlineSeconds, flat.LibmSeconds, "libm");
        var loop = F64Math.Compare(client, F64Math.Loop(op, Rows, Iterations), rows, [Rows], Reps(30));
        F64Math.CheckLoop(op, loop.InlineOutput, rows, Iterations);
        F64Math.CheckLoop(op, loop.LibmOutput, rows, Iterations);
        table.AddSpeedup($"f64[400] {op.Label} x{Iterations:N0} in a while loop, inline vs libm µs/iteration: median {loop.InlineSeconds / Iterations * 1e6:F2} vs {loop.LibmSeconds / Iterations * 1e6:F2}, " +
                         $"fastest {loop.InlineFastest / Iterations * 1e6:F2} vs {loop.LibmFastest / Iterations * 1e6:F2}", loop.InlineSeconds, loop.LibmSeconds, "libm");
    }
    double[] start = F64Math.Inputs(F64Math.Negate, Rows, 12);
    var bare = F64Math.Compare(client, F64Math.Loop(F64Math.Negate, Rows, Iterations), start, [Rows], Reps(30));
    F64Math.CheckLoop(F64Math.Negate, bare.InlineOutput, start, Iterations);
    table.AddReported($"f64[400] negate x{Iterations:N0} in a while loop, the loop's own cost µs/iteration: median {bare.InlineSeconds / Iterations * 1e6:F2}, " +
                      $"fastest {bare.InlineFastest / Iterations * 1e6:F2}", bare.InlineSeconds);
}

if (Wants("compile"))
{
    var seed = SeedModel.LogDensityAndGradText(10_000, 100);
    double seedCompile = Timing.MedianSeconds(Reps(5), () => client.Compile(seed).Dispose());
    table.AddTime("compile: seed log-density+gradient (N=10,000, D=100)", seedCompile, 0.2);
    string many = Programs.ManyOps(1000);
    double manyCompile = Timing.MedianSeconds(Reps(3), () => client.Compile(many).Dispose());
    table.AddTime("compile: 1,000-op program", manyCompile, 2.0);
}

if (Wants("roundtrip"))
{
    using var exe = client.Compile(RoundTrip.Module);
    table.AddTime("round trip f32[4]+f32[4] host->device->execute->host", RoundTrip.MedianSeconds(client, exe, Reps(20_000)), 5e-6);
}

table.Print();

internal sealed record Run(PjrtBuffer[] Outputs, double Seconds, double CompileSeconds)
{
    public T[] Output<T>(int i = 0) where T : unmanaged
    {
        return Outputs[i].ToArray<T>();
    }
}

internal sealed class Kernels(PjrtClient client)
{
    /// <summary>Compiles <paramref name="text"/>, runs it on device-resident inputs and keeps the last outputs.</summary>
    public Run Run(string text, PjrtBuffer[] inputs, int reps)
    {
        var sw = Stopwatch.StartNew();
        var exe = client.Compile(text);
        double compile = sw.Elapsed.TotalSeconds;
        PjrtBuffer[]? last = null;
        double seconds = Timing.MedianSeconds(reps, () =>
        {
            if (last is not null) foreach (var b in last) b.Dispose();
            last = exe.Execute(inputs);
        });
        foreach (var b in inputs) b.Dispose();
        exe.Dispose();
        return new Run(last!, seconds, compile);
    }
}
