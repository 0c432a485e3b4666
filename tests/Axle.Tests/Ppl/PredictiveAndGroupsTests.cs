using Axle.Inference;

namespace Axle.Tests.Ppl;

/// <summary>InferenceData from a posterior: the posterior group's names, dims and coords, observed and constant data, prior and posterior predictive draws.</summary>
public class PredictiveAndGroupsTests
{
    private static readonly string[] Schools = ["A", "B", "C", "D"];

    private sealed record Model(Tensor Sigma, Tensor Mu, Tensor Tau, Tensor Theta, Tensor Y);

    private static Model Build()
    {
        var sigma = Sym.Vector("sigma", DType.F64);
        var s = new RandomStream(DType.F64);
        var mu = s.Normal(0, 5, name: "mu");
        var tau = s.HalfCauchy(0, 5, name: "tau");
        var theta = s.Normal(mu, tau, size: sigma.Shape[0], name: "theta");
        var y = s.Normal(theta, sigma, name: "y");
        return new Model(sigma, mu, tau, theta, y);
    }

    private static Posterior Posterior(Model m, bool withDims) =>
        Axle.Ppl.Posterior([m.Mu, m.Tau, m.Theta], observed: [(m.Y, Tensor.From(new[] { 28.0, 8, -3, 7 }, 4))],
            inputs: [(m.Sigma, Tensor.From(new[] { 15.0, 10, 16, 11 }, 4))], reparam: Reparam.Auto,
            dims: withDims ? new Dictionary<string, string[]> { ["theta"] = ["school"], ["y"] = ["school"], ["sigma"] = ["school"] } : null,
            coords: withDims ? new Dictionary<string, IReadOnlyList<object>> { ["school"] = Schools } : null);

    [Fact]
    public void PosteriorGroupHasNamedConstrainedDrawsWithArviZsDims()
    {
        var m = Build();
        var p = Posterior(m, withDims: false);
        Tensor flat = Rng.Normal(Rng.Key(1), [2, 3, p.Dim], DType.F64);
        var idata = p.ToInferenceData(flat);
        var post = idata.Posterior!;
        Assert.Equal(["mu", "tau", "theta"], post.Keys);
        Assert.Equal(["chain", "draw"], post.Variable("tau").Dims);
        Assert.Equal(["chain", "draw", "theta_dim_0"], post.Variable("theta").Dims);
        Assert.Equal(new Shape(2, 3, 4), post["theta"].Shape);
        // Each draw is the constrained value of its own flat vector.
        double[] f = flat.ToArray<double>();
        double[] theta = post["theta"].ToArray<double>(), tau = post["tau"].ToArray<double>();
        for (int d = 0; d < 6; d++)
        {
            Assert.Equal(Math.Exp(f[d * 6 + 1]), tau[d], 12);
            Assert.Equal(f[d * 6] + Math.Exp(f[d * 6 + 1]) * f[d * 6 + 2], theta[d * 4], 12);
        }
        Assert.Equal(["y_dim_0"], idata.ObservedData!.Variable("y").Dims);
        Assert.Equal(new[] { 28.0, 8, -3, 7 }, idata.ObservedData["y"].ToArray<double>());
        Assert.Equal(["sigma"], idata.ConstantData!.Keys);
        Assert.Null(idata.SampleStats);
    }

