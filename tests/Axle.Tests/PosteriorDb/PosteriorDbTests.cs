using System.Globalization;
using Axle.Examples.PosteriorDb;
using Xunit.Abstractions;

namespace Axle.Tests.PosteriorDb;

/// <summary>
/// The twelve posteriordb posteriors (examples/PosteriorDb: each Stan program written in Axle, with its sampler settings)
/// sampled with NUTS, 4 chains × 1,000 draws at the model's fixed seed, and held to posteriordb README's criterion
/// unchanged: every reference parameter's mean within max(0.1·sd_ref, 4·MCSE), sd within 10% of sd_ref, 5% and 95%
/// quantiles within 0.2·sd_ref, split R-hat below 1.01, bulk ESS at least 400, no divergent transition after warm-up.
/// </summary>
/// <remarks>One class, so the twelve run one after another (each uses both cores for its chains).</remarks>
public class PosteriorDbTests(ITestOutputHelper output)
{
    private void Recovers(string name)
    {
        var result = PosteriorDbRun.Run(PosteriorDbModels.Named(name));
        output.WriteLine($"{result.Model.Name} ({result.Model.Form}; {result.Model.Settings}, seed {result.Model.Options.Seed})");
        foreach (string line in result.Check.Lines) output.WriteLine(line);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"compile {result.CompileSeconds:0.0} s, warm-up {result.WarmupSeconds:0.0} s, draws {result.SamplingSeconds:0.0} s, total {result.TotalSeconds:0.0} s"));
        Assert.Equal((4, 1000), (result.Model.Options.Chains, result.Model.Options.Draws));
        Assert.Empty(result.Check.Failures);
    }

    [Fact]
    public void ArK() => Recovers("arK-arK");

    [Fact]
    public void EarningsLogearnInteractionZ() => Recovers("earnings-logearn_interaction_z");

    [Fact]
    public void EightSchoolsNoncentered() => Recovers("eight_schools-eight_schools_noncentered");

    [Fact]
    public void Garch11() => Recovers("garch-garch11");

    [Fact]
    public void GpPoisRegr() => Recovers("gp_pois_regr-gp_pois_regr");

    [Fact]
    public void HmmExample() => Recovers("hmm_example-hmm_example");

    [Fact]
    public void KidscoreMomiq() => Recovers("kidiq-kidscore_momiq");

    [Fact]
    public void Kilpisjarvi() => Recovers("kilpisjarvi_mod-kilpisjarvi");

    [Fact]
    public void LowDimGaussMix() => Recovers("low_dim_gauss_mix-low_dim_gauss_mix");

    [Fact]
    public void LogmesquiteLogvash() => Recovers("mesquite-logmesquite_logvash");

    [Fact]
    public void Nes() => Recovers("nes1972-nes");

    [Fact]
    public void Blr() => Recovers("sblrc-blr");

    [Fact]
    public void TheRunnerHasAModelForEachPosteriorsData()
    {
        Assert.Equal(PosteriorDbModels.All.Select(m => m.Name).Order(), Directory.GetDirectories(PosteriorDbRun.DataRoot).Select(Path.GetFileName).Order());
    }
}
