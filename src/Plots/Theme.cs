using ScottPlot;
using SkiaSharp;

namespace Axle.Plots;

/// <summary>
/// The look every plot shares: ArviZ's colour cycle, a red reserved for divergences, a sans-serif font that
/// exists on this machine, and panel styling (white figure, light grid, grey frame).
/// </summary>
internal static class Theme
{
    /// <summary>ArviZ's default colour cycle (arviz-darkgrid's C0…C9): chain i is drawn in <c>Chain(i)</c>.</summary>
    private static readonly Color[] Cycle =
    [
        Color.FromHex("#2a2eec"), Color.FromHex("#fa7c17"), Color.FromHex("#328c06"), Color.FromHex("#c10c90"),
        Color.FromHex("#933708"), Color.FromHex("#65e5f3"), Color.FromHex("#e6e135"), Color.FromHex("#1ccd6a"),
        Color.FromHex("#bd8ad5"), Color.FromHex("#b16b57"),
    ];

    /// <summary>Divergent draws: a red that is in no chain's colour, so a divergence never reads as a chain.</summary>
    public static Color Divergent { get; } = Color.FromHex("#d62728");

    /// <summary>Reference lines (uniform rank level, R-hat 1.01): dashed dark grey.</summary>
    public static Color Reference { get; } = Color.FromHex("#444444");

    public static Color Background { get; } = Colors.White;

    public static Color Grid { get; } = Color.FromHex("#e5e5e5");

    public static Color Frame { get; } = Color.FromHex("#888888");

    public static Color Text { get; } = Color.FromHex("#222222");

    public const float TitleFontSize = 14, LabelFontSize = 12, TickFontSize = 11;

    /// <summary>The colour of chain <paramref name="chain"/> (the cycle repeats after ten chains).</summary>
    public static Color Chain(int chain) => Cycle[chain % Cycle.Length];

    /// <summary>The colour for pooled draws (ArviZ's C0).</summary>
    public static Color Pooled => Cycle[0];

    private static readonly Lazy<string> FontNameLazy = new(ResolveFont);

    /// <summary>The font family every label uses (resolved once per process).</summary>
    public static string FontName => FontNameLazy.Value;

    // Sans-serif families in the order we like them; Debian's fonts-dejavu-core gives the first. ScottPlot's own
    // default is SKTypeface.Default, which with the NoDependencies Skia build (no fontconfig) is whichever family
    // the directory scan met first: DejaVu Serif on Debian. So the family is picked here, per plot, rather than
    // by changing ScottPlot's process-wide Fonts.Default under the user's own plots.
    private static readonly string[] PreferredSans =
        ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Open Sans", "Lato", "Bitstream Vera Sans", "Arial", "Helvetica", "Segoe UI"];

    private static string ResolveFont()
    {
        // With no font files Skia still lists one family: an empty name holding an empty typeface.
        var installed = new HashSet<string>(SKFontManager.Default.FontFamilies.Where(HasGlyphs), StringComparer.OrdinalIgnoreCase);
        foreach (string family in PreferredSans)
            if (installed.Contains(family)) return family;
        if (installed.Count > 0) return installed.Order(StringComparer.Ordinal).First();
        // Without a font Skia draws no text at all: a plot with no title, labels or ticks is broken, so say
        // how to fix it instead of writing one.
        throw new InvalidOperationException(
            "Axle.Plots: Skia found no font files (it scans /usr/share/fonts); install one, e.g. Debian's fonts-dejavu-core");
    }

    private static bool HasGlyphs(string family)
    {
        if (string.IsNullOrEmpty(family)) return false;
        using var typeface = SKTypeface.FromFamilyName(family);
        return typeface is not null && typeface.GlyphCount > 0 && typeface.ContainsGlyphs("0aA");
    }

    /// <summary>Applies the shared look to one panel.</summary>
    public static void Style(ScottPlot.Plot panel)
    {
        panel.Font.Set(FontName, FontWeight.Normal, FontSlant.Upright, FontSpacing.Normal);
        panel.FigureBackground.Color = Background;
        panel.DataBackground.Color = Background;
        panel.Grid.MajorLineColor = Grid;
        panel.Axes.Color(Frame);
        panel.Axes.Title.Label.ForeColor = Text;
        panel.Axes.Title.Label.FontSize = TitleFontSize;
        panel.Axes.Title.Label.Bold = false;
        foreach (var axis in panel.Axes.GetAxes())
        {
            axis.Label.ForeColor = Text;
            axis.Label.FontSize = LabelFontSize;
            axis.Label.Bold = false;
            axis.TickLabelStyle.ForeColor = Text;
            axis.TickLabelStyle.FontSize = TickFontSize;
        }
        // A minimum width for the left axis keeps the data areas of stacked panels aligned when their tick labels differ in width.
        panel.Axes.Left.MinimumSize = 58;
        panel.Legend.FontName = FontName;
        panel.Legend.FontSize = 11;
        panel.Legend.SetBestFontOnEachRender = false;
        panel.Legend.ShadowColor = Colors.Transparent;
        panel.Legend.OutlineColor = Frame;
    }
}
