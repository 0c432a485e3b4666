using System.Globalization;
using Axle.Runtime;

namespace Axle;

/// <summary>
/// The one place Axle compiles StableHLO: counts compilations (tests assert on them) and writes
/// <c>AXLE_DUMP_DIR</c> dumps, <c>&lt;name&gt;.&lt;n&gt;.stablehlo.mlir</c> and <c>&lt;name&gt;.&lt;n&gt;.optimized.mlir</c>,
/// and <c>&lt;name&gt;.&lt;n&gt;.json</c> (compile time, plugin path and platform).
/// </summary>
internal static class ProgramCompiler
{
    private static long _compilations;
    private static long _dumpCounter;

    /// <summary>Programs compiled so far in this process.</summary>
    public static long Compilations => Interlocked.Read(ref _compilations);

    public static PjrtLoadedExecutable Compile(string name, string moduleText)
    {
        string? dir = Environment.GetEnvironmentVariable("AXLE_DUMP_DIR");
        string? stem = null;
        if (!string.IsNullOrEmpty(dir))
        {
            long n = Interlocked.Increment(ref _dumpCounter);
            stem = Path.Combine(dir, $"{name}.{n.ToString(CultureInfo.InvariantCulture)}");
            if (!TryWrite(stem + ".stablehlo.mlir", moduleText)) stem = null;
        }
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        var executable = Backend.Client.Compile(moduleText);
        var compileTime = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        Interlocked.Increment(ref _compilations);
        if (stem is not null)
        {
            string optimized;
            try
            {
                optimized = OptimizedProgramText.Of(executable, moduleText);
            }
            catch (Exception e) when (e is PjrtException or InvalidOperationException)
            {
                optimized = $"// the plugin did not return an optimized program: {e.Message}\n";
            }
            TryWrite(stem + ".optimized.mlir", optimized);
            TryWrite(stem + ".json", DumpSidecar(name, compileTime));
        }
        return executable;
    }

    // What `axle list` shows next to each dumped module and the module text cannot tell. Written
    // with Utf8JsonWriter: reflection-based JsonSerializer is off in trimmed and AOT applications.
    private static string DumpSidecar(string name, TimeSpan compileTime)
    {
        using var stream = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("module", name);
            json.WriteNumber("compile_ms", Math.Round(compileTime.TotalMilliseconds, 3));
            json.WriteString("plugin", Backend.Client.Plugin.Path);
            json.WriteString("platform", Backend.Client.PlatformName);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    // Dumps are diagnostics: an unwritable directory must not fail the compilation.
    private static bool TryWrite(string path, string text)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A module/symbol-safe name from arbitrary text (a C# method name, a lambda's compiler name).</summary>
    public static string SafeName(string raw)
    {
        var chars = raw.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray();
        string s = new string(chars).Trim('_');
        if (s.Length == 0 || char.IsAsciiDigit(s[0])) s = "f_" + s;
        return s.Length > 60 ? s[..60] : s;
    }
}
