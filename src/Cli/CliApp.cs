using Axle.Cli.Commands;
using Axle.Runtime;

namespace Axle.Cli;

/// <summary>Dispatches <c>axle COMMAND ...</c> and turns every failure into a one-line message and its exit code.</summary>
public static class CliApp
{
    private const string Usage = """
        axle — inspect, compare and re-run StableHLO modules (the ones AXLE_DUMP_DIR dumps).

        usage: axle COMMAND [ARGS] [--help]

        commands:
          list DIR       the modules in a dump directory: entry signature, op count, compile time, plugin
          show FILE      a module in readable StableHLO (--generic: generic op form)
          stats FILE     op histogram, estimated FLOPs and bytes, largest intermediate (--json)
          diff A B       structural difference of two modules
          run FILE       compile and run on a PJRT plugin: outputs and timings (--compare-plugin)
          compile FILE   the plugin's optimized program
          plugins        the PJRT plugins found here (bundled CPU, JAX's CUDA), nothing loaded

        exit codes: 0 ok, 1 internal error, 2 bad command line, 3 file not found, 4 invalid module,
                    5 unsupported dtype, 6 plugin failure, 7 input does not match the module
        """;

    /// <summary>Runs one command line, writing results to <paramref name="stdout"/> and messages to <paramref name="stderr"/>.</summary>
    /// <returns>The exit code (<see cref="ExitCode"/>).</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(Usage);
            return args.Length == 0 ? ExitCode.Usage : ExitCode.Ok;
        }
        ICommand? command = args[0] switch
        {
            "list" => new ListCommand(),
            "show" => new ShowCommand(),
            "stats" => new StatsCommand(),
            "diff" => new DiffCommand(),
            "run" => new RunCommand(),
            "compile" => new CompileCommand(),
            "plugins" => new PluginsCommand(),
            _ => null,
        };
        if (command is null)
        {
            stderr.WriteLine($"axle: unknown command '{args[0]}' (commands: list, show, stats, diff, run, compile, plugins; see `axle --help`)");
            return ExitCode.Usage;
        }
        string[] rest = args[1..];
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            stdout.WriteLine(command.Help);
            return ExitCode.Ok;
        }
        try
        {
            return command.Run(rest, stdout);
        }
        catch (CliException e)
        {
            stderr.WriteLine(e.Message);
            return e.ExitCode;
        }
        catch (PjrtPluginLoadException e)
        {
            stderr.WriteLine($"axle {args[0]}: cannot load the plugin: {FirstLine(e.Message)}");
            return ExitCode.PluginFailure;
        }
        catch (PjrtException e)
        {
            stderr.WriteLine($"axle {args[0]}: the plugin failed: {e.Message}");
            return ExitCode.PluginFailure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"axle {args[0]}: {e.Message}");
            return ExitCode.FileNotFound;
        }
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}
