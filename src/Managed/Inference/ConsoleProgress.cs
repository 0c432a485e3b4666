using System.Globalization;

namespace Axle.Inference;

/// <summary>
/// A ready-made progress callback for <see cref="Hmc.Sample"/>: a bar redrawn in place on an
/// interactive terminal, plain lines when the output is redirected (logs, CI).
/// </summary>
public static class ConsoleProgress
{
    /// <summary>A callback writing to <paramref name="writer"/> (default: the console's output).</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="interactive">Draw a bar with carriage returns; default: whether the console's output is a terminal.</param>
    public static Action<HmcProgress> Create(TextWriter? writer = null, bool? interactive = null)
    {
        writer ??= Console.Out;
        bool bar = interactive ?? !Console.IsOutputRedirected;
        return p =>
        {
            string phase = p.IsWarmup ? "warmup  " : "sampling";
            string stats = string.Format(CultureInfo.InvariantCulture, "{0,5}/{1} {2} accept {3:F2} step {4:G3} divergences {5} {6:F1}s",
                p.Iteration, p.Total, phase, p.MeanAcceptance, p.MeanStepSize, p.Divergences, p.Elapsed.TotalSeconds);
            if (!bar)
            {
                writer.WriteLine(stats);
                return;
            }
            const int width = 30;
            int filled = (int)Math.Round(p.Fraction * width);
            writer.Write("\r[" + new string('#', filled) + new string('-', width - filled) + "] " + stats);
            if (p.Iteration == p.Total) writer.WriteLine();
            writer.Flush();
        };
    }
}
