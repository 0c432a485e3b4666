using System.Reflection;
using System.Runtime.InteropServices;

namespace Axle.Bindings.Generator;

// A minimal hand-written P/Invoke layer over libclang's stable C API
// (clang-c/Index.h). Only what the generator needs; all structs are blittable
// mirrors of the C structs, passed by value exactly as the C API does.

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CXCursor
{
    public int Kind;
    public int XData;
    public void* Data0;
    public void* Data1;
    public void* Data2;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CXType
{
    public int Kind;
    public void* Data0;
    public void* Data1;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CXString
{
    public void* Data;
    public uint PrivateFlags;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CXSourceLocation
{
    public void* Ptr0;
    public void* Ptr1;
    public uint IntData;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CXSourceRange
{
    public void* Ptr0;
    public void* Ptr1;
    public uint BeginIntData;
    public uint EndIntData;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CXToken
{
    public uint Int0;
    public uint Int1;
    public uint Int2;
    public uint Int3;
    public void* PtrData;
}

/// <summary>Cursor kinds used by the generator (values from clang-c/Index.h).</summary>
internal static class CursorKind
{
    public const int StructDecl = 2;
    public const int UnionDecl = 3;
    public const int EnumDecl = 5;
    public const int FieldDecl = 6;
    public const int EnumConstantDecl = 7;
    public const int FunctionDecl = 8;
    public const int VarDecl = 9;
    public const int TypedefDecl = 20;
    public const int MacroDefinition = 501;
    public const int MacroExpansion = 502;
}

/// <summary>Type kinds used by the generator (values from clang-c/Index.h).</summary>
internal static class TypeKind
{
    public const int Invalid = 0;
    public const int Void = 2;
    public const int Bool = 3;
    public const int CharU = 4;
    public const int UChar = 5;
    public const int UShort = 8;
    public const int UInt = 9;
    public const int ULong = 10;
    public const int ULongLong = 11;
    public const int CharS = 13;
    public const int SChar = 14;
    public const int Short = 16;
    public const int Int = 17;
    public const int Long = 18;
    public const int LongLong = 19;
    public const int Float = 21;
    public const int Double = 22;
    public const int Pointer = 101;
    public const int Record = 105;
    public const int Enum = 106;
    public const int Typedef = 107;
    public const int FunctionNoProto = 110;
    public const int FunctionProto = 111;
    public const int ConstantArray = 112;
    public const int IncompleteArray = 114;
    public const int Elaborated = 119;
}

internal static unsafe partial class LibClang
{
    private const string Lib = "libclang";

    public const int DiagnosticError = 3;
    public const uint DetailedPreprocessingRecord = 0x01;
    public const uint SkipFunctionBodies = 0x40;
    public const int VisitBreak = 0;
    public const int VisitContinue = 1;

    static LibClang()
    {
        NativeLibrary.SetDllImportResolver(typeof(LibClang).Assembly, Resolve);
    }

    // The NuGet runtime package normally lands next to the app under
    // runtimes/linux-x64/native and the host finds it through deps.json; the
    // fallbacks cover tools run from unusual layouts (e.g. tests loading the
    // generator assembly from another directory).
    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Lib)
            return IntPtr.Zero;
        if (NativeLibrary.TryLoad(name, assembly, path, out IntPtr handle))
            return handle;
        string rid = RuntimeInformation.RuntimeIdentifier.StartsWith("linux-arm64", StringComparison.Ordinal)
            ? "linux-arm64" : "linux-x64";
        var candidates = new List<string>
        {
            Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native", "libclang.so"),
            Path.Combine(AppContext.BaseDirectory, "libclang.so"),
        };
        string nugetRoot = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string pkg = Path.Combine(nugetRoot, "libclang.runtime." + rid);
        if (Directory.Exists(pkg))
        {
            foreach (string dir in Directory.GetDirectories(pkg).OrderDescending(StringComparer.Ordinal))
                candidates.Add(Path.Combine(dir, "runtimes", rid, "native", "libclang.so"));
        }
        foreach (string candidate in candidates)
        {
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out handle))
                return handle;
        }
        throw new DllNotFoundException(
            "libclang.so not found: restore the NuGet package libclang.runtime." + rid + " (see bindings/Generator).");
    }

    [DllImport(Lib)] public static extern IntPtr clang_createIndex(int excludeDeclarationsFromPch, int displayDiagnostics);
    [DllImport(Lib)] public static extern void clang_disposeIndex(IntPtr index);
    [DllImport(Lib)]
    public static extern int clang_parseTranslationUnit2(IntPtr index, byte* sourceFilename, byte** commandLineArgs,
        int numCommandLineArgs, void* unsavedFiles, uint numUnsavedFiles, uint options, IntPtr* outTu);
    [DllImport(Lib)] public static extern void clang_disposeTranslationUnit(IntPtr tu);

    [DllImport(Lib)] public static extern uint clang_getNumDiagnostics(IntPtr tu);
    [DllImport(Lib)] public static extern IntPtr clang_getDiagnostic(IntPtr tu, uint index);
    [DllImport(Lib)] public static extern int clang_getDiagnosticSeverity(IntPtr diagnostic);
    [DllImport(Lib)] public static extern CXString clang_formatDiagnostic(IntPtr diagnostic, uint options);
    [DllImport(Lib)] public static extern uint clang_defaultDiagnosticDisplayOptions();
    [DllImport(Lib)] public static extern void clang_disposeDiagnostic(IntPtr diagnostic);

    [DllImport(Lib)] public static extern byte* clang_getCString(CXString str);
    [DllImport(Lib)] public static extern void clang_disposeString(CXString str);

    [DllImport(Lib)] public static extern CXCursor clang_getTranslationUnitCursor(IntPtr tu);
    [DllImport(Lib)]
    public static extern uint clang_visitChildren(CXCursor parent,
        delegate* unmanaged<CXCursor, CXCursor, IntPtr, int> visitor, IntPtr clientData);
    [DllImport(Lib)] public static extern CXString clang_getCursorSpelling(CXCursor cursor);
    [DllImport(Lib)] public static extern CXString clang_getCursorUSR(CXCursor cursor);
    [DllImport(Lib)] public static extern CXType clang_getCursorType(CXCursor cursor);
    [DllImport(Lib)] public static extern CXCursor clang_getCursorDefinition(CXCursor cursor);
    [DllImport(Lib)] public static extern uint clang_isCursorDefinition(CXCursor cursor);
    [DllImport(Lib)] public static extern int clang_Cursor_isNull(CXCursor cursor);
    [DllImport(Lib)] public static extern uint clang_Cursor_isAnonymous(CXCursor cursor);
    [DllImport(Lib)] public static extern uint clang_Cursor_isAnonymousRecordDecl(CXCursor cursor);
    [DllImport(Lib)] public static extern uint clang_Cursor_isBitField(CXCursor cursor);
    [DllImport(Lib)] public static extern uint clang_Cursor_isMacroFunctionLike(CXCursor cursor);
    [DllImport(Lib)] public static extern long clang_Cursor_getOffsetOfField(CXCursor cursor);
    [DllImport(Lib)] public static extern CXType clang_getTypedefDeclUnderlyingType(CXCursor cursor);
    [DllImport(Lib)] public static extern CXType clang_getEnumDeclIntegerType(CXCursor cursor);
    [DllImport(Lib)] public static extern long clang_getEnumConstantDeclValue(CXCursor cursor);
    [DllImport(Lib)] public static extern CXSourceLocation clang_getCursorLocation(CXCursor cursor);
    [DllImport(Lib)] public static extern CXSourceRange clang_getCursorExtent(CXCursor cursor);
    [DllImport(Lib)] public static extern int clang_Location_isFromMainFile(CXSourceLocation location);
    [DllImport(Lib)]
    public static extern void clang_getFileLocation(CXSourceLocation location, IntPtr* file, uint* line, uint* column,
        uint* offset);
    [DllImport(Lib)] public static extern CXSourceLocation clang_getRangeStart(CXSourceRange range);
    [DllImport(Lib)] public static extern CXSourceLocation clang_getRangeEnd(CXSourceRange range);

    [DllImport(Lib)] public static extern CXType clang_getCanonicalType(CXType type);
    [DllImport(Lib)] public static extern CXType clang_getPointeeType(CXType type);
    [DllImport(Lib)] public static extern CXType clang_getResultType(CXType type);
    [DllImport(Lib)] public static extern int clang_getNumArgTypes(CXType type);
    [DllImport(Lib)] public static extern CXType clang_getArgType(CXType type, uint index);
    [DllImport(Lib)] public static extern uint clang_isFunctionTypeVariadic(CXType type);
    [DllImport(Lib)] public static extern CXType clang_Type_getNamedType(CXType type);
    [DllImport(Lib)] public static extern CXCursor clang_getTypeDeclaration(CXType type);
    [DllImport(Lib)] public static extern CXString clang_getTypeSpelling(CXType type);
    [DllImport(Lib)] public static extern long clang_Type_getSizeOf(CXType type);
    [DllImport(Lib)] public static extern long clang_Type_getOffsetOf(CXType type, byte* field);
    [DllImport(Lib)] public static extern long clang_getArraySize(CXType type);
    [DllImport(Lib)] public static extern CXType clang_getArrayElementType(CXType type);

    [DllImport(Lib)]
    public static extern void clang_tokenize(IntPtr tu, CXSourceRange range, CXToken** tokens, uint* numTokens);
    [DllImport(Lib)] public static extern CXString clang_getTokenSpelling(IntPtr tu, CXToken token);
    [DllImport(Lib)] public static extern void clang_disposeTokens(IntPtr tu, CXToken* tokens, uint numTokens);

    /// <summary>Copies a CXString into managed memory and frees it.</summary>
    public static string Take(CXString str)
    {
        try
        {
            byte* p = clang_getCString(str);
            return p == null ? string.Empty : Marshal.PtrToStringUTF8((IntPtr)p) ?? string.Empty;
        }
        finally
        {
            clang_disposeString(str);
        }
    }

    public static string Spelling(CXCursor cursor) => Take(clang_getCursorSpelling(cursor));

    public static string Usr(CXCursor cursor) => Take(clang_getCursorUSR(cursor));

    /// <summary>Offset in bits of a (possibly anonymous-member) field, or a negative CXTypeLayoutError.</summary>
    public static long OffsetOf(CXType record, string field)
    {
        IntPtr name = Marshal.StringToCoTaskMemUTF8(field);
        try
        {
            return clang_Type_getOffsetOf(record, (byte*)name);
        }
        finally
        {
            Marshal.FreeCoTaskMem(name);
        }
    }

    public static string TypeSpelling(CXType type) => Take(clang_getTypeSpelling(type));

    /// <summary>Byte offset of a location in its file (for ordering and containment).</summary>
    public static uint FileOffset(CXSourceLocation location)
    {
        uint offset;
        clang_getFileLocation(location, null, null, null, &offset);
        return offset;
    }

    /// <summary>The spellings of the tokens in a cursor's extent.</summary>
    public static List<string> Tokens(IntPtr tu, CXCursor cursor)
    {
        var result = new List<string>();
        CXToken* tokens = null;
        uint count = 0;
        clang_tokenize(tu, clang_getCursorExtent(cursor), &tokens, &count);
        try
        {
            for (uint i = 0; i < count; i++)
                result.Add(Take(clang_getTokenSpelling(tu, tokens[i])));
        }
        finally
        {
            if (tokens != null)
                clang_disposeTokens(tu, tokens, count);
        }
        return result;
    }

    /// <summary>The direct children of a cursor, in source order.</summary>
    public static List<CXCursor> Children(CXCursor parent)
    {
        var list = new List<CXCursor>();
        GCHandle handle = GCHandle.Alloc(list);
        try
        {
            clang_visitChildren(parent, &CollectChild, GCHandle.ToIntPtr(handle));
        }
        finally
        {
            handle.Free();
        }
        return list;
    }

    [UnmanagedCallersOnly]
    private static int CollectChild(CXCursor cursor, CXCursor parent, IntPtr clientData)
    {
        var list = (List<CXCursor>)GCHandle.FromIntPtr(clientData).Target!;
        list.Add(cursor);
        return VisitContinue;
    }
}
