using ScottPlot;
using SkiaSharp;

namespace Axle.Plots;

/// <summary>How a legend entry shows its colour.</summary>
internal enum Swatch { Line, Dot, Box }

/// <summary>One entry of a figure's legend: a swatch of a colour and its label.</summary>
internal readonly record struct LegendEntry(string Label, Color Color, Swatch Swatch = Swatch.Line);

/// <summary>Where one panel was drawn: its cell and the data area inside it, in pixels of the saved image.</summary>
internal readonly record struct PanelArea(int Row, int Column, PixelRect Cell, PixelRect Data);

/// <summary>
/// A grid of ScottPlot panels under a header (title and legend), saved as PNG or SVG by the file extension.
/// ScottPlot's own Multiplot writes PNG only; drawing every panel onto one Skia canvas gives both formats from
/// the same code (Skia's SVG canvas records the same drawing calls as vectors).
/// </summary>
internal sealed class Figure
{
    private const float TitleHeight = 34, LegendHeight = 24, Margin = 6;

    private readonly ScottPlot.Plot?[,] _panels;
    private readonly float[] _columnWeights;

    /// <param name="title">The figure's title, drawn centred above the panels.</param>
    /// <param name="rows">Rows of panels.</param>
    /// <param name="columnWeights">One relative width per column of panels.</param>
    /// <param name="defaultWidth">Width in pixels when the caller gives none.</param>
    /// <param name="defaultHeight">Height in pixels when the caller gives none.</param>
    public Figure(string title, int rows, float[] columnWeights, int defaultWidth, int defaultHeight)
    {
        Title = title;
        _columnWeights = columnWeights;
        _panels = new ScottPlot.Plot?[rows, columnWeights.Length];
        DefaultWidth = defaultWidth;
        DefaultHeight = defaultHeight;
    }

    public string Title { get; }

    public int Rows => _panels.GetLength(0);

    public int Columns => _panels.GetLength(1);

    public int DefaultWidth { get; }

    public int DefaultHeight { get; }

    /// <summary>Entries drawn in one row under the title (chains, divergences, statistics).</summary>
    public List<LegendEntry> Legend { get; } = [];

    /// <summary>The panels' areas in the last saved image (for tests that look at the pixels of each panel).</summary>
    public IReadOnlyList<PanelArea> LastAreas { get; private set; } = [];

    /// <summary>The panel at (<paramref name="row"/>, <paramref name="column"/>), created and styled on first use; a cell never asked for stays blank.</summary>
    public ScottPlot.Plot Panel(int row, int column)
    {
        if (_panels[row, column] is { } existing) return existing;
        var panel = new ScottPlot.Plot();
        Theme.Style(panel);
        // Panels share one canvas: a panel that cleared it would erase the panels drawn before it.
        panel.RenderManager.ClearCanvasBeforeEachRender = false;
        _panels[row, column] = panel;
        return panel;
    }

    /// <summary>Renders the figure to <paramref name="path"/>: PNG or SVG by its extension.</summary>
    public void Save(string path, int? width, int? height)
    {
        int w = width ?? DefaultWidth, h = height ?? DefaultHeight;
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        if (PlotFile.FormatOf(path) == PlotFormat.Svg)
        {
            using var stream = File.Create(path);
            // The SVG canvas writes its closing tag when disposed, before the stream closes.
            using (var canvas = SKSvgCanvas.Create(SKRect.Create(w, h), stream)) Draw(canvas, w, h);
        }
        else
        {
            using var surface = SKSurface.Create(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul))
                ?? throw new InvalidOperationException($"Axle.Plots: Skia could not make a {w}×{h} surface");
            Draw(surface.Canvas, w, h);
            using var image = surface.Snapshot();
            using var png = image.Encode(SKEncodedImageFormat.Png, 100);
            using var file = File.Create(path);
            png.SaveTo(file);
        }
    }

    private void Draw(SKCanvas canvas, int width, int height)
    {
        using (var background = new SKPaint { Color = ToSk(Theme.Background), Style = SKPaintStyle.Fill })
            canvas.DrawRect(SKRect.Create(width, height), background);
        float top = DrawHeader(canvas, width);
        float cellHeight = (height - top - Margin) / Rows;
        float weightSum = _columnWeights.Sum();
        var areas = new List<PanelArea>();
        for (int r = 0; r < Rows; r++)
        {
            float left = Margin;
            for (int c = 0; c < Columns; c++)
            {
                float cellWidth = (width - 2 * Margin) * _columnWeights[c] / weightSum;
                var cell = new PixelRect(left, left + cellWidth, top + (r + 1) * cellHeight, top + r * cellHeight);
                left += cellWidth;
                if (_panels[r, c] is not { } panel) continue;
                // ScottPlot renders a plot a second time when its axis limits changed since the previous render,
                // which every first render counts as: on the SVG canvas that writes every element twice. A first
                // render onto a canvas that draws nothing settles the layout, so the real one runs once.
                using (var settle = new SKNoDrawCanvas(width, height)) panel.Render(settle, cell);
                canvas.Save();
                canvas.ClipRect(new SKRect(cell.Left, cell.Top, cell.Right, cell.Bottom));
                panel.Render(canvas, cell);
                canvas.Restore();
                areas.Add(new PanelArea(r, c, cell, panel.RenderManager.LastRender.DataRect));
            }
        }
        LastAreas = areas;
    }

    /// <summary>Draws the title and the legend row; returns where the panels start.</summary>
    private float DrawHeader(SKCanvas canvas, int width)
    {
        using var typeface = SKTypeface.FromFamilyName(Theme.FontName, SKFontStyle.Bold);
        using var regular = SKTypeface.FromFamilyName(Theme.FontName);
        using var titleFont = new SKFont(typeface, 16);
        using var legendFont = new SKFont(regular, 12.5f);
        using var text = new SKPaint { Color = ToSk(Theme.Text), IsAntialias = true };
        canvas.DrawText(Title, width / 2f, 23, SKTextAlign.Center, titleFont, text);
        if (Legend.Count == 0) return TitleHeight;

        const float swatch = 18, gap = 6, spacing = 18;
        float total = Legend.Sum(e => swatch + gap + legendFont.MeasureText(e.Label)) + spacing * (Legend.Count - 1);
        float x = Math.Max(Margin, (width - total) / 2), y = TitleHeight + 12;
        foreach (var entry in Legend)
        {
            using var paint = new SKPaint { Color = ToSk(entry.Color), IsAntialias = true, StrokeWidth = 3 };
            switch (entry.Swatch)
            {
                case Swatch.Dot: canvas.DrawCircle(x + swatch / 2, y, 4.5f, paint); break;
                case Swatch.Box: canvas.DrawRect(x, y - 6, swatch, 12, paint); break;
                default: canvas.DrawLine(x, y, x + swatch, y, paint); break;
            }
            x += swatch + gap;
            canvas.DrawText(entry.Label, x, y + 4.5f, SKTextAlign.Left, legendFont, text);
            x += legendFont.MeasureText(entry.Label) + spacing;
        }
        return TitleHeight + LegendHeight;
    }

    private static SKColor ToSk(Color c) => new(c.R, c.G, c.B, c.A);
}
