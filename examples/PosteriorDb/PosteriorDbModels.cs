using Axle.Examples.PosteriorDb.Models;

namespace Axle.Examples.PosteriorDb;

/// <summary>The twelve posteriordb posteriors written in Axle, in alphabetical order of their posteriordb names.</summary>
public static class PosteriorDbModels
{
    /// <summary>Every model.</summary>
    public static IReadOnlyList<PosteriorDbModel> All { get; } =
    [
        ArK.Model, Earnings.Model, EightSchools.Model, Garch11.Model, GpPoisRegr.Model, HmmExample.Model,
        KidIq.Model, Kilpisjarvi.Model, LowDimGaussMix.Model, Mesquite.Model, Nes.Model, Sblrc.Model,
    ];

    /// <summary>The model called <paramref name="name"/>: its full posteriordb name or the part before or after the dash.</summary>
    /// <exception cref="ArgumentException">No model has that name (the message lists the names).</exception>
    public static PosteriorDbModel Named(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(m => m.Name == name || m.Name.Split('-').Contains(name))
            ?? throw new ArgumentException($"PosteriorDbModels: no posterior '{name}'; there are {string.Join(", ", All.Select(m => m.Name))}", nameof(name));
    }
}
