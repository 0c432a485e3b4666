using Axle.Bench.Ppl.Stan;
using Axle.Inference;
using static Axle.Ops;

namespace Axle.Bench.Ppl.Workloads;

/// <summary>
/// The seed model: examples/HorseshoeLogistic's non-centered horseshoe logistic regression on its 400 training rows,
/// the data generated exactly as the example generates it (X ~ N(0, 1) from key 2024 fold 0, y from the model's own
/// predictive program at the true beta, key 2024 fold 1), sampled at the main job's adapt_delta 0.95.
/// </summary>
internal static class SeedWorkload
{
    private const int N = 500;

    /// <summary>Predictors and training rows.</summary>
    internal const int D = 10, Train = 400;

    /// <summary>The training rows: X (Train × D, row-major) and y as 0/1.</summary>
    internal static (double[] X, double[] Y) TrainingData()
    {
        var (x, y) = Data();
        return (x[..(Train * D)], y[..Train].Select(b => b ? 1.0 : 0.0).ToArray());
    }

    public static Workload Create()
    {
        var (x, y) = Data();
        var xTrain = new double[Train, D];
        for (int i = 0; i < Train; i++)
            for (int j = 0; j < D; j++) xTrain[i, j] = x[i * D + j];
        int[] yTrain = y[..Train].Select(b => b ? 1 : 0).ToArray();

        // The log-density as the example builds it: Ppl.JointLogprob of the non-centered model, log transforms of tau
        // and lambda with their log-Jacobians, on the flat vector (log tau, log lambda[10], z[10]).
        var X = Sym.Matrix("X", DType.F64);
        var srng = new RandomStream(DType.F64);
        var tau = srng.HalfCauchy(0, 1);
        var lambda = srng.HalfCauchy(0, 1, size: X.Shape[^1]);
        var z = srng.Normal(0, 1, size: X.Shape[^1]);
        var beta = tau * lambda * z;
        var Y = srng.Bernoulli(Sigmoid(-MatMul(X, beta)));
        var (logprob, valueVariables) = global::Axle.Ppl.JointLogprob([tau, lambda, z, Y], transform: true);
        var logDensity = Ax.Function([X, .. valueVariables], logprob);
        Tensor xT = Tensor.From(x[..(Train * D)], Train, D), yT = Tensor.From(yTrain.Select(v => (double)v).ToArray(), Train);

        string[] Names(string p) => Enumerable.Range(1, D).Select(j => $"{p}[{j}]").ToArray();
        return new Workload
        {
            Name = "seed",
            Title = $"seed: non-centered horseshoe logistic regression, N = {Train}, D = {D} (examples/HorseshoeLogistic's data), adapt_delta 0.95",
            StanFile = "seed.stan",
            StanData = new StanData().Int("N", Train).Int("D", D).Matrix("X", xTrain).Ints("y", yTrain),
            Dim = 1 + 2 * D,
            LogDensity = theta => logDensity(xT, theta[0], theta[1..(1 + D)], theta[(1 + D)..], yT),
            FromAxle = Constrain,
            Parameters = ["tau", .. Names("lambda"), .. Names("z")],
            Means = ["tau", .. Names("beta")],
            TargetAcceptance = 0.95,
            Target = new EssTarget(2, Clean: true),
        };
    }

    /// <summary>(log tau, log lambda, z) → tau, lambda, z and beta = tau · lambda · z, under Stan's names.</summary>
    private static IReadOnlyDictionary<string, double[,]> Constrain(Func<int, double[,]> component)
    {
        var result = new Dictionary<string, double[,]>();
        double[,] tau = Map(component(0), Math.Exp);
        result["tau"] = tau;
        for (int j = 0; j < D; j++)
        {
            double[,] lambda = Map(component(1 + j), Math.Exp), z = component(1 + D + j);
            result[$"lambda[{j + 1}]"] = lambda;
            result[$"z[{j + 1}]"] = z;
            var b = new double[tau.GetLength(0), tau.GetLength(1)];
            for (int c = 0; c < b.GetLength(0); c++)
                for (int i = 0; i < b.GetLength(1); i++) b[c, i] = tau[c, i] * lambda[c, i] * z[c, i];
            result[$"beta[{j + 1}]"] = b;
        }
        return result;
    }

    internal static double[,] Map(double[,] x, Func<double, double> f)
    {
        var r = new double[x.GetLength(0), x.GetLength(1)];
        for (int c = 0; c < r.GetLength(0); c++)
            for (int i = 0; i < r.GetLength(1); i++) r[c, i] = f(x[c, i]);
        return r;
    }

    /// <summary>The example's data: all N rows of X (row-major) and y.</summary>
    private static (double[] X, bool[] Y) Data()
    {
        var X = Sym.Matrix("X", DType.F64);
        var srng = new RandomStream(DType.F64);
        var tau = srng.HalfCauchy(0, 1);
        var lambda = srng.HalfCauchy(0, 1, size: X.Shape[^1]);
        var beta = srng.Normal(0, tau * lambda, size: X.Shape[^1]);
        var Y = srng.Bernoulli(Sigmoid(-MatMul(X, beta)));
        var predictive = Ax.Function([X, tau, lambda, beta], Y);
        double[] trueBeta = [2.5, -2.0, 1.5, 0, 0, 0, 0, 0, 0, 0];
        Tensor xAll = Rng.Normal(Rng.FoldIn(Rng.Key(2024), 0), [N, D], DType.F64);
        Tensor yAll = predictive(Rng.FoldIn(Rng.Key(2024), 1), xAll, 1.0, Ones([D], DType.F64), Tensor.From(trueBeta, D));
        return (xAll.ToArray<double>(), yAll.ToArray<bool>());
    }
}
