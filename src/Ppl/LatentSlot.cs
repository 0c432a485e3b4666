namespace Axle;

/// <summary>
/// One latent variable as <see cref="Posterior"/> packs it: its slice of the flat vector, its bijector,
/// and how to compute the bijector's arguments (bounds, loc and scale) from the constrained values of
/// the variables it reads.
/// </summary>
internal sealed class LatentSlot
{
    public LatentSlot(string name, int[] shape, Bijector bijector, string[] argumentNames, int[] reads, Func<Tensor[], Tensor[]> args)
    {
        Name = name;
        Shape = shape;
        Bijector = bijector;
        ArgumentNames = argumentNames;
        Reads = reads;
        Args = args;
        Length = bijector.FreeLength(shape);
    }

    public string Name { get; }

    /// <summary>The constrained shape (concrete).</summary>
    public int[] Shape { get; }

    public Bijector Bijector { get; }

    /// <summary>The arguments in words (for <see cref="PosteriorVariable.Transform"/>).</summary>
    public string[] ArgumentNames { get; }

    /// <summary>The slots whose constrained values <see cref="Args"/> reads: they are constrained first.</summary>
    public int[] Reads { get; }

    /// <summary>The bijector's arguments, from the constrained values by slot index (at least those of <see cref="Reads"/> are set).</summary>
    public Func<Tensor[], Tensor[]> Args { get; }

    /// <summary>Its first index in the flat unconstrained vector.</summary>
    public int Offset { get; set; }

    /// <summary>How many flat values it uses.</summary>
    public int Length { get; }
}
