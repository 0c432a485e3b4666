using System.Xml.Linq;
using ScottPlot;
using SkiaSharp;

namespace Axle.Plots.Tests;

/// <summary>Reads back what a plot wrote: PNG pixels (decoded by SkiaSharp) and SVG elements (parsed as XML).</summary>
internal static class Images
{
    /// <summary>A fresh path under the test output folder; the files stay there to be looked at.</summary>
    public static string PathFor(string name)
    {
        string dir = System.IO.Path.Combine(AppContext.BaseDirectory, "plots");
        Directory.CreateDirectory(dir);
        string path = System.IO.Path.Combine(dir, name);
        File.Delete(path);
        return path;
    }

    /// <summary>A decoded PNG's pixels, copied out of Skia once (GetPixel per pixel crosses into native code each time).</summary>
    public sealed record Png(int Width, int Height, SKColor[] Pixels)
    {
        public SKColor this[int x, int y] => Pixels[y * Width + x];
    }

    public static Png DecodePng(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        using (var codec = SKCodec.Create(path))
        {
            Assert.NotNull(codec);
            Assert.Equal(SKEncodedImageFormat.Png, codec.EncodedFormat);
        }
        using var bitmap = SKBitmap.Decode(path);
        return new Png(bitmap.Width, bitmap.Height, bitmap.Pixels);
    }

    public static XElement LoadSvg(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        var root = XDocument.Load(path).Root!;
        Assert.Equal("svg", root.Name.LocalName);
        return root;
    }

    /// <summary>Elements named <paramref name="tag"/> stroked (or, with <paramref name="fill"/>, filled) in <paramref name="color"/>.</summary>
    public static int Count(XElement svg, string tag, Color color, bool fill = false)
    {
        return svg.Descendants().Count(e => e.Name.LocalName == tag
            && Rgb((string?)e.Attribute(fill ? "fill" : "stroke")) == (color.R, color.G, color.B));
    }

    /// <summary>An SVG colour written as #RGB or #RRGGBB (Skia writes the short form when it can); null for anything else.</summary>
    private static (byte, byte, byte)? Rgb(string? value)
    {
        if (value is null || !value.StartsWith('#')) return null;
        string hex = value[1..];
        if (hex.Length == 3) hex = string.Concat(hex.Select(ch => $"{ch}{ch}"));
        if (hex.Length != 6) return null;
        byte At(int i) => Convert.ToByte(hex.Substring(i, 2), 16);
        return (At(0), At(2), At(4));
    }

    /// <summary>The text of every text element, trimmed.</summary>
    public static string[] Texts(XElement svg) =>
        svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToArray();

    /// <summary>Pixels inside <paramref name="rect"/> that are clearly coloured (max − min channel above 80): data, not the grey frame, grid or text.</summary>
    public static int Colourful(Png image, PixelRect rect) =>
        Pixels(image, rect).Count(p => Math.Max(p.Red, Math.Max(p.Green, p.Blue)) - Math.Min(p.Red, Math.Min(p.Green, p.Blue)) > 80);

    /// <summary>Pixels inside <paramref name="rect"/> within <paramref name="tolerance"/> (Euclidean RGB) of <paramref name="color"/>.</summary>
    public static int Near(Png image, PixelRect rect, Color color, double tolerance = 30) =>
        Pixels(image, rect).Count(p =>
        {
            double dr = p.Red - color.R, dg = p.Green - color.G, db = p.Blue - color.B;
            return Math.Sqrt(dr * dr + dg * dg + db * db) <= tolerance;
        });

    public static PixelRect Whole(Png image) => new(0, image.Width, image.Height, 0);

    private static IEnumerable<SKColor> Pixels(Png image, PixelRect rect)
    {
        int x0 = Math.Max(0, (int)rect.Left), x1 = Math.Min(image.Width, (int)rect.Right);
        int y0 = Math.Max(0, (int)rect.Top), y1 = Math.Min(image.Height, (int)rect.Bottom);
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++) yield return image[x, y];
    }
}
