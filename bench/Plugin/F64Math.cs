// f64 transcendentals: the plugin's inline forms (native/src/compiler/F64Approximations.cpp)
// against libm calls (AXLE_F64_MATH=libm), both compiled in the same run. Two shapes: one op over
// 1M elements (threaded, memory-bound once the op is cheap), and one op on 400 elements iterated
// in a stablehlo.while (the NUTS target's shape: a 400-row logistic regression's gradient in a
// compiled loop; one thread, no memory traffic).
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Axle.Runtime;

namespace Axle.Bench.Plugin;

internal static partial class F64Math
{
    /// <summary>An op, the range its 1M inputs are drawn from, and its value in C# (the check).</summary>
    public sealed record Op(string Name, string Label, double Lo, double Hi, Func<double, double> Reference,
                            double Scale, double Shift, double After);

    // The loop iterates x <- op(Scale·x + Shift) + After, a contraction onto a fixed point inside
    // the op's ordinary range (exp: x = e^-x ≈ 0.567; log: x = log(x+2) ≈ 1.146, ...), so every
    // iteration does the same work as the first.
    public static readonly Op[] Ops =
    [
        new("exponential", "exp", -5, 5, Math.Exp, -1, 0, 0),
        new("log", "log", 1e-3, 10, Math.Log, 1, 2, 0),
        new("log_plus_one", "log1p", -0.5, 5, x => Math.Log(1 + x), 1, 1, 0),
        new("exponential_minus_one", "expm1", -5, 5, x => Math.Exp(x) - 1, -1, 0, 1.5),
        new("logistic", "logistic", -10, 10, x => 1 / (1 + Math.Exp(-x)), -1, 0, 0),
    ];

    /// <summary>No transcendental: the loop over it measures the while loop's own cost.</summary>
    public static readonly Op Negate = new("negate", "negate", -1, 1, x => -x, -1, 0, 0);

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "unsetenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnsetEnv(string name);

    /// <summary>
    /// Runs <paramref name="body"/> with AXLE_F64_MATH=libm in the native environment (the plugin
    /// reads it at each compile; .NET's Environment.SetEnvironmentVariable does not reach getenv).
    /// </summary>
    public static T WithLibm<T>(Func<T> body)
    {
        if (SetEnv("AXLE_F64_MATH", "libm", 1) != 0) throw new InvalidOperationException("setenv AXLE_F64_MATH failed");
        try { return body(); }
        finally { UnsetEnv("AXLE_F64_MATH"); }
    }

    /// <summary>
    /// Median and fastest seconds and the last output of the inline and the libm build of one
    /// program (on a loaded machine the fastest run is the better estimate of the cost itself).
    /// </summary>
    public sealed record Pair(double InlineSeconds, double LibmSeconds, double InlineFastest, double LibmFastest,
                              double[] InlineOutput, double[] LibmOutput);

    /// <summary>
    /// Compiles <paramref name="text"/> inline and with libm, and times their executions
    /// alternately, rep by rep, so the load of a shared machine, which drifts, hits both alike.
    /// </summary>
    public static Pair Compare(PjrtClient client, string text, double[] input, long[] dims, int reps)
    {
        using var libm = WithLibm(() => client.Compile(text));
        using var inline = client.Compile(text);
        using var x = client.BufferFromHost<double>(input, dims);
        double[] Once(PjrtLoadedExecutable exe, double[]? samples, int rep)
        {
            long t0 = Stopwatch.GetTimestamp();
            var outs = exe.Execute(x);
            if (samples is not null) samples[rep] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            double[] result = outs[0].ToArray<double>();
            foreach (var o in outs) o.Dispose();
            return result;
        }
        var inlineSamples = new double[reps];
        var libmSamples = new double[reps];
        double[] inlineOut = Once(inline, null, 0), libmOut = Once(libm, null, 0);
        for (int rep = 0; rep < reps; rep++)
        {
            inlineOut = Once(inline, inlineSamples, rep);
            libmOut = Once(libm, libmSamples, rep);
        }
        Array.Sort(inlineSamples);
        Array.Sort(libmSamples);
        return new Pair(inlineSamples[reps / 2], libmSamples[reps / 2], inlineSamples[0], libmSamples[0], inlineOut, libmOut);
    }

