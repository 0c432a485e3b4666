// Axle against its peers and the machine's limits, side by side in one run (issue 9): for each
// workload Axle (public API), PyTorch (subprocess, torch_bench.py), ONNX Runtime (models built
// here), TensorPrimitives and OpenBLAS, plus memcpy bandwidth. Prints a markdown table; with
// --results appends it, dated, to a results file. Exit code 2 when any result disagrees.
using Axle.Bench.Peers;
using Axle.Bench.Peers.Onnx;
using Axle.Bench.Peers.Workloads;

Options o;
try
{
    o = Options.Parse(args);
}
catch (HelpRequested)
{
    Console.WriteLine(Options.Usage);
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Options.Usage);
    return 1;
}

var total = System.Diagnostics.Stopwatch.StartNew();
string loadAtStart = Report.LoadAverage();
string blas = OpenBlas.Init(2);
Console.Error.WriteLine($"machine: {Report.Machine()}; groups: {string.Join(",", o.Only)}{(o.Quick ? " (quick)" : "")}");

var (gbpsBefore, one, two) = Memcpy.Measure(o);
Console.Error.WriteLine($"memcpy 256 MiB: {gbpsBefore:0.0} GB/s read+written (fastest; medians 1 thread {one.MedianMs:0.0} ms, 2 threads {two.MedianMs:0.0} ms)");

// PyTorch first, alone: the two runtimes never share the cores.
var (torch, torchInfo, torchFailed) = TorchRunner.Run(o);
Console.Error.WriteLine(torchInfo);

var h = new Harness(o, torch);
h.Raw.Add(("memcpy 256 MiB, 1 thread (before)", one));
h.Raw.Add(("memcpy 256 MiB, 2 threads (before)", two));
var failures = new List<string>();
if (torchFailed) failures.Add(torchInfo);
var groups = new (string Name, Action<Harness> Run)[]
{
    ("elementwise", Elementwise.Chain), ("reductions", Elementwise.Reductions),
    ("gemm", x => { Gemm.Square(x); Gemm.Batched(x); }), ("seed", Seed.Run), ("mlp", Mlp.Run), ("dispatch", Dispatch.Run),
};
foreach (var (name, run) in groups.Where(g => o.Runs(g.Name)))
{
    try
    {
        run(h);
    }
    catch (Exception e)
    {
        // One broken group must not hide the others' numbers; it still fails the run.
        failures.Add($"group {name} failed: {e.GetType().Name}: {e.Message}");
        Console.Error.WriteLine($"group {name} failed: {e}");
    }
}

// Bandwidth again after the workloads: on a shared machine one measurement can catch a busy
// moment, and a limit is the best the machine does.
var (gbpsAfter, oneAfter, twoAfter) = Memcpy.Measure(o);
h.Raw.Add(("memcpy 256 MiB, 1 thread (after)", oneAfter));
h.Raw.Add(("memcpy 256 MiB, 2 threads (after)", twoAfter));
double gbps = Math.Max(gbpsBefore, gbpsAfter);
h.SetMemoryLimits(gbps);

string header =
    $"- peers: {torchInfo}; ONNX Runtime {OrtModel.Version} (all graph optimizations, best of 1 and 2 intra-op threads); " +
    $"TensorPrimitives (System.Numerics.Tensors, 1 thread); OpenBLAS ({blas.Trim()}, best of 1 and 2 threads; " +
    "the bundled plugin's dot_general calls the same OpenBLAS, with 2 threads)\n" +
    $"- memcpy limit: {gbps:0.0} GB/s (bytes read + written per second, fastest copy of 256 MiB with 1 or 2 threads, before or after the workloads)\n" +
    $"- Axle: bundled CPU plugin; times are medians after warm-up; compile = first call − median; " +
    $"speedup = peer time / Axle time (> 1: Axle faster); limit fraction = limit time / Axle time; total {total.Elapsed.TotalSeconds:0} s\n" +
    $"- load average (1 min) at start / end: {loadAtStart} / {Report.LoadAverage()} on {Environment.ProcessorCount} cores " +
    "(above the core count, other work shared the machine: compare ratios within one run, and OpenMP peers suffer most)";
string body = Report.Table(h.Rows) + "\n" + Report.Misses(h.Rows) + "\n" + Report.Limits(h.Rows) +
    (failures.Count + h.Agreement.Failures.Count > 0
        ? "\nFailures:\n\n" + string.Join("\n", failures.Concat(h.Agreement.Failures).Select(f => "- " + f)) + "\n" : "") +
    "\nRaw numbers:\n\n" + Report.Raw(h.Raw);
Console.WriteLine(header);
Console.WriteLine();
Console.WriteLine(body);
if (o.ResultsPath is not null)
{
    Report.Append(o.ResultsPath, o, header, body);
    Console.Error.WriteLine($"appended to {Path.GetFullPath(o.ResultsPath)}");
}
return failures.Count + h.Agreement.Failures.Count > 0 ? 2 : 0;
