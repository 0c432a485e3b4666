namespace Axle;

// Discrete families. Values may come in any real dtype; a value that is not one of the
// support's integers has log-probability -inf.
internal static partial class LogDensities
{
    private static Tensor Bernoulli(Tensor x, Tensor[] ps, RandomVariable rv)
    {
        Tensor p = Param(rv, ps, "p");
        var (logP, logQ) = LogProbabilities(p);
        if (x.DType == DType.Bool) return Ops.Where(x, logP, logQ);
        Tensor one = Ops.Equal(x, 1.0), zero = Ops.Equal(x, 0.0);
        return Support(Ops.LogicalOr(one, zero), Ops.Where(one, logP, logQ));
    }

    /// <summary>
    /// (log p, log(1 - p)); when p is a sigmoid (the usual logistic model), from its logit, so that
    /// neither underflows to -inf for large |logit|.
    /// </summary>
    private static (Tensor LogP, Tensor LogQ) LogProbabilities(Tensor p)
    {
        if (p.Tracer is SymTracer { Node: { } node } && node.Primitive == Prims.Logistic)
        {
            // log σ(z) = -max(-z, 0) - log1p(e^-|z|) and log σ(-z) = -max(z, 0) - log1p(e^-|z|): one exp and one
            // log1p per element for both, where two LogSigmoids computed each twice (a logistic regression's
            // likelihood is most of its gradient's work).
            var logit = node.Inputs[0];
            Tensor shared = Ops.Log1p(Ops.Exp(-Ops.Abs(logit)));
            return (-Ops.Maximum(-logit, 0.0) - shared, -Ops.Maximum(logit, 0.0) - shared);
        }
        return (Ops.Log(p), Ops.Log1p(-p));
    }

    private static Tensor Poisson(Tensor x, Tensor[] ps, RandomVariable rv)
    {
        Tensor rate = Param(rv, ps, "lam", "rate", "mu", "lambda");
        Tensor xf = x.DType.IsFloat() ? x : Ops.Astype(x, rate.DType.IsFloat() ? rate.DType : DType.F64);
        Tensor valid = Ops.LogicalAnd(xf >= 0.0, Ops.Equal(Ops.Floor(xf), xf));
        Tensor safe = Ops.Where(valid, xf, 0.0);
        // A log link (Stan's poisson_log: rate = exp(f)) reads log rate = f, which stays finite where exp(f) is 0.
        Tensor logRate = rate.Tracer is SymTracer { Node: { } node } && node.Primitive == Prims.Exp ? node.Inputs[0] : Ops.Log(rate);
        // xlogy(k, rate): 0 · log 0 = 0, so Poisson(0) puts all its mass on 0.
        Tensor kLogRate = Ops.Where(Ops.Equal(safe, 0.0), 0.0, safe * logRate);
        return Support(valid, kLogRate - rate - Ops.Lgamma(safe + 1.0));
    }

    /// <summary>Categorical(p) or Categorical(logits) over the last axis; the value is the index.</summary>
    private static Tensor Categorical(Tensor x, Tensor[] ps, RandomVariable rv)
    {
        Tensor logp = Has(rv, "logits")
            ? Ops.LogSoftmax(Param(rv, ps, "logits"), -1)
            : Ops.Log(Param(rv, ps, "p") / Ops.Sum(Param(rv, ps, "p"), -1, keepDims: true));
        int k = logp.Shape[^1].Value;
        Tensor xf = x.DType.IsFloat() ? x : Ops.Astype(x, DType.F64);
        Tensor valid = Ops.LogicalAnd(Ops.LogicalAnd(xf >= 0.0, xf < k), Ops.Equal(Ops.Floor(xf), xf));
        // One-hot instead of a gather: the batch shapes of x and p broadcast freely this way.
        Tensor hot = Ops.Equal(Ops.ExpandDims(xf, -1), Ops.Arange(0.0, k, 1.0, xf.DType));
        Tensor lp = Ops.Sum(Ops.Where(hot, logp, 0.0), -1);
        return Support(valid, lp);
    }
}
