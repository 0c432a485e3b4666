// HelloPjrt: the smallest end-to-end Axle program. It loads the default PJRT
// plugin (AXLE_PJRT_PLUGIN, else the bundled CPU plugin), compiles a StableHLO
// module written by hand, runs it on concrete inputs and prints the result.
using System.Globalization;
using Axle.Runtime;

const string program = """
    func.func public @main(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2xf32> {
      %0 = "stablehlo.dot_general"(%a, %b) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]>} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
      %1 = "stablehlo.exponential"(%0) : (tensor<2x4xf32>) -> tensor<2x4xf32>
      %c = "stablehlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
      %2 = "stablehlo.reduce"(%1, %c) ({
      ^bb0(%x: tensor<f32>, %y: tensor<f32>):
        %s = "stablehlo.add"(%x, %y) : (tensor<f32>, tensor<f32>) -> tensor<f32>
        "stablehlo.return"(%s) : (tensor<f32>) -> ()
      }) {dimensions = array<i64: 1>} : (tensor<2x4xf32>, tensor<f32>) -> tensor<2xf32>
      "func.return"(%2) : (tensor<2xf32>) -> ()
    }
    """;

PjrtPlugin plugin = PjrtPlugin.LoadDefault();
Console.WriteLine($"Plugin:   {plugin.Path} (PJRT C API {plugin.ApiMajorVersion}.{plugin.ApiMinorVersion})");

using PjrtClient client = PjrtClient.Create(plugin);
Console.WriteLine($"Platform: {client.PlatformName} — {client.PlatformVersion}");
foreach (PjrtDevice device in client.Devices)
{
    Console.WriteLine($"Device:   id {device.Id}, kind {device.Kind}, {device.DebugString}");
}

float[] a = { 0.1f, 0.2f, 0.3f, -0.4f, 0.5f, -0.6f };
float[] b = { 1f, 0f, -1f, 0.5f, 0f, 1f, 2f, -0.5f, 0.25f, 0.25f, 0.25f, 0.25f };
long[] aShape = { 2, 3 };
long[] bShape = { 3, 4 };

using PjrtLoadedExecutable executable = client.Compile(program);
using PjrtBuffer aBuffer = client.BufferFromHost<float>(a, aShape);
using PjrtBuffer bBuffer = client.BufferFromHost<float>(b, bShape);
PjrtBuffer[] outputs = executable.Execute(aBuffer, bBuffer);
float[] result;
using (outputs[0])
{
    result = outputs[0].ToArray<float>();
}

Console.WriteLine();
Console.WriteLine("Computes  result[i] = sum_j exp((a @ b)[i, j])");
PrintMatrix("a", a, aShape);
PrintMatrix("b", b, bShape);
PrintMatrix("result", result, new long[] { result.Length });

static void PrintMatrix(string name, float[] values, long[] shape)
{
    Console.WriteLine($"{name} : f32[{string.Join(",", shape)}]");
    int columns = (int)shape[^1];
    for (int row = 0; row < values.Length / Math.Max(columns, 1); row++)
    {
        var cells = values.Skip(row * columns).Take(columns).Select(v => v.ToString("F4", CultureInfo.InvariantCulture).PadLeft(9));
        Console.WriteLine("  [" + string.Join(" ", cells) + " ]");
    }
}
