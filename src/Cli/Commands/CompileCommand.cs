using Axle.Cli.Running;
using Axle.Lowering.Text;

namespace Axle.Cli.Commands;

/// <summary><c>axle compile FILE [--plugin PATH]</c>: the plugin's optimized program.</summary>
internal sealed class CompileCommand : ICommand
{
    public string Help => """
        usage: axle compile FILE [--plugin PATH]

        Compiles the module on a PJRT plugin and prints the program the plugin says it runs (for the
        bundled CPU plugin: MLIR after its lowering pipeline). A module the compiler rejects prints
        the compiler's diagnostic (with line and column) and exits with 4.

          --plugin PATH   the plugin (.so); default: AXLE_PJRT_PLUGIN, else the bundled CPU plugin
        """;

    public int Run(string[] args, TextWriter stdout)
    {
        var cl = CommandLine.Parse("compile", args, [], ["plugin"], []);
        cl.ExpectPositionals("FILE");
        string path = cl.Positionals[0];
        string text = ModuleFiles.ReadText("compile", path);
        // Readable (pretty) text goes to the plugin re-emitted in generic form; anything this reader
        // cannot parse goes as it is, so the compiler's own diagnostic is what the user sees.
        try
        {
            var module = GenericParser.Parse(text);
            if (module.HasPrettyOps) text = GenericPrinter.Print(module);
        }
        catch (MlirParseException)
        {
        }
        using var program = PluginProgram.Compile("compile", cl.Value("plugin"), path, text);
        stdout.Write(program.OptimizedProgram);
        return ExitCode.Ok;
    }
}
