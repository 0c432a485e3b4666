using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Axle.Bindings.Tests;

/// <summary>
/// Asks the system C compiler for the facts the C# bindings assert: struct
/// sizes, field offsets and sizes, enumerator and constant values. The C
/// program is written from reflection over the C# types, so every binding is
/// checked against gcc's layout of the same header.
/// </summary>
internal static class CLayoutProbe
{
    public static IReadOnlyList<Type> ExplicitStructs(Assembly assembly) => assembly.GetTypes()
        .Where(t => t.IsValueType && !t.IsEnum && t.IsPublic && t.StructLayoutAttribute?.Value == LayoutKind.Explicit)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    public static IReadOnlyList<FieldInfo> Fields(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Instance).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();

    /// <summary>The managed view: key → value, keys shaped like the probe's output.</summary>
    public static Dictionary<string, long> Managed(Assembly assembly)
    {
        var facts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (Type type in ExplicitStructs(assembly))
        {
            facts[$"sizeof {type.Name}"] = SizeOf(type);
            foreach (FieldInfo field in Fields(type))
            {
                facts[$"offsetof {type.Name}.{field.Name}"] = Marshal.OffsetOf(type, field.Name).ToInt64();
                facts[$"fieldsize {type.Name}.{field.Name}"] = FieldSize(field);
            }
        }
        foreach (Type type in assembly.GetTypes().Where(t => t.IsEnum && t.IsPublic))
        {
            foreach (FieldInfo member in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                facts[$"value {member.Name}"] = Convert.ToInt64(member.GetRawConstantValue(), CultureInfo.InvariantCulture);
        }
        foreach (FieldInfo constant in Constants(assembly))
            facts[$"value {constant.Name}"] = Convert.ToInt64(constant.GetRawConstantValue(), CultureInfo.InvariantCulture);
        return facts;
    }

    /// <summary>Compiles and runs the probe with <c>cc</c> against <paramref name="header"/>; returns its facts.</summary>
    public static Dictionary<string, long> Native(Assembly assembly, string includeDir, string header)
    {
        var c = new StringBuilder();
        c.Append($"#include <stddef.h>\n#include <stdio.h>\n#include \"{header}\"\n");
        c.Append("#define FACT(key, value) printf(\"%s %lld\\n\", key, (long long)(value))\n");
        c.Append("int main(void) {\n");
        foreach (Type type in ExplicitStructs(assembly))
        {
            c.Append($"  FACT(\"sizeof {type.Name}\", sizeof({type.Name}));\n");
            foreach (FieldInfo field in Fields(type))
            {
                c.Append($"  FACT(\"offsetof {type.Name}.{field.Name}\", offsetof({type.Name}, {field.Name}));\n");
                c.Append($"  FACT(\"fieldsize {type.Name}.{field.Name}\", sizeof((({type.Name}*)0)->{field.Name}));\n");
            }
        }
        foreach (Type type in assembly.GetTypes().Where(t => t.IsEnum && t.IsPublic))
        {
            foreach (string name in Enum.GetNames(type))
                c.Append($"  FACT(\"value {name}\", {name});\n");
        }
        foreach (FieldInfo constant in Constants(assembly))
            c.Append($"  FACT(\"value {constant.Name}\", {constant.Name});\n");
        c.Append("  return 0;\n}\n");

        string dir = Directory.CreateTempSubdirectory("axle-layout-").FullName;
        try
        {
            string source = Path.Combine(dir, "probe.c");
            string exe = Path.Combine(dir, "probe");
            File.WriteAllText(source, c.ToString());
            Run("cc", $"-std=c11 -Werror -I \"{includeDir}\" -o \"{exe}\" \"{source}\"");
            var facts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (string line in Run(exe, "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                int split = line.LastIndexOf(' ');
                facts[line[..split]] = long.Parse(line[(split + 1)..], CultureInfo.InvariantCulture);
            }
            return facts;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static IEnumerable<FieldInfo> Constants(Assembly assembly) =>
        assembly.GetTypes().Where(t => t.Name == "PjrtConstants")
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral);

    private static long SizeOf(Type type) =>
        (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(type).Invoke(null, null)!;

    private static long FieldSize(FieldInfo field)
    {
        Type type = field.FieldType;
        if (type.IsPointer || type.IsFunctionPointer || type == typeof(nint) || type == typeof(nuint))
            return IntPtr.Size;
        FixedBufferAttribute? buffer = field.GetCustomAttribute<FixedBufferAttribute>();
        if (buffer != null)
            return buffer.Length * SizeOf(buffer.ElementType);
        return SizeOf(type);
    }

    private static string Run(string file, string arguments)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}):\n{stderr.Result}");
        return stdout.Result;
    }
}
