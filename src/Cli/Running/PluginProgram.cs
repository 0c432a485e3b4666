using System.Diagnostics;
using Axle.IO;
using Axle.Runtime;

namespace Axle.Cli.Running;

/// <summary>A module compiled on one plugin, run on host arrays, with its timings.</summary>
internal sealed class PluginProgram : IDisposable
{
    private readonly PjrtClient _client;
    private readonly PjrtLoadedExecutable _executable;
    private readonly string _text;

    private PluginProgram(PjrtClient client, PjrtLoadedExecutable executable, string text, TimeSpan compileTime)
    {
        _client = client;
        _executable = executable;
        _text = text;
        CompileTime = compileTime;
    }

    public TimeSpan CompileTime { get; }

    public string Platform => _client.PlatformName;

    public string OptimizedProgram => OptimizedProgramText.Of(_executable, _text);

    /// <summary>Loads the plugin (<c>null</c>: Axle's default plugin) and compiles <paramref name="text"/> on it.</summary>
    public static PluginProgram Compile(string command, string? pluginPath, string path, string text)
    {
        if (pluginPath is not null && !File.Exists(pluginPath))
            throw new CliException(ExitCode.FileNotFound, $"axle {command}: no such plugin: {pluginPath}");
        var plugin = pluginPath is null ? PjrtPlugin.LoadDefault() : PjrtPlugin.Load(Path.GetFullPath(pluginPath));
        var client = PjrtClient.Create(plugin);
        long start = Stopwatch.GetTimestamp();
        try
        {
            var executable = client.Compile(text);
            return new PluginProgram(client, executable, text, Stopwatch.GetElapsedTime(start));
        }
        catch (PjrtException e)
        {
            client.Dispose();
            throw new CliException(ExitCode.InvalidModule, $"{path}: the compiler rejected the module ({e.Code}):\n{e.Message.TrimEnd()}");
        }
    }

    /// <summary>Runs once: uploads <paramref name="inputs"/>, executes, downloads the outputs.</summary>
    public NpyArray[] Run(IReadOnlyList<NpyArray> inputs, out TimeSpan elapsed)
    {
        long start = Stopwatch.GetTimestamp();
        var buffers = inputs.Select(a => _client.BufferFromHost(a.Data, HostArrays.ToPjrt(a.DType), a.Shape)).ToArray();
        try
        {
            var outputs = _executable.Execute(buffers);
            try
            {
                var result = outputs.Select(b => new NpyArray(HostArrays.FromPjrt(b.ElementType), b.Dimensions,
                    b.ElementCount == 0 ? [] : b.ToBytes())).ToArray();
                elapsed = Stopwatch.GetElapsedTime(start);
                return result;
            }
            finally
            {
                foreach (var o in outputs) o.Dispose();
            }
        }
        finally
        {
            foreach (var b in buffers) b.Dispose();
        }
    }

    public void Dispose()
    {
        _executable.Dispose();
        _client.Dispose();
    }
}
