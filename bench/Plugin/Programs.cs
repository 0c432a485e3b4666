// StableHLO (generic form, as Axle emits it) of the kernels issue 8 measures.
using System.Globalization;
using System.Text;

namespace Axle.Bench.Plugin;

internal static class Programs
{
    private static string T(string element, params long[] dims) =>
        dims.Length == 0 ? $"tensor<{element}>" : $"tensor<{string.Join("x", dims)}x{element}>";

    private static string Const(string name, double value, string type) =>
        $"  %{name} = \"stablehlo.constant\"() <{{value = dense<{value.ToString("E", CultureInfo.InvariantCulture)}> : {type}}}> : () -> {type}\n";

    private static string Binary(string result, string op, string a, string b, string type) =>
        $"  %{result} = \"stablehlo.{op}\"(%{a}, %{b}) : ({type}, {type}) -> {type}\n";

    private static string Unary(string result, string op, string a, string type) =>
        $"  %{result} = \"stablehlo.{op}\"(%{a}) : ({type}) -> {type}\n";

    /// <summary>
    /// Six fused f32 ops on two inputs: ((x·y + c1)·x − y)·c2, max with x, divided by c3 —
    /// optionally with one transcendental (<paramref name="transcendental"/>) in place of the max.
    /// </summary>
    public static string ElementwiseChain(long n, string? transcendental = null)
    {
        string t = T("f32", n);
        var s = new StringBuilder($"func.func public @main(%x: {t}, %y: {t}) -> {t} {{\n");
        s.Append(Const("c1", 0.5, t)).Append(Const("c2", 1.25, t)).Append(Const("c3", 3.0, t));
        s.Append(Binary("0", "multiply", "x", "y", t));
        s.Append(Binary("1", "add", "0", "c1", t));
        s.Append(Binary("2", "multiply", "1", "x", t));
        s.Append(Binary("3", "subtract", "2", "y", t));
        s.Append(Binary("4", "multiply", "3", "c2", t));
        s.Append(transcendental is null ? Binary("5", "maximum", "4", "x", t) : Unary("5", transcendental, "4", t));
        s.Append(Binary("6", "divide", "5", "c3", t));
        s.Append($"  \"func.return\"(%6) : ({t}) -> ()\n}}\n");
        return s.ToString();
    }

    private static string Reduce(string result, string input, string init, string op, long rows, long cols) =>
        $"  %{result} = \"stablehlo.reduce\"(%{input}, %{init}) ({{\n" +
        $"  ^bb0(%a: tensor<f32>, %b: tensor<f32>):\n" +
        $"    %r = \"stablehlo.{op}\"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>\n" +
        $"    \"stablehlo.return\"(%r) : (tensor<f32>) -> ()\n" +
        $"  }}) {{dimensions = array<i64: 1>}} : ({T("f32", rows, cols)}, tensor<f32>) -> {T("f32", rows)}\n";

    /// <summary>Row sums or row maxima of a rows×cols f32 matrix.</summary>
    public static string RowReduce(long rows, long cols, string op)
    {
        string init = op == "add" ? "0.0" : "0xFF800000";
        return $"func.func public @main(%x: {T("f32", rows, cols)}) -> {T("f32", rows)} {{\n" +
               $"  %init = \"stablehlo.constant\"() <{{value = dense<{init}> : tensor<f32>}}> : () -> tensor<f32>\n" +
               Reduce("0", "x", "init", op, rows, cols) +
               $"  \"func.return\"(%0) : ({T("f32", rows)}) -> ()\n}}\n";
    }

    /// <summary>Row-wise logsumexp the way Axle emits it: max, subtract, exp, sum, log, add.</summary>
    public static string RowLogSumExp(long rows, long cols)
    {
        string m = T("f32", rows, cols), v = T("f32", rows);
        return $"func.func public @main(%x: {m}) -> {v} {{\n" +
               "  %ninf = \"stablehlo.constant\"() <{value = dense<0xFF800000> : tensor<f32>}> : () -> tensor<f32>\n" +
               "  %zero = \"stablehlo.constant\"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>\n" +
               Reduce("max", "x", "ninf", "maximum", rows, cols) +
               $"  %maxb = \"stablehlo.broadcast_in_dim\"(%max) <{{broadcast_dimensions = array<i64: 0>}}> : ({v}) -> {m}\n" +
               Binary("d", "subtract", "x", "maxb", m) + Unary("e", "exponential", "d", m) +
               Reduce("sum", "e", "zero", "add", rows, cols) +
               Unary("l", "log", "sum", v) + Binary("r", "add", "l", "max", v) +
               $"  \"func.return\"(%r) : ({v}) -> ()\n}}\n";
    }

    /// <summary>[batch]×m×k · [batch]×k×n in <paramref name="element"/>.</summary>
    public static string MatMul(string element, long batch, long m, long k, long n)
    {
        bool batched = batch > 1;
        string a = batched ? T(element, batch, m, k) : T(element, m, k);
        string b = batched ? T(element, batch, k, n) : T(element, k, n);
        string c = batched ? T(element, batch, m, n) : T(element, m, n);
        string dims = batched
            ? "lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [1]"
            : "lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]";
        return $"func.func public @main(%a: {a}, %b: {b}) -> {c} {{\n" +
               $"  %0 = \"stablehlo.dot_general\"(%a, %b) {{dot_dimension_numbers = #stablehlo.dot<{dims}>}} : ({a}, {b}) -> {c}\n" +
               $"  \"func.return\"(%0) : ({c}) -> ()\n}}\n";
    }

    /// <summary>
    /// A program of <paramref name="ops"/> elementwise, broadcast and reduce ops on small tensors
    /// (a stand-in for a large traced model): a deterministic mix, each op consuming recent values.
    /// </summary>
    public static string ManyOps(int ops)
    {
        string v = T("f32", 64), m = T("f32", 16, 64);
        var s = new StringBuilder($"func.func public @main(%x: {v}, %w: {m}) -> {v} {{\n");
        s.Append("  %zero = \"stablehlo.constant\"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>\n");
        string[] binary = ["add", "multiply", "subtract", "maximum", "minimum"];
        string[] unary = ["tanh", "exponential", "negate", "abs", "sine", "logistic"];
        var values = new List<string> { "x" };
        for (int i = 0; i < ops; i++)
        {
            string name = $"v{i}";
            string a = values[^1], b = values[Math.Max(0, values.Count - 1 - i % 7)];
            switch (i % 10)
            {
                case 3:
                case 7:
                    s.Append(Unary(name, unary[i % unary.Length], a, v));
                    break;
                case 9:
                    s.Append($"  %{name}b = \"stablehlo.broadcast_in_dim\"(%{a}) <{{broadcast_dimensions = array<i64: 1>}}> : ({v}) -> {m}\n");
                    s.Append(Binary(name + "m", "multiply", name + "b", "w", m));
                    s.Append($"  %{name} = \"stablehlo.reduce\"(%{name}m, %zero) ({{\n  ^bb0(%a: tensor<f32>, %b: tensor<f32>):\n" +
                             "    %r = \"stablehlo.add\"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>\n" +
                             "    \"stablehlo.return\"(%r) : (tensor<f32>) -> ()\n" +
                             $"  }}) {{dimensions = array<i64: 0>}} : ({m}, tensor<f32>) -> {v}\n");
                    i += 2; // three ops
                    break;
                default:
                    s.Append(Binary(name, binary[i % binary.Length], a, b, v));
                    break;
            }
            values.Add(name);
        }
        s.Append($"  \"func.return\"(%{values[^1]}) : ({v}) -> ()\n}}\n");
        return s.ToString();
    }
}
