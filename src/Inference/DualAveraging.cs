namespace Axle;

/// <summary>
/// Step-size adaptation by dual averaging (Hoffman &amp; Gelman 2014, section 3.2), with Stan's
/// constants as defaults. One instance per chain. <c>Hmc.Sample</c> runs the same recurrence on
/// device inside its warm-up scan; this class is its host-side reference.
/// </summary>
public sealed class DualAveraging
{
    private double _mu;
    private double _hBar;
    private double _logStepBar;
    private int _count;

    /// <summary>Starts adapting from <paramref name="initialStepSize"/>, shrinking towards log(10 · ε₀) (Stan's μ).</summary>
    /// <param name="initialStepSize">ε₀, positive.</param>
    /// <param name="targetAcceptance">δ, the target mean acceptance probability.</param>
    /// <param name="gamma">γ, the shrinkage strength.</param>
    /// <param name="t0">t₀, damping of the first iterations.</param>
    /// <param name="kappa">κ, the decay exponent of the averaging weights.</param>
    public DualAveraging(double initialStepSize, double targetAcceptance = 0.8, double gamma = 0.05, double t0 = 10, double kappa = 0.75)
    {
        if (!(initialStepSize > 0) || double.IsInfinity(initialStepSize))
            throw new ArgumentOutOfRangeException(nameof(initialStepSize), $"DualAveraging: the step size must be positive and finite; got {initialStepSize}");
        TargetAcceptance = targetAcceptance;
        Gamma = gamma;
        T0 = t0;
        Kappa = kappa;
        Restart(initialStepSize);
    }

    /// <summary>δ.</summary>
    public double TargetAcceptance { get; }

    /// <summary>γ.</summary>
    public double Gamma { get; }

    /// <summary>t₀.</summary>
    public double T0 { get; }

    /// <summary>κ.</summary>
    public double Kappa { get; }

    /// <summary>The step size to use for the next iteration.</summary>
    public double StepSize { get; private set; }

    /// <summary>The averaged step size exp(x̄), the one to keep once warm-up ends.</summary>
    public double FinalStepSize => _count == 0 ? StepSize : Math.Exp(_logStepBar);

    /// <summary>Forgets the history and restarts from <paramref name="stepSize"/> (Stan does this after each mass-matrix update).</summary>
    /// <param name="stepSize">The new ε₀.</param>
    public void Restart(double stepSize)
    {
        StepSize = stepSize;
        _mu = Math.Log(10 * stepSize);
        _hBar = 0;
        _logStepBar = 0;
        _count = 0;
    }

    /// <summary>Feeds the acceptance statistic of the last iteration and updates <see cref="StepSize"/>.</summary>
    /// <param name="acceptance">The acceptance probability in [0, 1]; NaN counts as 0.</param>
    public void Update(double acceptance)
    {
        if (double.IsNaN(acceptance)) acceptance = 0;
        acceptance = Math.Clamp(acceptance, 0, 1);
        _count++;
        double eta = 1.0 / (_count + T0);
        _hBar = (1 - eta) * _hBar + eta * (TargetAcceptance - acceptance);
        double logStep = _mu - Math.Sqrt(_count) / Gamma * _hBar;
        double weight = Math.Pow(_count, -Kappa);
        _logStepBar = weight * logStep + (1 - weight) * _logStepBar;
        StepSize = Math.Exp(logStep);
    }
}
