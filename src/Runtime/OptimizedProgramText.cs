namespace Axle.Runtime;

/// <summary>
/// A compiled program as readable text. The bundled plugin answers <c>PJRT_Executable_OptimizedProgram</c>
/// with MLIR text; XLA answers with a serialized <c>HloModuleProto</c>, and printing that needs XLA
/// itself, so for XLA plugins the module is compiled once more with XLA's documented dump options
/// (<c>xla_dump_to</c>, <c>xla_dump_hlo_as_text</c>) and the optimized-HLO file XLA writes is read back.
/// </summary>
public static class OptimizedProgramText
{
    /// <summary>What XLA names the optimized module's text dump: <c>module_0000.main.sm_9.0_gpu_after_optimizations.txt</c>.</summary>
    private const string XlaOptimizedSuffix = "after_optimizations.txt";

    /// <summary>The text of <paramref name="executable"/>, compiled from <paramref name="moduleText"/>.</summary>
    /// <param name="executable">The compiled program.</param>
    /// <param name="moduleText">The StableHLO module it was compiled from (compiled again, with dump options, on XLA plugins).</param>
    /// <exception cref="InvalidOperationException">The plugin returns a binary program and wrote no text dump.</exception>
    public static string Of(PjrtLoadedExecutable executable, string moduleText)
    {
        if (executable.OptimizedProgramFormat == "mlir") return executable.OptimizedProgram;

        string dir = Directory.CreateTempSubdirectory("axle-xla-dump-").FullName;
        try
        {
            var options = new Dictionary<string, object> { ["xla_dump_to"] = dir, ["xla_dump_hlo_as_text"] = true };
            using (executable.Client.Compile(moduleText, options))
            {
            }

            return ReadXlaDump(dir) ?? throw new InvalidOperationException(
                $"the plugin ({executable.Client.Plugin.Path}) returns its program in format '{executable.OptimizedProgramFormat}' " +
                $"and wrote no *{XlaOptimizedSuffix} into {dir} when compiled with xla_dump_to");
        }
        finally
        {
            TryDelete(dir);
        }
    }

    /// <summary>
    /// The optimized-HLO text XLA dumped into <paramref name="dir"/>, or null when there is none. XLA
    /// also writes <c>*after_optimizations-buffer-assignment.txt</c> and memory reports beside it,
    /// which this suffix excludes; of several modules the last one (highest <c>module_NNNN</c>) is ours.
    /// </summary>
    internal static string? ReadXlaDump(string dir)
    {
        string? file = Directory.EnumerateFiles(dir, "*" + XlaOptimizedSuffix)
            .Order(StringComparer.Ordinal)
            .LastOrDefault();
        return file is null ? null : File.ReadAllText(file);
    }

    // A leftover temp directory is not worth failing the caller over.
    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
