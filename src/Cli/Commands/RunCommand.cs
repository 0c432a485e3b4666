using System.Globalization;
using Axle.Cli.Running;
using Axle.IO;
using Axle.Lowering;
using Axle.Lowering.Text;

namespace Axle.Cli.Commands;

/// <summary><c>axle run FILE</c>: compile on a plugin, run, print outputs and timings.</summary>
internal sealed class RunCommand : ICommand
{
    public string Help => """
        usage: axle run FILE [--plugin PATH] [--inputs A.npy B.npy ... | --random SEED] [--repeat N]
                             [--out DIR] [--compare-plugin PATH2]

        Compiles the module (generic form, or the readable form `axle show` prints) on a PJRT plugin, runs its entry function and prints every output
        numpy-style, then the timings: compile, first run, and the median of N more runs (each run
        includes copying inputs to the device and outputs back).

          --plugin PATH           the plugin (.so); default: AXLE_PJRT_PLUGIN, else the bundled CPU plugin
          --inputs A.npy ...      one .npy file per parameter, in order (dtype and shape must match)
          --random SEED           seeded inputs (the default, seed 0): floats standard normal,
                                  signed ints in [-5, 5), unsigned in [0, 10), booleans fair
          --repeat N              timed runs after the first (default 10; 0 times only the first)
          --out DIR               also write output<i>.npy files to DIR
          --compare-plugin PATH2  run the same inputs on a second plugin too and report, per output,
                                  the max absolute and max relative difference
        """;

    public int Run(string[] args, TextWriter stdout)
    {
        var cl = CommandLine.Parse("run", args, [], ["plugin", "random", "repeat", "out", "compare-plugin"], ["inputs"]);
        cl.ExpectPositionals("FILE");
        if (cl.Has("inputs") && cl.Has("random")) throw CommandLine.Usage("run", "--inputs and --random exclude each other");
        string path = cl.Positionals[0];
        int repeat = cl.Int("repeat", 10, 0);
        int seed = cl.Int("random", 0, int.MinValue);
        string text = ModuleFiles.ReadText("run", path);
        var module = ModuleFiles.Parse("run", path, text);
        var entry = module.Entry ?? throw new CliException(ExitCode.InvalidModule, $"{path}: the module has no functions");
        if (module.HasPrettyOps) text = GenericPrinter.Print(module); // plugins may read only generic form
        var parameters = entry.Parameters.Select(p => MlirTypes.TryParseTensor(p.Type)
            ?? throw new CliException(ExitCode.UnsupportedDType, $"axle run: parameter {p.Name} has type {p.Type}, which axle cannot make inputs for")).ToArray();
        var inputs = cl.Has("inputs") ? ReadInputs(cl.Values("inputs"), parameters, entry) : RandomInputs(parameters, seed);

        NpyArray[] outputs;
        using (var program = PluginProgram.Compile("run", cl.Value("plugin"), path, text))
        {
            outputs = program.Run(inputs, out var first);
            var times = new List<double>();
            for (int i = 0; i < repeat; i++)
            {
                program.Run(inputs, out var t);
                times.Add(t.TotalMilliseconds);
            }
            for (int i = 0; i < outputs.Length; i++)
            {
                stdout.WriteLine($"output {i}: {outputs[i]}");
                stdout.WriteLine(outputs[i].ToTensor().ToString());
            }
            stdout.WriteLine($"platform {program.Platform}: compile {Ms(program.CompileTime.TotalMilliseconds)}, first run {Ms(first.TotalMilliseconds)}" +
                             (repeat > 0 ? $", median of {repeat} runs {Ms(Median(times))}" : ""));
        }
        if (cl.Value("out") is { } dir)
        {
            Directory.CreateDirectory(dir);
            for (int i = 0; i < outputs.Length; i++) Npy.Write(Path.Combine(dir, $"output{i}.npy"), outputs[i]);
            stdout.WriteLine($"wrote {outputs.Length} output(s) to {dir}");
        }
        if (cl.Value("compare-plugin") is { } other)
        {
            using var second = PluginProgram.Compile("run", other, path, text);
            var theirs = second.Run(inputs, out _);
            stdout.WriteLine($"compared with {Path.GetFileName(other)} (platform {second.Platform}):");
            foreach (string line in OutputComparison.Lines(outputs, theirs)) stdout.WriteLine(line);
        }
        return ExitCode.Ok;
    }

    private static NpyArray[] RandomInputs(TensorType[] parameters, int seed)
    {
        var rng = new Random(seed);
        return [.. parameters.Select(t => HostArrays.Random(t, rng))];
    }

    private static NpyArray[] ReadInputs(IReadOnlyList<string> files, TensorType[] parameters, MlirFunction entry)
    {
        if (files.Count != parameters.Length)
            throw CommandLine.Usage("run", $"@{entry.Name} takes {parameters.Length} input(s); --inputs gave {files.Count}");
        var inputs = new NpyArray[files.Count];
        for (int i = 0; i < files.Count; i++)
        {
            if (!File.Exists(files[i])) throw new CliException(ExitCode.FileNotFound, $"axle run: no such input file: {files[i]}");
            try
            {
                inputs[i] = Npy.ReadArray(files[i]);
            }
            catch (NotSupportedException e)
            {
                throw new CliException(ExitCode.UnsupportedDType, $"axle run: {e.Message}");
            }
            catch (InvalidDataException e)
            {
                throw new CliException(ExitCode.InputMismatch, $"axle run: {e.Message}");
            }
            var want = parameters[i];
            if (HostArrays.ToDType(want.Element) != inputs[i].DType || !want.Dims.SequenceEqual(inputs[i].Shape))
                throw new CliException(ExitCode.InputMismatch,
                    $"axle run: input {i} ({files[i]}) is {inputs[i]} but parameter {entry.Parameters[i].Name} is {MlirTypes.Short(entry.Parameters[i].Type)}");
        }
        return inputs;
    }

    private static double Median(List<double> xs)
    {
        xs.Sort();
        return xs.Count % 2 == 1 ? xs[xs.Count / 2] : (xs[xs.Count / 2 - 1] + xs[xs.Count / 2]) / 2;
    }

    private static string Ms(double ms) => $"{ms.ToString("0.000", CultureInfo.InvariantCulture)} ms";
}