    [Fact]
    public void UserDimsAndCoordsNameTheAxesOfEveryGroup()
    {
        var p = Posterior(Build(), withDims: true);
        var idata = Axle.Ppl.PriorPredictive(p, draws: 25, seed: 4);
        Assert.Equal(["chain", "draw", "school"], idata.Prior!.Variable("theta").Dims);
        Assert.Equal(Schools, idata.Prior.Coords["school"]);
        Assert.Equal(new Shape(1, 25, 4), idata.Prior["theta"].Shape);
        Assert.Equal(new Shape(1, 25), idata.Prior["tau"].Shape);
        Assert.All(idata.Prior["tau"].ToArray<double>(), t => Assert.True(t > 0));
        Assert.Equal(["y"], idata.PriorPredictive!.Keys);
        Assert.Equal(["chain", "draw", "school"], idata.PriorPredictive.Variable("y").Dims);
        Assert.Equal(["school"], idata.ObservedData!.Variable("y").Dims);
        Assert.Equal(["school"], idata.ConstantData!.Variable("sigma").Dims);
        // The same seed gives the same draws.
        Assert.Equal(idata.Prior["mu"].ToArray<double>(), Axle.Ppl.PriorPredictive(p, draws: 25, seed: 4).Prior!["mu"].ToArray<double>());

        var m = Build();
        Assert.Throws<ArgumentException>(() => Axle.Ppl.Posterior([m.Mu, m.Tau, m.Theta], observed: [(m.Y, Ops.Zeros([4], DType.F64))],
            inputs: [(m.Sigma, Ops.Ones([4], DType.F64))], dims: new Dictionary<string, string[]> { ["theta"] = ["a", "b"] }));
        Assert.Throws<ArgumentException>(() => Axle.Ppl.Posterior([m.Mu, m.Tau, m.Theta], observed: [(m.Y, Ops.Zeros([4], DType.F64))],
            inputs: [(m.Sigma, Ops.Ones([4], DType.F64))], coords: new Dictionary<string, IReadOnlyList<object>> { ["theta_dim_0"] = Schools[..3] }));
    }

    [Fact]
    public void PosteriorPredictiveDrawsOnePredictionPerPosteriorDrawWithNewInputs()
    {
        var m = Build();
        var p = Posterior(m, withDims: true);
        var idata = p.ToInferenceData(Rng.Normal(Rng.Key(2), [2, 5, p.Dim], DType.F64));
        // With a tiny observation noise, each predictive y is its draw's theta.
        Axle.Ppl.PosteriorPredictive(idata, p, seed: 9, inputs: [(m.Sigma, Ops.Full([4], 1e-9, DType.F64))]);
        var y = idata.PosteriorPredictive!["y"];
        Assert.Equal(new Shape(2, 5, 4), y.Shape);
        Assert.Equal(["chain", "draw", "school"], idata.PosteriorPredictive.Variable("y").Dims);
        Assert.Equal(idata.Posterior!["theta"].ToArray<double>(), y.ToArray<double>(), new Tolerance(1e-7));
        // With the model's own noise the draws differ from theta, and from draw to draw.
        Axle.Ppl.PosteriorPredictive(idata, p, seed: 9);
        double[] noisy = idata.PosteriorPredictive!["y"].ToArray<double>();
        Assert.True(noisy.Zip(idata.Posterior["theta"].ToArray<double>()).Average(t => Math.Abs(t.First - t.Second)) > 1);
    }

    [Fact]
    public void PriorPredictiveWithoutDataAndParamModelsRefused()
    {
        var m = Build();
        var idata = Axle.Ppl.PriorPredictive([m.Mu, m.Tau, m.Theta], [m.Y], [(m.Sigma, Tensor.From(new[] { 1.0, 2.0, 3.0 }, 3))], draws: 10, seed: 1);
        Assert.Equal(new Shape(1, 10, 3), idata.Prior!["theta"].Shape);
        Assert.Equal(new Shape(1, 10, 3), idata.PriorPredictive!["y"].Shape);
        Assert.Null(idata.ObservedData);
        Assert.Equal(["sigma"], idata.ConstantData!.Keys);

        var param = Axle.Ppl.Posterior([Param.Real("mu")], p => -0.5 * Ops.Square(p["mu"]));
        Assert.Throws<InvalidOperationException>(() => Axle.Ppl.PriorPredictive(param, 10, 1));
        Assert.Throws<InvalidOperationException>(() => Axle.Ppl.PosteriorPredictive(param.ToInferenceData(Ops.Zeros([1, 2, 1], DType.F64)), param, 1));
        Assert.Null(param.ObservedData);
    }
}
