namespace Axle.Cli;

/// <summary>The <c>axle</c> command's entry point.</summary>
public static class Program
{
    /// <summary>Runs the command line; the exit code is one of <see cref="ExitCode"/>.</summary>
    public static int Main(string[] args) => CliApp.Run(args, Console.Out, Console.Error);
}
