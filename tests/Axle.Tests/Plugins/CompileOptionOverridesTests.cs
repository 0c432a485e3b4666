using Axle.Runtime;

namespace Axle.Tests.Plugins;

/// <summary>env_option_overrides (XLA debug options such as xla_dump_to) in CompileOptionsProto, byte for byte.</summary>
public class CompileOptionOverridesTests
{
    private static readonly byte[] BuildOptions = [0x1a, 0x04, 0x20, 0x01, 0x28, 0x01];

    [Fact]
    public void XlaDumpToIsAMapEntryOfField7WithAStringValue()
    {
        byte[] bytes = CompileOptionsEncoder.Encode(1, 1, new Dictionary<string, object> { ["xla_dump_to"] = "/tmp/d" });

        byte[] key = "xla_dump_to"u8.ToArray();
        byte[] value = [0x0a, 0x06, .. "/tmp/d"u8.ToArray()];                     // string_field = 1
        byte[] entry = [0x0a, (byte)key.Length, .. key, 0x12, (byte)value.Length, .. value]; // key = 1, value = 2
        Assert.Equal([.. BuildOptions, 0x3a, (byte)entry.Length, .. entry], bytes);      // field 7, length-delimited
    }

    [Fact]
    public void EachValueKindUsesItsOneofFieldAndEntriesAreInNameOrder()
    {
        byte[] bytes = CompileOptionsEncoder.Encode(1, 1, new Dictionary<string, object>
        {
            ["z_double"] = 0.5,
            ["a_bool"] = true,
            ["m_int"] = 3,
        });

        byte[] Entry(string name, byte[] value) =>
            [0x3a, (byte)(2 + name.Length + 2 + value.Length), 0x0a, (byte)name.Length, .. System.Text.Encoding.UTF8.GetBytes(name), 0x12, (byte)value.Length, .. value];
        byte[] expected =
        [
            .. BuildOptions,
            .. Entry("a_bool", [0x10, 0x01]),                                           // bool_field = 2
            .. Entry("m_int", [0x18, 0x03]),                                            // int_field = 3
            .. Entry("z_double", [0x21, .. BitConverter.GetBytes(0.5)]),               // double_field = 4, fixed64
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void AnUnsupportedValueIsRefusedNamingTheOption()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            CompileOptionsEncoder.Encode(1, 1, new Dictionary<string, object> { ["xla_dump_to"] = new object() }));
        Assert.Contains("xla_dump_to", e.Message);
    }

    [Fact]
    public void NoOverridesGiveTheSameBytesAsBefore()
    {
        Assert.Equal(BuildOptions, CompileOptionsEncoder.Encode(1, 1, new Dictionary<string, object>()));
        Assert.Equal(BuildOptions, CompileOptionsEncoder.Encode(1, 1));
    }
}
