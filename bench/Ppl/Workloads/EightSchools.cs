using System.Text.Json;
using Axle.Bench.Ppl.Stan;
using static Axle.Ops;

namespace Axle.Bench.Ppl.Workloads;

/// <summary>
/// posteriordb's eight_schools-eight_schools_noncentered: its data.json, its model (rstan syntax in
/// stan/eight_schools.stan), its reference posterior's means and sds; adapt_delta 0.95 as the reference runs used.
/// </summary>
internal static class EightSchools
{
    public const string Folder = "eight_schools-eight_schools_noncentered";

    public static Workload Create(string posteriorDb)
    {
        string dir = Path.Combine(posteriorDb, Folder);
        using var data = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "data.json")));
        int J = data.RootElement.GetProperty("J").GetInt32();
        double[] y = data.RootElement.GetProperty("y").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double[] sigma = data.RootElement.GetProperty("sigma").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        if (y.Length != J || sigma.Length != J)
            throw new InvalidDataException($"{dir}/data.json: y and sigma must have J = {J} values; got {y.Length} and {sigma.Length}");

        Tensor yT = Tensor.From(y, J), sigmaT = Tensor.From(sigma, J);
        // theta_trans ~ N(0, 1), mu ~ N(0, 5), tau ~ half-Cauchy(0, 5) on log tau (+ log tau, the log-Jacobian),
        // y ~ N(mu + tau·theta_trans, sigma); constants dropped as Stan's ~ drops them.
        Tensor LogDensity(Tensor q)
        {
            Tensor thetaTrans = q[..J], mu = q[J], logTau = q[J + 1], tau = Exp(logTau);
            Tensor r = (yT - (mu + tau * thetaTrans)) / sigmaT;
            return -0.5 * Sum(Square(thetaTrans)) - 0.5 * Sum(Square(r)) - 0.5 * Square(mu / 5.0) - Log1p(Square(tau / 5.0)) + logTau;
        }

        IReadOnlyDictionary<string, double[,]> FromAxle(Func<int, double[,]> component)
        {
            var result = new Dictionary<string, double[,]>();
            double[,] mu = component(J), tau = SeedWorkload.Map(component(J + 1), Math.Exp);
            result["mu"] = mu;
            result["tau"] = tau;
            for (int j = 0; j < J; j++)
            {
                double[,] t = component(j), theta = new double[t.GetLength(0), t.GetLength(1)];
                for (int c = 0; c < t.GetLength(0); c++)
                    for (int i = 0; i < t.GetLength(1); i++) theta[c, i] = mu[c, i] + tau[c, i] * t[c, i];
                result[$"theta_trans[{j + 1}]"] = t;
                result[$"theta[{j + 1}]"] = theta;
            }
            return result;
        }

        string[] thetaNames = Enumerable.Range(1, J).Select(j => $"theta[{j}]").ToArray();
        return new Workload
        {
            Name = "eight_schools",
            Title = $"eight_schools: posteriordb {Folder} (J = {J}), adapt_delta 0.95 (as the reference runs)",
            StanFile = "eight_schools.stan",
            StanData = new StanData().Int("J", J).Reals("y", y).Reals("sigma", sigma),
            Dim = J + 2,
            LogDensity = LogDensity,
            FromAxle = FromAxle,
            Parameters = [.. Enumerable.Range(1, J).Select(j => $"theta_trans[{j}]"), "mu", "tau"],
            Means = ["mu", "tau", .. thetaNames],
            Reference = ReadReference(Path.Combine(dir, "reference.json")),
            ReferenceSource = "posteriordb reference",
            TargetAcceptance = 0.95,
        };
    }

    /// <summary>reference.json's summary: (mean, sd) by Stan's name.</summary>
    private static Dictionary<string, (double Mean, double Sd)> ReadReference(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("summary").EnumerateObject()
            .ToDictionary(p => p.Name, p => (p.Value.GetProperty("mean").GetDouble(), p.Value.GetProperty("sd").GetDouble()));
    }
}
