using MathNet.Numerics.Distributions;

namespace Axle.Tests.Inference;

/// <summary>χ² tail probabilities (MathNet.Numerics) for the samplers' frequency tests.</summary>
internal static class ChiSquare
{
    /// <summary>P(X ≥ <paramref name="statistic"/>) for X ~ χ²(<paramref name="degreesOfFreedom"/>).</summary>
    public static double UpperTail(double statistic, int degreesOfFreedom) =>
        1 - ChiSquared.CDF(degreesOfFreedom, statistic);
}
