namespace Axle.Bindings.Tests;

/// <summary>A small header written to a temp file, with upstream PJRT's struct-size macros in front.</summary>
internal sealed class SyntheticHeader : IDisposable
{
    public const string Prelude = """
        #include <stdbool.h>
        #include <stddef.h>
        #include <stdint.h>
        #define PJRT_STRUCT_SIZE(struct_type, last_field) \
          offsetof(struct_type, last_field) + sizeof(((struct_type*)0)->last_field)
        #define PJRT_DEFINE_STRUCT_TRAITS(sname, last_field)                  \
          typedef struct sname sname;                                         \
          enum { sname##_STRUCT_SIZE = PJRT_STRUCT_SIZE(sname, last_field) }

        """;

    private readonly string _dir;

    public SyntheticHeader(string body)
    {
        _dir = Directory.CreateTempSubdirectory("axle-gen-").FullName;
        Path = System.IO.Path.Combine(_dir, "synthetic.h");
        File.WriteAllText(Path, Prelude + body);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
