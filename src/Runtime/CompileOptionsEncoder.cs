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
    private const int EnvOptionOverridesField = 7;
    private const int MapKeyField = 1;
    private const int MapValueField = 2;
    private const int VarintWireType = 0;
    private const int Fixed64WireType = 1;
    private const int LengthDelimitedWireType = 2;

    /// <summary>
    /// Serializes a <c>CompileOptionsProto</c> with the given replica and partition counts and,
    /// when given, <c>env_option_overrides</c> (field 7, <c>map&lt;string, OptionOverrideProto&gt;</c>):
    /// XLA's debug options by name, e.g. <c>xla_dump_to</c> = a directory, which makes XLA write
    /// each program's optimized HLO there (how <c>AsText</c> can read it back from a real XLA plugin).
    /// </summary>
    /// <exception cref="ArgumentException">An override value is not string, bool, an integer or a floating-point number.</exception>
    internal static byte[] Encode(int numReplicas = 1, int numPartitions = 1, IReadOnlyDictionary<string, object>? envOptionOverrides = null)
    {
        var buildOptions = new List<byte>();
        WriteVarintField(buildOptions, NumReplicasField, numReplicas);
        WriteVarintField(buildOptions, NumPartitionsField, numPartitions);

        var compileOptions = new List<byte>();
        WriteVarint(compileOptions, (ulong)((ExecutableBuildOptionsField << 3) | LengthDelimitedWireType));
        WriteVarint(compileOptions, (ulong)buildOptions.Count);
        compileOptions.AddRange(buildOptions);
        // Ordinal order: the same overrides always give the same bytes.
        foreach (var (name, value) in (envOptionOverrides ?? new Dictionary<string, object>()).OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var entry = new List<byte>();
            WriteBytesField(entry, MapKeyField, System.Text.Encoding.UTF8.GetBytes(name));
            WriteBytesField(entry, MapValueField, EncodeOverride(name, value));
            WriteBytesField(compileOptions, EnvOptionOverridesField, entry.ToArray());
        }

        return compileOptions.ToArray();
    }

    /// <summary><c>OptionOverrideProto</c>: oneof string_field = 1, bool_field = 2, int_field = 3, double_field = 4.</summary>
    private static byte[] EncodeOverride(string name, object value)
    {
        var output = new List<byte>();
        switch (value)
        {
            case string text:
                WriteBytesField(output, 1, System.Text.Encoding.UTF8.GetBytes(text));
                break;
            case bool flag:
                WriteVarintField(output, 2, flag ? 1 : 0);
                break;
            case long or int or short or sbyte or uint or ushort or byte:
                WriteVarintField(output, 3, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case double or float:
                WriteVarint(output, (ulong)((4 << 3) | Fixed64WireType));
                ulong bits = BitConverter.DoubleToUInt64Bits(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                for (int i = 0; i < 8; i++) output.Add((byte)(bits >> (8 * i)));
                break;
            default:
                throw new ArgumentException(
                    $"XLA option override \"{name}\" has type {value?.GetType().ToString() ?? "null"}; expected string, bool, an integer or a floating-point number.",
                    nameof(value));
        }

        return output.ToArray();
    }

    private static void WriteBytesField(List<byte> output, int field, byte[] payload)
    {
        WriteVarint(output, (ulong)((field << 3) | LengthDelimitedWireType));
        WriteVarint(output, (ulong)payload.Length);
        output.AddRange(payload);
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
