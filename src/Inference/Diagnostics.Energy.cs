namespace Axle;

public static partial class Diagnostics
{
    /// <summary>
    /// E-BFMI per chain, the estimated Bayesian fraction of missing information (Betancourt 2016), as
    /// ArviZ's <c>bfmi</c> and CmdStan's <c>diagnose</c> compute it: mean((Eₜ − Eₜ₋₁)²) / var(E) with
    /// n − 1 in the variance. Values below 0.3 mean the momentum resampling explores the energy
    /// distribution poorly (heavy tails, a poorly adapted metric).
    /// </summary>
    /// <param name="energy">The Hamiltonian at each draw, (chains, draws): <c>sample_stats.energy</c>.</param>
    /// <exception cref="ArgumentException">Fewer than 2 draws per chain.</exception>
    public static double[] Bfmi(double[,] energy)
    {
        ArgumentNullException.ThrowIfNull(energy);
        int chains = energy.GetLength(0), n = energy.GetLength(1);
        if (n < 2)
            throw new ArgumentException($"Diagnostics.Bfmi: need at least 2 draws per chain; got ({chains}, {n})", nameof(energy));
        var result = new double[chains];
        for (int c = 0; c < chains; c++)
        {
            double mean = 0, squaredSteps = 0, squaredDeviations = 0;
            for (int i = 0; i < n; i++) mean += energy[c, i];
            mean /= n;
            for (int i = 0; i < n; i++)
            {
                squaredDeviations += (energy[c, i] - mean) * (energy[c, i] - mean);
                if (i > 0) squaredSteps += (energy[c, i] - energy[c, i - 1]) * (energy[c, i] - energy[c, i - 1]);
            }
            result[c] = squaredSteps / (n - 1) / (squaredDeviations / (n - 1));
        }
        return result;
    }
}
