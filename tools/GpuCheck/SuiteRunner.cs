using System.Diagnostics;
using System.Reflection;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Axle.GpuCheck;

/// <summary>
/// Runs the managed test suite (Axle.Tests) in this process, without xunit's runner: xunit's
/// discovery and execution engine does not survive trimming, and the bundle must run without a
/// .NET install. It covers what the suite uses: [Fact] and [Theory] (and subclasses such as
/// [CpuPluginFact], whose Skip is honoured), data from any DataAttribute (InlineData, MemberData),
/// a constructor taking nothing or an ITestOutputHelper, async tests, and IDisposable classes.
/// Tests run one at a time, a fresh instance each, as xunit does.
/// </summary>
internal static class SuiteRunner
{
    /// <summary>Runs every test whose full name contains <paramref name="filter"/> (all when null); returns the failure count.</summary>
    public static int Run(Assembly suite, string? filter, TextWriter log)
    {
        int passed = 0, failed = 0, skipped = 0;
        var total = Stopwatch.StartNew();
        foreach (Type type in suite.GetExportedTypes().Where(t => t.IsClass && !t.IsAbstract).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                if (method.GetCustomAttribute<FactAttribute>() is not { } fact) continue;
                string name = $"{type.FullName}.{method.Name}";
                if (filter is not null && !name.Contains(filter, StringComparison.Ordinal)) continue;
                if (fact.Skip is not null)
                {
                    skipped++;
                    continue;
                }

                foreach (object?[] row in Rows(method, fact))
                {
                    string label = row.Length == 0 ? name : $"{name}({string.Join(", ", row.Select(Show))})";
                    string? error = RunOne(type, method, row);
                    if (error is null)
                    {
                        passed++;
                    }
                    else
                    {
                        failed++;
                        log.WriteLine($"FAILED   {label}\n         {error.Replace("\n", "\n         ", StringComparison.Ordinal)}");
                    }
                }
            }
        }

        log.WriteLine($"suite    {passed} passed, {failed} failed, {skipped} skipped in {total.Elapsed.TotalSeconds:F1} s");
        return failed;
    }

    private static IEnumerable<object?[]> Rows(MethodInfo method, FactAttribute fact)
    {
        if (fact is not TheoryAttribute) return [[]];
        return method.GetCustomAttributes<DataAttribute>().SelectMany(data => data.GetData(method)).ToList();
    }

    /// <summary>The failure text, or null when the test passed.</summary>
    private static string? RunOne(Type type, MethodInfo method, object?[] row)
    {
        var output = new BufferedOutput();
        try
        {
            object? instance = method.IsStatic ? null : Create(type, output);
            try
            {
                object? result = method.Invoke(instance, Convert(method.GetParameters(), row));
                if (result is Task task) task.GetAwaiter().GetResult();
            }
            finally
            {
                (instance as IDisposable)?.Dispose();
            }

            return null;
        }
        catch (Exception e)
        {
            Exception cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            string text = $"{cause.GetType().Name}: {cause.Message}";
            return output.Text.Length == 0 ? text : text + "\noutput: " + output.Text;
        }
    }

    private static object Create(Type type, ITestOutputHelper output)
    {
        ConstructorInfo constructor = type.GetConstructors().Single();
        object?[] arguments = constructor.GetParameters()
            .Select(p => p.ParameterType == typeof(ITestOutputHelper)
                ? output
                : throw new NotSupportedException($"{type.Name}'s constructor takes a {p.ParameterType.Name}; the runner supplies only ITestOutputHelper"))
            .ToArray();
        return constructor.Invoke(arguments);
    }

    // xunit converts inline values to the parameter's type (an int literal for a long parameter).
    private static object?[] Convert(ParameterInfo[] parameters, object?[] row) =>
        row.Select((value, i) => value is IConvertible && i < parameters.Length && parameters[i].ParameterType != value.GetType()
                && !parameters[i].ParameterType.IsInstanceOfType(value) && !parameters[i].ParameterType.IsEnum
            ? System.Convert.ChangeType(value, Nullable.GetUnderlyingType(parameters[i].ParameterType) ?? parameters[i].ParameterType, System.Globalization.CultureInfo.InvariantCulture)
            : value).ToArray();

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => value.ToString() ?? "?",
    };

    private sealed class BufferedOutput : ITestOutputHelper
    {
        private readonly System.Text.StringBuilder _text = new();

        public string Text => _text.ToString();

        public void WriteLine(string message) => _text.AppendLine(message);

        public void WriteLine(string format, params object[] args) => _text.AppendLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
