namespace Axle;

/// <summary>
/// The unconstrained parametrizations <c>Ppl.JointLogprob(transform: true)</c> samples on: log
/// for positive families (shifted by loc for the half families), logit for unit-interval and
/// bounded families. Each maps the value variable u to the constrained value x and gives the
/// elementwise log-Jacobian log |dx/du|.
/// </summary>
internal static class Unconstrain
{
    /// <summary>(x, log |dx/du|) for <paramref name="rv"/>, or null when its support is already unconstrained (or discrete).</summary>
    public static (Tensor X, Tensor LogJacobian)? Constrain(RandomVariable rv, Tensor[] ps, Tensor u)
    {
        switch (rv.Distribution)
        {
            case "half_normal" or "half_cauchy":
                return (ps[rv.ParameterNames.ToList().IndexOf("loc")] + Ops.Exp(u), u);
            case "exponential" or "gamma":
                return (Ops.Exp(u), u);
            case "beta":
                return (Ops.Sigmoid(u), LogSigmoidSlope(u));
            case "uniform":
                Tensor low = ps[rv.ParameterNames.ToList().IndexOf("low")], high = ps[rv.ParameterNames.ToList().IndexOf("high")];
                return (low + (high - low) * Ops.Sigmoid(u), Ops.Log(high - low) + LogSigmoidSlope(u));
            default:
                return null;
        }
    }

    /// <summary>The name suffix of the value variable of a transformed family ("log", "logit").</summary>
    public static string? Name(RandomVariable rv) => rv.Distribution switch
    {
        "half_normal" or "half_cauchy" or "exponential" or "gamma" => "log",
        "beta" or "uniform" => "logit",
        _ => null,
    };

    /// <summary>log σ'(u) = log σ(u) + log σ(-u), stable for large |u|.</summary>
    private static Tensor LogSigmoidSlope(Tensor u) => Ops.LogSigmoid(u) + Ops.LogSigmoid(-u);
}
