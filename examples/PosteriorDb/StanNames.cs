using Axle.Inference;

namespace Axle.Examples.PosteriorDb;

/// <summary>Draws of a posterior group under Stan's scalar names: <c>mu</c>, <c>beta[2]</c>, <c>theta[1,2]</c> (one-based).</summary>
public static class StanNames
{
    /// <summary>
    /// Every scalar component of every variable of <paramref name="posterior"/> (each (chain, draw, …)) as (chain, draw)
    /// draws, keyed by Stan's name: the variable's name for a scalar, else its one-based indices in brackets.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="posterior"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A variable does not lead with (chain, draw).</exception>
    public static Dictionary<string, double[,]> Draws(InferenceGroup posterior)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        var result = new Dictionary<string, double[,]>();
        foreach (var v in posterior.Variables)
        {
            int[] shape = v.Values.Shape.ToArray()[2..];
            for (int i = 0; i < v.ComponentCount; i++) result[Name(v.Name, shape, i)] = v.Component(i);
        }
        return result;
    }

    /// <summary>Stan's name of the <paramref name="flat"/>-th (row-major) component of a variable of <paramref name="shape"/>.</summary>
    public static string Name(string variable, int[] shape, int flat)
    {
        if (shape.Length == 0) return variable;
        var index = new int[shape.Length];
        for (int a = shape.Length - 1; a >= 0; a--)
        {
            index[a] = flat % shape[a] + 1;
            flat /= shape[a];
        }
        return $"{variable}[{string.Join(",", index)}]";
    }
}
