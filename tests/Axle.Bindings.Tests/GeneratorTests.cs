using Axle.Bindings.Generator;

namespace Axle.Bindings.Tests;

/// <summary>The generator on small synthetic headers, one C construct at a time.</summary>
public class GeneratorTests
{
    private static HeaderModel Read(string body)
    {
        using var header = new SyntheticHeader(body);
        return BindingGenerator.Read(header.Path);
    }

    private static string Generate(string body)
    {
        using var header = new SyntheticHeader(body);
        return BindingGenerator.Generate(header.Path);
    }

    private static T Single<T>(HeaderModel model, string name) where T : Declaration =>
        Assert.Single(model.Types.OfType<T>(), d => d.Name == name);

    private static long ConstantValue(HeaderModel model, string name) =>
        Assert.Single(model.Constants, c => c.Name == name).Value;

    [Fact]
    public void AnonymousUnionIsFlattenedAtItsOffset()
    {
        HeaderModel model = Read("""
            struct V {
              size_t struct_size;
              int type;
              union {
                const char* s;
                int64_t i;
                float f;
                bool b;
                struct { int32_t lo; int32_t hi; };
              };
              size_t value_size;
            };
            PJRT_DEFINE_STRUCT_TRAITS(V, value_size);
            """);
        StructDef v = Single<StructDef>(model, "V");
        Assert.Equal(32, v.Size);
        Assert.Equal(
            ["struct_size@0:nuint", "type@8:int", "s@16:sbyte*", "i@16:long", "f@16:float", "b@16:byte",
             "lo@16:int", "hi@20:int", "value_size@24:nuint"],
            v.Fields.Select(f => $"{f.Name}@{f.ByteOffset}:{f.CSharpType}"));
    }

    [Fact]
    public void EnumsKeepValuesIncludingNegativeAndImplicitOnes()
    {
        HeaderModel model = Read("""
            typedef enum { E_NEG = -3, E_NEXT, E_TEN = 10, E_ELEVEN } E;
            enum Tagged { T_A = 7 };
            """);
        EnumDef e = Single<EnumDef>(model, "E");
        Assert.Equal("int", e.UnderlyingType);
        Assert.Equal(
            [new EnumMember("E_NEG", -3), new EnumMember("E_NEXT", -2), new EnumMember("E_TEN", 10),
             new EnumMember("E_ELEVEN", 11)],
            e.Members);
        Assert.Equal(7, Assert.Single(Single<EnumDef>(model, "Tagged").Members).Value);
        Assert.Contains("public enum E : int\n{\n    E_NEG = -3,\n", Generate("typedef enum { E_NEG = -3 } E;"));
    }

    [Fact]
    public void FunctionPointersBecomeUnmanagedCdeclPointers()
    {
        HeaderModel model = Read("""
            typedef struct Err Err;
            struct Args { size_t struct_size; Err* error; };
            PJRT_DEFINE_STRUCT_TRAITS(Args, error);
            typedef Err* Fn(Args* args);
            typedef void VoidFn(Args* args);
            typedef void (*Callback)(Err* error, void* user_arg);
            #define FIELD(fn_type) fn_type* fn_type
            typedef struct Table {
              size_t struct_size;
              FIELD(Fn);
              FIELD(VoidFn);
              Callback cb;
              void (*deleter)(const char* p, size_t n, void (*dtor)(void*));
            } Table;
            """);
        StructDef table = Single<StructDef>(model, "Table");
        Assert.Equal(
            ["nuint", "delegate* unmanaged[Cdecl]<Args*, Err*>", "delegate* unmanaged[Cdecl]<Args*, void>",
             "delegate* unmanaged[Cdecl]<Err*, void*, void>",
             "delegate* unmanaged[Cdecl]<sbyte*, nuint, delegate* unmanaged[Cdecl]<void*, void>, void>"],
            table.Fields.Select(f => f.CSharpType));
        Assert.Equal(["struct_size", "Fn", "VoidFn", "cb", "deleter"], table.Fields.Select(f => f.Name));
        Assert.Single(model.Types.OfType<OpaqueStruct>(), o => o.Name == "Err");
    }

    [Fact]
    public void StructSizeIsOffsetPlusSizeOfTheLastFieldInEveryMacroForm()
    {
        HeaderModel model = Read("""
            struct A { size_t struct_size; void* ext; const void* error; int code; };
            PJRT_DEFINE_STRUCT_TRAITS(A, code);
            enum { A_Early_STRUCT_SIZE = PJRT_STRUCT_SIZE(A, error) };
            #define A_Define_STRUCT_SIZE PJRT_STRUCT_SIZE(A, ext)
            struct B { char c; union { int64_t x; char y; }; char tail[3]; };
            PJRT_DEFINE_STRUCT_TRAITS(B, tail);
            """);
        Assert.Equal(32, Single<StructDef>(model, "A").Size);
        Assert.Equal(28, ConstantValue(model, "A_STRUCT_SIZE")); // not sizeof (32)
        Assert.Equal(24, ConstantValue(model, "A_Early_STRUCT_SIZE"));
        Assert.Equal(16, ConstantValue(model, "A_Define_STRUCT_SIZE"));
        Assert.Equal(19, ConstantValue(model, "B_STRUCT_SIZE"));
        Assert.Equal(24, Single<StructDef>(model, "B").Size);
    }

    [Fact]
    public void OpaqueTypesKeywordsArraysAndConstantsAreEmitted()
    {
        string code = Generate("""
            #define API_MAJOR 0
            #define API_MINOR (113)
            typedef struct Client Client;
            typedef struct Ev { Client* const* clients; char event; uint8_t bytes[4]; } Ev;
            """);
        Assert.StartsWith("// <auto-generated>", code);
        Assert.Contains("do not edit; regenerate with ./build.sh bindings", code, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("public struct Client\n{\n}\n", code);
        Assert.Contains("[StructLayout(LayoutKind.Explicit, Size = 16)]\npublic unsafe partial struct Ev\n", code);
        Assert.Contains("    [FieldOffset(0)]\n    public Client** clients;\n", code);
        Assert.Contains("    [FieldOffset(8)]\n    public sbyte @event;\n", code);
        Assert.Contains("    [FieldOffset(9)]\n    public fixed byte bytes[4];\n", code);
        Assert.Contains("    public const int API_MAJOR = 0;\n    public const int API_MINOR = 113;\n", code);
    }

    [Fact]
    public void DeclarationsComeOutInHeaderOrder()
    {
        HeaderModel model = Read("""
            typedef struct Z Z;
            typedef enum { M_A } M;
            struct A { int x; };
            """);
        Assert.Equal(["Z", "M", "A"], model.Types.Select(t => t.Name));
    }

    [Fact]
    public void ErrorsInTheHeaderFailLoudly()
    {
        var e = Assert.Throws<GeneratorException>(() => Read("struct Broken { unknown_t x; };"));
        Assert.Contains("unknown_t", e.Message);
    }

    [Fact]
    public void CheckModeReportsStaleOutput()
    {
        using var header = new SyntheticHeader("struct S { int a; };");
        string output = Path.Combine(Path.GetDirectoryName(header.Path)!, "out.cs");
        Assert.Equal(0, Program.Main([header.Path, output]));
        Assert.Equal(0, Program.Main(["--check", header.Path, output]));
        File.AppendAllText(output, "// hand edit\n");
        Assert.Equal(1, Program.Main(["--check", header.Path, output]));
    }
}
