using System.Globalization;

namespace Axle;

/// <summary>
/// Ready-made progress callbacks for <see cref="Nuts.Sample(Func{Tensor, Tensor}, Tensor, NutsOptions?, Action{NutsProgress}?, CancellationToken)"/>
/// and <see cref="Hmc.Sample"/>: a bar redrawn in place on an interactive terminal, plain lines when the output is
/// redirected (logs, CI).
/// </summary>
public static class ConsoleProgress
{
    /// <summary>A callback for <see cref="Hmc.Sample"/> writing to <paramref name="writer"/> (default: the console's output).</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="interactive">Draw a bar with carriage returns; default: whether the console's output is a terminal.</param>
    public static Action<HmcProgress> Create(TextWriter? writer = null, bool? interactive = null)
    {
        var write = Writer(writer, interactive);
        return p => write(p.Fraction, p.Iteration == p.Total, string.Format(CultureInfo.InvariantCulture,
            "{0,5}/{1} {2} accept {3:F2} step {4:G3} divergences {5} {6:F1}s",
            p.Iteration, p.Total, p.IsWarmup ? "warmup  " : "sampling", p.MeanAcceptance, p.MeanStepSize, p.Divergences, p.Elapsed.TotalSeconds));
    }

    /// <summary>A callback for <see cref="Nuts"/> writing to <paramref name="writer"/> (default: the console's output).</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="interactive">Draw a bar with carriage returns; default: whether the console's output is a terminal.</param>
    public static Action<NutsProgress> ForNuts(TextWriter? writer = null, bool? interactive = null)
    {
        var write = Writer(writer, interactive);
        return p => write(p.Fraction, p.Iteration == p.Total, string.Format(CultureInfo.InvariantCulture,
            "{0,5}/{1} {2} accept {3:F2} step {4:G3} tree depth {5:F1} divergences {6} {7:F1}s",
            p.Iteration, p.Total, p.IsWarmup ? "warmup  " : "sampling", p.MeanAcceptance, p.MeanStepSize, p.MeanTreeDepth,
            p.Divergences, p.Elapsed.TotalSeconds));
    }

    private static Action<double, bool, string> Writer(TextWriter? writer, bool? interactive)
    {
        writer ??= Console.Out;
        bool bar = interactive ?? !Console.IsOutputRedirected;
        return (fraction, last, stats) =>
        {
            if (!bar)
            {
                writer.WriteLine(stats);
                return;
            }
            const int width = 30;
            int filled = (int)Math.Round(fraction * width);
            writer.Write("\r[" + new string('#', filled) + new string('-', width - filled) + "] " + stats);
            if (last) writer.WriteLine();
            writer.Flush();
        };
    }
}
