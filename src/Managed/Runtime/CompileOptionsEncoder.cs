namespace Axle.Runtime;

/// <summary>
/// Hand-encodes the few fields of <c>xla.CompileOptionsProto</c> Axle sets, so
/// the runtime needs no protobuf library. Wire format: each field is a varint
/// key <c>(field_number &lt;&lt; 3) | wire_type</c>, then a varint (type 0) or a
/// length-prefixed payload (type 2, used for nested messages).
/// </summary>
/// <remarks>
/// <c>CompileOptionsProto.executable_build_options</c> is field 3;
/// inside it, <c>ExecutableBuildOptionsProto.num_replicas</c> is field 4 and
/// <c>num_partitions</c> field 5. proto3 reads a missing field as zero and XLA
/// takes zero replicas literally, so both are always written.
/// For one replica and one partition the bytes are <c>1a 04 20 01 28 01</c>.
/// </remarks>
internal static class CompileOptionsEncoder
{
    private const int ExecutableBuildOptionsField = 3;
    private const int NumReplicasField = 4;
    private const int NumPartitionsField = 5;
    private const int VarintWireType = 0;
    private const int LengthDelimitedWireType = 2;

    /// <summary>Serializes a <c>CompileOptionsProto</c> with the given replica and partition counts.</summary>
    internal static byte[] Encode(int numReplicas = 1, int numPartitions = 1)
    {
        var buildOptions = new List<byte>();
        WriteVarintField(buildOptions, NumReplicasField, numReplicas);
        WriteVarintField(buildOptions, NumPartitionsField, numPartitions);

        var compileOptions = new List<byte>();
        WriteVarint(compileOptions, (ulong)((ExecutableBuildOptionsField << 3) | LengthDelimitedWireType));
        WriteVarint(compileOptions, (ulong)buildOptions.Count);
        compileOptions.AddRange(buildOptions);
        return compileOptions.ToArray();
    }

    private static void WriteVarintField(List<byte> output, int field, long value)
    {
        WriteVarint(output, (ulong)((field << 3) | VarintWireType));
        // Negative int64 values are sign-extended to ten bytes, as protobuf does.
        WriteVarint(output, unchecked((ulong)value));
    }

    private static void WriteVarint(List<byte> output, ulong value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }

        output.Add((byte)value);
    }
}
