using System.Numerics.Tensors;

namespace Axle.Bench.Ppl.Workloads;

/// <summary>
/// The seed model's log-density and gradient written by hand, as a careful C# programmer would: the non-centered
/// horseshoe on u = (log tau, log lambda[D], z[D]) with half-Cauchy priors and their log-Jacobians, β = tau·lambda·z,
/// y ~ Bernoulli(σ(−Xβ)); <see cref="TensorPrimitives"/> for the vector work, X stored by column so that Xβ and Xᵀg
/// are D vector operations over all rows, preallocated buffers, no allocation per call. The yardstick for Axle's
/// compiled gradient (<see cref="GradientCost"/>).
/// </summary>
internal sealed class SeedGradient
{
    private const int D = SeedWorkload.D;
    private readonly int _rows;
    private readonly double[] _columns, _y;
    private readonly double[] _eta, _t, _sigma, _g;
    private readonly double[] _lambda = new double[D], _beta = new double[D], _gBeta = new double[D];
    private static readonly double LogTwoOverPi = Math.Log(2 / Math.PI), HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <param name="x">X, rows × D, row-major.</param>
    /// <param name="y">The 0/1 outcomes.</param>
    public SeedGradient(double[] x, double[] y)
    {
        _rows = y.Length;
        _y = y;
        _columns = new double[x.Length];
        for (int i = 0; i < _rows; i++)
            for (int j = 0; j < D; j++) _columns[j * _rows + i] = x[i * D + j];
        _eta = new double[_rows];
        _t = new double[_rows];
        _sigma = new double[_rows];
        _g = new double[_rows];
    }

    private ReadOnlySpan<double> Column(int j) => new(_columns, j * _rows, _rows);

    /// <summary>Returns log p(u) and writes ∇ log p(u) into <paramref name="grad"/>.</summary>
    public double Evaluate(ReadOnlySpan<double> u, Span<double> grad)
    {
        double logTau = u[0], tau = Math.Exp(logTau);
        ReadOnlySpan<double> logLambda = u.Slice(1, D), z = u.Slice(1 + D, D);
        TensorPrimitives.Exp(logLambda, _lambda);
        TensorPrimitives.Multiply(_lambda, z, _beta);
        TensorPrimitives.Multiply(_beta, tau, _beta);
        TensorPrimitives.Multiply(Column(0), _beta[0], _eta);
        for (int j = 1; j < D; j++) TensorPrimitives.MultiplyAdd(Column(j), _beta[j], _eta, _eta);
        // With η = Xβ, p(y = 1) = σ(−η): log-likelihood Σ (1 − y)η − softplus(η), softplus(η) = max(η, 0) + log1p(exp(−|η|)).
        TensorPrimitives.Abs(_eta, _t);
        TensorPrimitives.Negate(_t, _t);
        TensorPrimitives.Exp(_t, _t);
        TensorPrimitives.Add(_t, 1.0, _t);
        TensorPrimitives.Log(_t, _t);
        double lp = 0;
        for (int i = 0; i < _rows; i++) lp += (1 - _y[i]) * _eta[i] - Math.Max(_eta[i], 0) - _t[i];
        // d/dη = 1 − y − σ(η); ∂/∂β = Xᵀ that.
        TensorPrimitives.Sigmoid(_eta, _sigma);
        TensorPrimitives.Subtract(1.0, _y, _g);
        TensorPrimitives.Subtract(_g, _sigma, _g);
        for (int j = 0; j < D; j++) _gBeta[j] = TensorPrimitives.Dot(Column(j), _g);
        lp += LogTwoOverPi - Math.Log(1 + tau * tau) + logTau;
        double tauGrad = 0;
        for (int j = 0; j < D; j++)
        {
            double l = _lambda[j], l2 = l * l;
            lp += LogTwoOverPi - Math.Log(1 + l2) + logLambda[j] - 0.5 * z[j] * z[j] - HalfLogTwoPi;
            double bg = _beta[j] * _gBeta[j];
            tauGrad += bg;
            grad[1 + j] = bg + 1 - 2 * l2 / (1 + l2);
            grad[1 + D + j] = -z[j] + tau * l * _gBeta[j];
        }
        grad[0] = tauGrad + 1 - 2 * tau * tau / (1 + tau * tau);
        return lp;
    }
}
