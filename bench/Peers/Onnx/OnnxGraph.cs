using System.Runtime.InteropServices;

namespace Axle.Bench.Peers.Onnx;

/// <summary>ONNX element types (TensorProto.DataType).</summary>
internal enum OnnxType
{
    Float = 1,
    Int64 = 7,
    Double = 11,
}

/// <summary>
/// Builds an ONNX ModelProto by hand (field numbers from onnx/onnx.proto): a graph of nodes with
/// named inputs, outputs and constant initializers, opset 17, IR version 8.
/// </summary>
internal sealed class OnnxGraph(string name)
{
    private readonly List<ProtoWriter> _nodes = [], _initializers = [], _inputs = [], _outputs = [];
    private int _counter;

    public string Input(string valueName, OnnxType type, params long[] shape)
    {
        _inputs.Add(ValueInfo(valueName, type, shape));
        return valueName;
    }

    public void Output(string valueName, OnnxType type, params long[] shape) => _outputs.Add(ValueInfo(valueName, type, shape));

    /// <summary>A scalar constant of <paramref name="type"/> (Float or Double).</summary>
    public string Scalar(double value, OnnxType type) => type switch
    {
        OnnxType.Float => Initializer(type, [], MemoryMarshal.AsBytes<float>([(float)value]).ToArray()),
        OnnxType.Double => Initializer(type, [], MemoryMarshal.AsBytes<double>([value]).ToArray()),
        _ => throw new ArgumentException($"Scalar: expected Float or Double, got {type}", nameof(type)),
    };

    /// <summary>A constant f32 tensor (model weights), stored in the model.</summary>
    public string Weights(float[] data, params long[] dims) =>
        Initializer(OnnxType.Float, dims, MemoryMarshal.AsBytes<float>(data).ToArray());

    /// <summary>A 1-d int64 constant (axes, shapes).</summary>
    public string Int64s(params long[] values) =>
        Initializer(OnnxType.Int64, [values.Length], MemoryMarshal.AsBytes<long>(values).ToArray());

    /// <summary>Adds a node and returns the name of its (single) output.</summary>
    public string Node(string opType, string[] inputs, params (string Name, long Value)[] intAttributes)
    {
        string output = $"t{_counter++}";
        var node = new ProtoWriter();
        foreach (var i in inputs) node.String(1, i);
        node.String(2, output).String(3, $"{opType}_{_counter}").String(4, opType);
        foreach (var (attr, v) in intAttributes)
            node.Message(5, new ProtoWriter().String(1, attr).Int(20, 2 /* INT */).Int(3, v));
        _nodes.Add(node);
        return output;
    }

    /// <summary>Adds a node with an <c>axes</c> ints attribute (the reductions before opset 18).</summary>
    public string Reduce(string opType, string input, long[] axes, bool keepDims)
    {
        string output = $"t{_counter++}";
        var node = new ProtoWriter().String(1, input).String(2, output).String(3, $"{opType}_{_counter}").String(4, opType);
        node.Message(5, new ProtoWriter().String(1, "axes").Int(20, 7 /* INTS */).Ints(8, axes));
        node.Message(5, new ProtoWriter().String(1, "keepdims").Int(20, 2).Int(3, keepDims ? 1 : 0));
        _nodes.Add(node);
        return output;
    }

    /// <summary>Renames the last node's output (graph outputs need the name given to <see cref="Output"/>).</summary>
    public string Identity(string input, string outputName)
    {
        _nodes.Add(new ProtoWriter().String(1, input).String(2, outputName).String(3, $"Identity_{_counter++}").String(4, "Identity"));
        return outputName;
    }

    public byte[] ToModel()
    {
        var graph = new ProtoWriter();
        foreach (var n in _nodes) graph.Message(1, n);
        graph.String(2, name);
        foreach (var t in _initializers) graph.Message(5, t);
        foreach (var i in _inputs) graph.Message(11, i);
        foreach (var o in _outputs) graph.Message(12, o);
        return new ProtoWriter()
            .Int(1, 8)                                   // ir_version
            .String(2, "axle-bench-peers")               // producer_name
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Int(2, 17)) // opset_import: ai.onnx 17
            .ToArray();
    }

    private string Initializer(OnnxType type, long[] dims, byte[] raw)
    {
        string n = $"c{_counter++}";
        _initializers.Add(new ProtoWriter().Ints(1, dims).Int(2, (int)type).String(8, n).Bytes(9, raw));
        return n;
    }

    private static ProtoWriter ValueInfo(string name, OnnxType type, long[] shape)
    {
        var dims = new ProtoWriter();
        foreach (var d in shape) dims.Message(1, new ProtoWriter().Int(1, d));
        var tensorType = new ProtoWriter().Int(1, (int)type).Message(2, dims);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }
}
