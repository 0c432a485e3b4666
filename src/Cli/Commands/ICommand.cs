namespace Axle.Cli.Commands;

/// <summary>One <c>axle</c> subcommand.</summary>
internal interface ICommand
{
    /// <summary>The text <c>--help</c> prints.</summary>
    string Help { get; }

    /// <summary>Runs with the arguments after the command name; failures throw <see cref="CliException"/>.</summary>
    int Run(string[] args, TextWriter stdout);
}
