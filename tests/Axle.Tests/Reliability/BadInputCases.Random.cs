namespace Axle.Tests.Reliability;

internal static partial class BadInputCases
{
    private static IEnumerable<BadInputCase> RandomCases()
    {
        Tensor key = Rng.Key(0);
        Tensor floatKey = Tensor.From(new float[2]);
        Tensor longKey = Tensor.From(new uint[3]);
        Tensor signedKey = Tensor.From(new int[2]);

        // Keys of the wrong shape or dtype, for every family of entry point
        yield return Arg("rng.split: f32 key", "key", () => Rng.Split(floatKey), "u32[2]", "f32");
        yield return Arg("rng.split: key of 3 words", "key", () => Rng.Split(longKey), "u32[2]", "u32[3]");
        yield return Arg("rng.split: i32 key", "key", () => Rng.Split(signedKey), "u32[2]", "i32");
        yield return Null("rng.split: null key", "key", () => Rng.Split(null!));
        yield return Range("rng.split: negative count", "num", () => Rng.Split(key, -1), "-1");
        yield return Arg("rng.split: negative shape", "shape", () => Rng.Split(key, [2, -3]), "-3");
        yield return Arg("rng.fold_in: f32 key", "key", () => Rng.FoldIn(floatKey, 1), "u32[2]", "f32");
        yield return Arg("rng.fold_in: float data", "data", () => Rng.FoldIn(key, 1.5f), "integer", "f32");
        yield return Arg("rng.fold_in: vector data", "data", () => Rng.FoldIn(key, I(2)), "scalar", "i32[2]");
        yield return Arg("rng.bits: signed dtype", "dtype", () => Rng.Bits(key, [2], DType.I32), "unsigned", "i32");
        yield return Arg("rng.bits: key of 3 words", "key", () => Rng.Bits(longKey, [2]), "u32[2]", "u32[3]");
        yield return Arg("rng.uniform: f32 key", "key", () => Rng.Uniform(floatKey), "u32[2]", "f32");
        yield return Arg("rng.uniform: integer dtype", "dtype", () => Rng.Uniform(key, [2], DType.I32), "float", "i32");
        yield return Arg("rng.uniform: negative shape", "shape", () => Rng.Uniform(key, [-1]), "-1");
        yield return Arg("rng.uniform: bounds do not fit the shape", "shape", () => Rng.Uniform(key, [2], min: F(3), max: F(4)), "(2,)", "(3,)");
        yield return Arg("rng.normal: key of 3 words", "key", () => Rng.Normal(longKey), "u32[2]", "u32[3]");
        yield return Arg("rng.normal: integer dtype", "dtype", () => Rng.Normal(key, [2], DType.I64), "float", "i64");
        yield return Arg("rng.normal: negative shape", "shape", () => Rng.Normal(key, [3, -2]), "-2");
        yield return Arg("rng.exponential: i32 key", "key", () => Rng.Exponential(signedKey), "u32[2]", "i32");
        yield return Arg("rng.gamma: f32 key", "key", () => Rng.Gamma(floatKey, 1.0), "u32[2]", "f32");
        yield return Range("rng.gamma: negative shape", "dims", () => Rng.Gamma(key, 1.0, [-5]), "-5");
        yield return Arg("rng.gamma: shape does not hold a's shape", "shape", () => Rng.Gamma(key, F(3), [2]), "(3,)", "(2,)");
        yield return Arg("rng.beta: a and b do not broadcast", "b", () => Rng.Beta(key, F(2), F(3)), "(2,)", "(3,)");
        yield return Arg("rng.dirichlet: scalar alpha", "alpha", () => Rng.Dirichlet(key, F()), "()");
        yield return Arg("rng.poisson: f32 key", "key", () => Rng.Poisson(floatKey, 2.0), "u32[2]", "f32");
        yield return Arg("rng.poisson: float dtype", "dtype", () => Rng.Poisson(key, 2.0, dtype: DType.F32), "integer", "f32");
        yield return Arg("rng.bernoulli: key of 3 words", "key", () => Rng.Bernoulli(longKey), "u32[2]", "u32[3]");
        yield return Arg("rng.categorical: axis past the rank", "axis", () => Rng.Categorical(key, F(3), axis: 1), "1", "rank 1");
        yield return Arg("rng.randint: float bounds dtype", "dtype", () => Rng.Randint(key, [2], 0, 5, DType.F32), "integer", "f32");
        yield return Arg("rng.randint: negative shape", "shape", () => Rng.Randint(key, [-2], 0, 5), "-2");
        yield return Arg("rng.permutation: negative n", "n", () => Rng.Permutation(key, -1), "-1");
        yield return Arg("rng.permutation: axis past the rank", "axis", () => Rng.Permutation(key, F(3), axis: 2), "2", "rank 1");
        yield return Arg("rng.choice: more draws than items without replacement", "shape", () => Rng.Choice(key, 3, [4], replace: false), "4", "3");
        yield return Arg("rng.choice: p of the wrong length", "p", () => Rng.Choice(key, 3, [2], p: F(4)), "3", "(4,)");
        yield return Arg("rng.multivariate_normal: non-square covariance", "cov", () => Rng.MultivariateNormal(key, F(2), F(2, 3)), "(2, 3)");
        yield return Arg("rng.multivariate_normal: mean and covariance differ", "cov", () => Rng.MultivariateNormal(key, F(3), F(2, 2)), "(3,)", "(2, 2)");
        yield return Arg("rng.truncated_normal: bounds do not broadcast", "upper", () => Rng.TruncatedNormal(key, F(2), F(3)), "(2,)", "(3,)");

        // RandomStream (symbolic draws)
        yield return Arg("random_stream: integer default dtype", "dtype", () => new RandomStream(DType.I32), "float", "i32");
        yield return Arg("random_stream: integer variable dtype", "dtype", () => new RandomStream().Normal(dtype: DType.I32), "float", "i32");
        yield return Range("random_stream: negative size", "size", () => new RandomStream().Normal(size: [-2]), "-2");
        yield return Arg("random_stream: parameters do not broadcast", "scale", () => new RandomStream().Normal(F(2), F(3)), "(2,)", "(3,)");
        yield return Arg("random_stream: size does not hold the parameters", "size", () => new RandomStream().Normal(F(3), 1.0, [2]), "(3,)", "(2,)");
        yield return Null("random_stream: null bernoulli p", "p", () => new RandomStream().Bernoulli((Tensor)null!));

        // Ppl
        yield return Null("ppl: null variables", "rvs", () => Axle.Ppl.JointLogprob(null!));
        yield return Arg("ppl: no variables", "rvs", () => Axle.Ppl.JointLogprob(), "at least one");
        yield return Arg("ppl: a concrete tensor", "rvs", () => Axle.Ppl.JointLogprob(F(2)), "not a random variable", "f32[2]");
        yield return Arg("ppl: a symbolic input", "rvs", () => Axle.Ppl.JointLogprob(Sym.Scalar("s")), "not a random variable");
        yield return Arg("ppl: a variable listed twice", "rvs", () =>
        {
            Tensor mu = new RandomStream().Normal(0.0, 1.0);
            Axle.Ppl.JointLogprob(mu, mu);
        }, "twice");
    }
}
