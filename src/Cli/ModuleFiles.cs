using Axle.Lowering.Text;

namespace Axle.Cli;

/// <summary>Reading module files, with the exit codes for a missing file and for text that does not parse.</summary>
internal static class ModuleFiles
{
    public static string ReadText(string command, string path)
    {
        if (Directory.Exists(path)) throw new CliException(ExitCode.FileNotFound, $"axle {command}: {path} is a directory, not a module file");
        if (!File.Exists(path)) throw new CliException(ExitCode.FileNotFound, $"axle {command}: no such file: {path}");
        return File.ReadAllText(path);
    }

    public static MlirModule Parse(string command, string path, string text)
    {
        try
        {
            return GenericParser.Parse(text);
        }
        catch (MlirParseException e)
        {
            throw new CliException(ExitCode.InvalidModule, $"{path}:{e.Message}");
        }
    }

    public static MlirModule Read(string command, string path) => Parse(command, path, ReadText(command, path));

    /// <summary><c>@main(f32[3], f32[3]) -> f32[]</c>.</summary>
    public static string Signature(MlirFunction f) =>
        $"@{f.Name}({string.Join(", ", f.Parameters.Select(p => MlirTypes.Short(p.Type)))}) -> " +
        (f.ResultTypes.Count == 1 ? MlirTypes.Short(f.ResultTypes[0]) : $"({string.Join(", ", f.ResultTypes.Select(MlirTypes.Short))})");

    /// <summary>Ops that compute: every op, in regions too, except terminators.</summary>
    public static bool Counts(MlirOperation op) => op.Name is not ("func.return" or "stablehlo.return");
}
