using Axle.Runtime;

namespace Axle.Bench.Plugin;

/// <summary>A cached executable adding two f32[4]: host → device → execute → host through the C API.</summary>
internal static class RoundTrip
{
    public const string Module = """
        func.func public @main(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
          %0 = "stablehlo.add"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
          "func.return"(%0) : (tensor<4xf32>) -> ()
        }
        """;

    public static double MedianSeconds(PjrtClient client, PjrtLoadedExecutable exe, int reps)
    {
        float[] x = [1, 2, 3, 4], y = [10, 20, 30, 40], result = new float[4];
        double seconds = Timing.MedianSeconds(reps, () =>
        {
            using var a = client.BufferFromHost<float>(x, [4]);
            using var b = client.BufferFromHost<float>(y, [4]);
            var outs = exe.Execute(a, b);
            outs[0].CopyTo<float>(result);
            outs[0].Dispose();
        });
        if (result[3] != 44) throw new InvalidOperationException($"round trip: wrong result {string.Join(", ", result)}");
        return seconds;
    }
}
