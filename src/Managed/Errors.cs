using System.Diagnostics;
using System.Globalization;

namespace Axle;

/// <summary>Builds Axle's user-facing errors: they name the op and the argument and point at the user's call site.</summary>
internal static class Errors
{
    /// <summary>An <see cref="ArgumentException"/> for <paramref name="op"/>'s argument <paramref name="arg"/>.</summary>
    public static ArgumentException Arg(string op, string arg, string message) =>
        new($"{op}: {message}{CallSite()}", arg);

    /// <summary>Two arguments whose shapes do not fit together.</summary>
    public static ArgumentException Shapes(string op, string arg, Shape shape, string other, Shape otherShape, string why = "shapes do not match") =>
        Arg(op, arg, $"{why}: '{arg}' has shape {shape} and '{other}' has shape {otherShape}");

    /// <summary>Two arguments whose dtypes do not fit together.</summary>
    public static ArgumentException DTypes(string op, string arg, DType dtype, string other, DType otherDType) =>
        Arg(op, arg, $"dtypes do not match: '{arg}' is {dtype.ShortName()} and '{other}' is {otherDType.ShortName()}");

    /// <summary>An axis out of range for a rank.</summary>
    public static ArgumentException Axis(string op, int axis, int rank, string arg = "axis") =>
        Arg(op, arg, $"axis {axis} is out of range for rank {rank}");

    /// <summary>Normalizes a possibly negative axis.</summary>
    public static int NormalizeAxis(string op, int axis, int rank, string arg = "axis")
    {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw Axis(op, axis, rank, arg);
        return a;
    }

    /// <summary><c> (at File.cs:12)</c> for the first stack frame outside Axle, or empty when unknown.</summary>
    public static string CallSite()
    {
        var axle = typeof(Errors).Assembly;
        foreach (var frame in new StackTrace(1, fNeedFileInfo: true).GetFrames())
        {
            var method = frame.GetMethod();
            if (method?.DeclaringType?.Assembly == axle) continue;
            string? file = frame.GetFileName();
            if (file is null) return method is null ? "" : $" (at {method.DeclaringType?.Name}.{method.Name})";
            return $" (at {Path.GetFileName(file)}:{frame.GetFileLineNumber().ToString(CultureInfo.InvariantCulture)})";
        }
        return "";
    }
}
