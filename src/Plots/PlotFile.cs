namespace Axle.Plots;

/// <summary>The image formats a plot can be written in.</summary>
internal enum PlotFormat { Png, Svg }

/// <summary>Checks the arguments every plot shares: the output path and the image size.</summary>
internal static class PlotFile
{
    /// <summary>Smallest and largest side accepted: below it no panel has room for its labels, above it Skia's surface gets huge.</summary>
    public const int MinSide = 100, MaxSide = 16384;

    /// <summary>The format named by <paramref name="path"/>'s extension (<c>.png</c> or <c>.svg</c>, any case).</summary>
    /// <exception cref="ArgumentException">The path is empty or has another extension.</exception>
    public static PlotFormat FormatOf(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string ext = Path.GetExtension(path);
        if (ext.Equals(".png", StringComparison.OrdinalIgnoreCase)) return PlotFormat.Png;
        if (ext.Equals(".svg", StringComparison.OrdinalIgnoreCase)) return PlotFormat.Svg;
        throw new ArgumentException($"Axle.Plots: the file name must end in .png or .svg (that picks the format); got '{path}'", nameof(path));
    }

    /// <summary>Checks an optional width or height.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is outside [<see cref="MinSide"/>, <see cref="MaxSide"/>].</exception>
    public static void CheckSide(int? side, string name)
    {
        if (side is { } s && (s < MinSide || s > MaxSide))
            throw new ArgumentOutOfRangeException(name, s, $"Axle.Plots: {name} must be in [{MinSide}, {MaxSide}] pixels; got {s}");
    }

    /// <summary>Checks the arguments every plot takes; call first, before any work.</summary>
    public static void Check(string path, int maxComponents, int? width, int? height)
    {
        FormatOf(path);
        if (maxComponents < 1)
            throw new ArgumentOutOfRangeException(nameof(maxComponents), maxComponents, $"Axle.Plots: maxComponents must be at least 1; got {maxComponents}");
        CheckSide(width, nameof(width));
        CheckSide(height, nameof(height));
    }
}
