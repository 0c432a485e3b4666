namespace Axle;

/// <summary>What <see cref="Hmc.Sample"/> returns: the kept draws and what warm-up settled on, per chain.</summary>
public sealed class HmcResult
{
    internal HmcResult(double[,,] draws, double[,] logDensity, double[] stepSizes, double[,] inverseMassMatrix,
        double[] acceptanceRates, int[] divergences, int[] warmupDivergences, TimeSpan warmupTime, TimeSpan samplingTime)
    {
        Draws = draws;
        LogDensity = logDensity;
        StepSizes = stepSizes;
        InverseMassMatrix = inverseMassMatrix;
        AcceptanceRates = acceptanceRates;
        Divergences = divergences;
        WarmupDivergences = warmupDivergences;
        WarmupTime = warmupTime;
        SamplingTime = samplingTime;
    }

    /// <summary>The draws, (chains, draws, dim).</summary>
    public double[,,] Draws { get; }

    /// <summary>The log-density at each draw, (chains, draws).</summary>
    public double[,] LogDensity { get; }

    /// <summary>Adapted step size per chain.</summary>
    public double[] StepSizes { get; }

    /// <summary>Adapted diagonal inverse mass matrix (the posterior variance estimate), (chains, dim).</summary>
    public double[,] InverseMassMatrix { get; }

    /// <summary>Mean acceptance probability per chain over the kept draws.</summary>
    public double[] AcceptanceRates { get; }

    /// <summary>Divergent transitions per chain among the kept draws.</summary>
    public int[] Divergences { get; }

    /// <summary>Divergent transitions per chain during warm-up.</summary>
    public int[] WarmupDivergences { get; }

    /// <summary>Wall time of warm-up (compilation included).</summary>
    public TimeSpan WarmupTime { get; }

    /// <summary>Wall time of the sampling phase.</summary>
    public TimeSpan SamplingTime { get; }

    /// <summary>Number of chains.</summary>
    public int Chains => Draws.GetLength(0);

    /// <summary>Draws per chain.</summary>
    public int DrawCount => Draws.GetLength(1);

    /// <summary>Dimension of the parameter vector.</summary>
    public int Dim => Draws.GetLength(2);

    /// <summary>The draws as an f64 tensor (chains, draws, dim).</summary>
    public Tensor DrawsTensor() => Tensor.From(Draws);

    /// <summary>The draws of coordinate <paramref name="index"/>, (chains, draws) — the input of <see cref="Diagnostics"/>.</summary>
    public double[,] Parameter(int index)
    {
        if ((uint)index >= (uint)Dim) throw new ArgumentOutOfRangeException(nameof(index), $"HmcResult.Parameter: index {index} is outside [0, {Dim})");
        var x = new double[Chains, DrawCount];
        for (int c = 0; c < Chains; c++)
            for (int i = 0; i < DrawCount; i++) x[c, i] = Draws[c, i, index];
        return x;
    }
}
