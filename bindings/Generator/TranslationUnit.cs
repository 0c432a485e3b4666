using System.Runtime.InteropServices;
using System.Text;

namespace Axle.Bindings.Generator;

/// <summary>
/// A header parsed by libclang as C11 with the preprocessing record kept (the
/// STRUCT_SIZE macros are read from it). Any error diagnostic fails the parse:
/// bindings generated from a header the compiler rejects would be wrong.
/// </summary>
internal sealed unsafe class TranslationUnit : IDisposable
{
    private readonly IntPtr _index;

    public IntPtr Handle { get; }

    public TranslationUnit(string headerPath)
    {
        if (!File.Exists(headerPath))
            throw new GeneratorException($"header not found: {headerPath}");
        var args = new List<string> { "-x", "c", "-std=c11", "-isystem", FindClangResourceIncludes() };
        _index = LibClang.clang_createIndex(0, 0);
        IntPtr tu = IntPtr.Zero;
        var pinned = args.Select(a => Marshal.StringToCoTaskMemUTF8(a)).ToArray();
        IntPtr file = Marshal.StringToCoTaskMemUTF8(Path.GetFullPath(headerPath));
        try
        {
            fixed (IntPtr* argv = pinned)
            {
                int rc = LibClang.clang_parseTranslationUnit2(_index, (byte*)file, (byte**)argv, pinned.Length, null,
                    0, LibClang.DetailedPreprocessingRecord | LibClang.SkipFunctionBodies, &tu);
                if (rc != 0 || tu == IntPtr.Zero)
                    throw new GeneratorException($"libclang could not parse {headerPath} (CXErrorCode {rc})");
            }
        }
        finally
        {
            foreach (IntPtr p in pinned)
                Marshal.FreeCoTaskMem(p);
            Marshal.FreeCoTaskMem(file);
        }
        Handle = tu;
        ThrowOnErrors(headerPath);
    }

    public CXCursor Cursor => LibClang.clang_getTranslationUnitCursor(Handle);

    public void Dispose()
    {
        if (Handle != IntPtr.Zero)
            LibClang.clang_disposeTranslationUnit(Handle);
        LibClang.clang_disposeIndex(_index);
    }

    private void ThrowOnErrors(string headerPath)
    {
        var errors = new StringBuilder();
        uint count = LibClang.clang_getNumDiagnostics(Handle);
        for (uint i = 0; i < count; i++)
        {
            IntPtr diagnostic = LibClang.clang_getDiagnostic(Handle, i);
            try
            {
                if (LibClang.clang_getDiagnosticSeverity(diagnostic) >= LibClang.DiagnosticError)
                {
                    uint options = LibClang.clang_defaultDiagnosticDisplayOptions();
                    errors.AppendLine(LibClang.Take(LibClang.clang_formatDiagnostic(diagnostic, options)));
                }
            }
            finally
            {
                LibClang.clang_disposeDiagnostic(diagnostic);
            }
        }
        if (errors.Length > 0)
            throw new GeneratorException($"clang reported errors in {headerPath}:\n{errors}");
    }

    // The NuGet libclang has no resource directory of its own, so stddef.h and
    // friends come from Debian's clang resource headers.
    private static string FindClangResourceIncludes()
    {
        string? overridden = Environment.GetEnvironmentVariable("AXLE_CLANG_RESOURCE_INCLUDE");
        if (!string.IsNullOrEmpty(overridden))
            return overridden;
        foreach (string root in new[] { "/usr/lib/llvm-22/lib/clang", "/usr/lib/clang" })
        {
            if (!Directory.Exists(root))
                continue;
            foreach (string dir in Directory.GetDirectories(root).OrderDescending(StringComparer.Ordinal))
            {
                string include = Path.Combine(dir, "include");
                if (File.Exists(Path.Combine(include, "stddef.h")))
                    return include;
            }
        }
        throw new GeneratorException(
            "clang resource headers (stddef.h) not found under /usr/lib/llvm-22/lib/clang/<version>/include: " +
            "install the Debian package libclang-common-22-dev (or set AXLE_CLANG_RESOURCE_INCLUDE)");
    }
}
