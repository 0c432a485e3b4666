using Axle.Bench.Peers.Onnx;

namespace Axle.Bench.Peers.Workloads;

/// <summary>
/// The seed's log-density alone (no gradient), f64: the forward-only form ONNX Runtime can run,
/// next to Axle's jitted log-density and PyTorch without autograd.
/// </summary>
internal static class SeedOnnx
{
    private const int N = SeedModel.N, D = SeedModel.D;

    public static void LogDensityForward(Harness h, double[] x, double[] y, double[] theta)
    {
        var row = h.NewRow("seed log-density (forward only), 10,000×100 f64");
        row.Target = Target.CompileUnder(300);
        h.MemoryLimit(row, 8.0 * N * D, "X read once");
        using var xt = Tensor.From(x, N, D);
        using var yt = Tensor.From(y, N);
        using var tt = Tensor.From(theta, 1 + 2 * D);
        var density = Ax.Jit(Seed.Density(DType.F64, xt, yt));
        row.Axle = h.Time("seed_logdensity_f64 (Axle)", () => density(tt).Dispose());
        double axle = density(tt).Item<double>();

        using var ort = new OrtModel(Build(), ["X", "y", "theta"], ["lp"]);
        using var xv = OrtModel.Tensor(x, N, D);
        using var yv = OrtModel.Tensor(y, N);
        using var tv = OrtModel.Tensor(theta, 1 + 2 * D);
        row.Peers["ORT"] = h.TimeOrt("seed_logdensity_f64 (ORT)", ort, () => ort.Run(xv, yv, tv).Dispose());
        h.Agreement.Check(row, "ORT", "value", [axle], ort.RunToArray<double>(0, xv, yv, tv), 1e-9, 1e-9);
        h.PyTorch(row, "seed_logdensity_f64", 1e-9, 1e-9, ("value", [axle]));
    }

    /// <summary>
    /// lp = Σ halfCauchy(tau, lambda) + log-Jacobians + Σ normal(z) + Σ bernoulli(y | sigmoid(-X·beta)),
    /// with log σ(u) = -log(1 + e^{-u}) (the data keep |X·beta| small, so this does not overflow).
    /// </summary>
    private static byte[] Build()
    {
        const OnnxType T = OnnxType.Double;
        var g = new OnnxGraph("seed_logdensity");
        string X = g.Input("X", T, N, D), Y = g.Input("y", T, N), theta = g.Input("theta", T, 1 + 2 * D);
        string Slice(long from, long to) => g.Node("Slice", [theta, g.Int64s(from), g.Int64s(to), g.Int64s(0)]);
        string C(double v) => g.Scalar(v, T);
        string Add(string a, string b) => g.Node("Add", [a, b]);
        string Mul(string a, string b) => g.Node("Mul", [a, b]);
        string Sum(string a) => g.Node("ReduceSum", [a], ("keepdims", 0));
        string HalfCauchy(string v) => g.Node("Sub", [C(Math.Log(2 / Math.PI)), g.Node("Log", [Add(C(1), Mul(v, v))])]);
        string Softplus(string u) => g.Node("Log", [Add(C(1), g.Node("Exp", [u]))]);

        string logTau = Slice(0, 1), logLambda = Slice(1, 1 + D), z = Slice(1 + D, 1 + 2 * D);
        string tau = g.Node("Exp", [logTau]), lambda = g.Node("Exp", [logLambda]);
        string beta = Mul(Mul(tau, lambda), z);
        string eta = g.Node("MatMul", [X, beta]);
        string prior = Add(Add(Sum(Add(HalfCauchy(tau), logTau)), Sum(Add(HalfCauchy(lambda), logLambda))),
            Sum(Add(Mul(C(-0.5), Mul(z, z)), C(-0.5 * Math.Log(2 * Math.PI)))));
        // y·log σ(-eta) + (1 - y)·log σ(eta) = -(y·softplus(eta) + (1 - y)·softplus(-eta))
        string oneMinusY = g.Node("Sub", [C(1), Y]);
        string likelihood = Sum(Add(Mul(Y, Softplus(eta)), Mul(oneMinusY, Softplus(g.Node("Neg", [eta])))));
        g.Identity(g.Node("Sub", [prior, likelihood]), "lp");
        g.Output("lp", T);
        return g.ToModel();
    }
}