    private static string C(double v) => v.ToString("E17", CultureInfo.InvariantCulture);

    /// <summary><paramref name="op"/> over f64[<paramref name="n"/>].</summary>
    public static string Elementwise(Op op, long n)
    {
        string t = $"tensor<{n}xf64>";
        return $"func.func public @main(%x: {t}) -> {t} {{\n" +
               $"  %0 = \"stablehlo.{op.Name}\"(%x) : ({t}) -> {t}\n" +
               $"  \"func.return\"(%0) : ({t}) -> ()\n}}\n";
    }

    /// <summary><paramref name="iterations"/> times x ← op(Scale·x + Shift) + After on f64[<paramref name="n"/>], in a while loop.</summary>
    public static string Loop(Op op, long n, long iterations)
    {
        string t = $"tensor<{n}xf64>", i = "tensor<i64>";
        string Const(string name, string value, string type) =>
            $"  %{name} = \"stablehlo.constant\"() <{{value = dense<{value}> : {type}}}> : () -> {type}\n";
        string Binary(string result, string name, string a, string b) =>
            $"    %{result} = \"stablehlo.{name}\"(%{a}, %{b}) : ({t}, {t}) -> {t}\n";
        var s = new StringBuilder($"func.func public @main(%x: {t}) -> {t} {{\n");
        s.Append(Const("zero", "0", i)).Append(Const("one", "1", i)).Append(Const("n", iterations.ToString(CultureInfo.InvariantCulture), i));
        s.Append(Const("scale", C(op.Scale), t)).Append(Const("shift", C(op.Shift), t)).Append(Const("after", C(op.After), t));
        s.Append($"  %r:2 = \"stablehlo.while\"(%zero, %x) ({{\n  ^bb0(%i: {i}, %v: {t}):\n");
        s.Append($"    %lt = \"stablehlo.compare\"(%i, %n) {{comparison_direction = #stablehlo<comparison_direction LT>}} : ({i}, {i}) -> tensor<i1>\n");
        s.Append("    \"stablehlo.return\"(%lt) : (tensor<i1>) -> ()\n  }, {\n");
        s.Append($"  ^bb0(%i: {i}, %v: {t}):\n");
        s.Append($"    %next = \"stablehlo.add\"(%i, %one) : ({i}, {i}) -> {i}\n");
        s.Append(Binary("a", "multiply", "v", "scale")).Append(Binary("b", "add", "a", "shift"));
        s.Append($"    %c = \"stablehlo.{op.Name}\"(%b) : ({t}) -> {t}\n");
        s.Append(Binary("d", "add", "c", "after"));
        s.Append($"    \"stablehlo.return\"(%next, %d) : ({i}, {t}) -> ()\n");
        s.Append($"  }}) : ({i}, {t}) -> ({i}, {t})\n");
        s.Append($"  \"func.return\"(%r#1) : ({t}) -> ()\n}}\n");
        return s.ToString();
    }

    /// <summary>Throws unless every output is within 1e-12 (relative, absolute below 1) of the C# value.</summary>
    public static void CheckElementwise(Op op, double[] output, double[] x)
    {
        for (long i = 0; i < x.Length; i += 97)
            Near(output[i], op.Reference(x[i]), $"f64 {op.Label} [{i}]");
    }

    public static void CheckLoop(Op op, double[] output, double[] x, long iterations)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            for (long k = 0; k < iterations; k++) v = op.Reference(op.Scale * v + op.Shift) + op.After;
            Near(output[i], v, $"f64 {op.Label} loop [{i}]");
        }
    }

    private static void Near(double actual, double expected, string what)
    {
        if (!(Math.Abs(actual - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected))))
            throw new InvalidOperationException($"{what}: expected {expected:R}, got {actual:R}");
    }

    public static double[] Inputs(Op op, long n, int seed)
    {
        var rng = new Random(seed);
        var a = new double[n];
        for (long i = 0; i < n; i++) a[i] = op.Lo + (op.Hi - op.Lo) * rng.NextDouble();
        return a;
    }
}
