namespace Axle.Tests.Ppl;

/// <summary>Compares doubles to a relative tolerance (absolute below 1), for <c>Assert.Equal</c> on arrays.</summary>
internal sealed class Tolerance(double eps) : IEqualityComparer<double>
{
    public bool Equals(double a, double b) => Math.Abs(a - b) <= eps * Math.Max(1, Math.Abs(b));

    public int GetHashCode(double x) => 0;
}
