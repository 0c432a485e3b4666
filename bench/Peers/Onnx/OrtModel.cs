using Microsoft.ML.OnnxRuntime;

namespace Axle.Bench.Peers.Onnx;

/// <summary>
/// ONNX Runtime sessions over a model built by <see cref="OnnxGraph"/>: all graph optimizations,
/// one session with two intra-op threads (the machine's cores) and one with a single thread, so
/// the harness can time both (see <see cref="Harness.TimeBestOfThreads"/>).
/// </summary>
internal sealed class OrtModel : IDisposable
{
    private readonly InferenceSession[] _sessions;
    private InferenceSession _session;
    private readonly string[] _inputNames, _outputNames;
    private readonly RunOptions _run = new();

    public OrtModel(byte[] model, string[] inputNames, string[] outputNames)
    {
        _sessions = [Session(model, 1), Session(model, 2)];
        _session = _sessions[1];
        (_inputNames, _outputNames) = (inputNames, outputNames);
    }

    /// <summary>The intra-op thread count of the session <see cref="Run"/> uses (1 or 2; default 2).</summary>
    public int Threads
    {
        get => _session == _sessions[0] ? 1 : 2;
        set => _session = value is 1 or 2 ? _sessions[value - 1]
            : throw new ArgumentOutOfRangeException(nameof(value), value, "expected 1 or 2 threads");
    }

    private static InferenceSession Session(byte[] model, int threads)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        return new InferenceSession(model, options);
    }

    /// <summary>ONNX Runtime's version, for the results header.</summary>
    public static string Version => OrtEnv.Instance().GetVersionString();

    /// <summary>Runs once; the caller disposes the outputs.</summary>
    public IDisposableReadOnlyCollection<OrtValue> Run(params OrtValue[] inputs) =>
        _session.Run(_run, _inputNames, inputs, _outputNames);

    /// <summary>Runs once and copies output <paramref name="index"/> out.</summary>
    public T[] RunToArray<T>(int index, params OrtValue[] inputs) where T : unmanaged
    {
        using var outs = Run(inputs);
        return outs[index].GetTensorDataAsSpan<T>().ToArray();
    }

    /// <summary>A tensor over <paramref name="data"/> without copying (ORT reads the pinned array).</summary>
    public static OrtValue Tensor<T>(T[] data, params long[] shape) where T : unmanaged =>
        OrtValue.CreateTensorValueFromMemory(data, shape);

    public void Dispose()
    {
        foreach (var s in _sessions) s.Dispose();
        _run.Dispose();
    }
}
