using Axle.Lowering.Text;

namespace Axle.Cli.Commands;

/// <summary><c>axle show FILE [--generic]</c>.</summary>
internal sealed class ShowCommand : ICommand
{
    public string Help => """
        usage: axle show FILE [--generic]

        Prints a module (generic op form, as Axle emits and AXLE_DUMP_DIR dumps) in StableHLO's
        readable syntax: `%2 = stablehlo.add %0, %1 : tensor<4xf32>`. Ops without a readable form
        (gather, scatter, sort, case, ...) stay generic. SSA names are kept.

          --generic   print the generic form instead, re-emitted from the parsed module (what plugins read)
        """;

    public int Run(string[] args, TextWriter stdout)
    {
        var cl = CommandLine.Parse("show", args, ["generic"], [], []);
        cl.ExpectPositionals("FILE");
        var module = ModuleFiles.Read("show", cl.Positionals[0]);
        stdout.Write(cl.Has("generic") ? GenericPrinter.Print(module) : PrettyPrinter.Print(module));
        return ExitCode.Ok;
    }
}
