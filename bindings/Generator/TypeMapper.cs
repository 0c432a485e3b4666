namespace Axle.Bindings.Generator;

/// <summary>
/// Maps libclang types to C# type names. Typedef sugar is followed one step at
/// a time (not canonicalized up front) so that <c>size_t</c> stays <c>nuint</c>
/// and typedef'd anonymous structs and enums keep their typedef name.
/// </summary>
internal sealed class TypeMapper
{
    // Typedefs whose meaning is pointer-sized rather than their LP64 canonical type.
    private static readonly Dictionary<string, string> PointerSized = new(StringComparer.Ordinal)
    {
        ["size_t"] = "nuint",
        ["uintptr_t"] = "nuint",
        ["ssize_t"] = "nint",
        ["ptrdiff_t"] = "nint",
        ["intptr_t"] = "nint",
    };

    private readonly Func<CXCursor, string> _tagName;

    /// <summary>Tag declarations (struct/union/enum) that mapped types refer to, by USR.</summary>
    public Dictionary<string, CXCursor> ReferencedTags { get; } = new(StringComparer.Ordinal);

    public TypeMapper(Func<CXCursor, string> tagName) => _tagName = tagName;

    /// <summary>The C# spelling of <paramref name="type"/>; <paramref name="where"/> names the use for errors.</summary>
    public string Map(CXType type, string where)
    {
        switch (type.Kind)
        {
            case TypeKind.Elaborated:
                return Map(LibClang.clang_Type_getNamedType(type), where);
            case TypeKind.Typedef:
            {
                CXCursor decl = LibClang.clang_getTypeDeclaration(type);
                string name = LibClang.Spelling(decl);
                if (PointerSized.TryGetValue(name, out string? mapped))
                    return mapped;
                return Map(LibClang.clang_getTypedefDeclUnderlyingType(decl), where);
            }
            case TypeKind.Pointer:
            {
                CXType pointee = LibClang.clang_getPointeeType(type);
                CXType canonical = LibClang.clang_getCanonicalType(pointee);
                if (canonical.Kind is TypeKind.FunctionProto or TypeKind.FunctionNoProto)
                    return MapFunction(StripToFunction(pointee), where);
                return Map(pointee, where) + "*";
            }
            case TypeKind.Record:
            case TypeKind.Enum:
            {
                CXCursor decl = LibClang.clang_getTypeDeclaration(type);
                CXCursor definition = LibClang.clang_getCursorDefinition(decl);
                CXCursor key = LibClang.clang_Cursor_isNull(definition) != 0 ? decl : definition;
                if (type.Kind == TypeKind.Record)
                    ReferencedTags.TryAdd(LibClang.Usr(key), key);
                return _tagName(key);
            }
            case TypeKind.Void: return "void";
            case TypeKind.Bool: return "byte"; // C bool is one byte; C# bool is not blittable.
            case TypeKind.CharS:
            case TypeKind.SChar: return "sbyte";
            case TypeKind.CharU:
            case TypeKind.UChar: return "byte";
            case TypeKind.Short: return "short";
            case TypeKind.UShort: return "ushort";
            case TypeKind.Int: return "int";
            case TypeKind.UInt: return "uint";
            case TypeKind.Long: return LibClang.clang_Type_getSizeOf(type) == 8 ? "long" : "int";
            case TypeKind.ULong: return LibClang.clang_Type_getSizeOf(type) == 8 ? "ulong" : "uint";
            case TypeKind.LongLong: return "long";
            case TypeKind.ULongLong: return "ulong";
            case TypeKind.Float: return "float";
            case TypeKind.Double: return "double";
            default:
                throw new GeneratorException(
                    $"unsupported C type '{LibClang.TypeSpelling(type)}' (kind {type.Kind}) in {where}");
        }
    }

    /// <summary>True when <paramref name="csharpType"/> can be the element type of a C# fixed buffer.</summary>
    public static bool IsFixedBufferElement(string csharpType) => csharpType is "byte" or "sbyte" or "short"
        or "ushort" or "int" or "uint" or "long" or "ulong" or "float" or "double";

    // Follows typedef/elaborated sugar down to the function type while keeping
    // the parameter types' own sugar (so size_t parameters stay nuint).
    private static CXType StripToFunction(CXType type)
    {
        while (type.Kind is TypeKind.Elaborated or TypeKind.Typedef)
        {
            type = type.Kind == TypeKind.Elaborated
                ? LibClang.clang_Type_getNamedType(type)
                : LibClang.clang_getTypedefDeclUnderlyingType(LibClang.clang_getTypeDeclaration(type));
        }
        return type;
    }

    private string MapFunction(CXType function, string where)
    {
        if (function.Kind == TypeKind.FunctionProto && LibClang.clang_isFunctionTypeVariadic(function) != 0)
            throw new GeneratorException($"variadic function pointer in {where} cannot be bound");
        var parts = new List<string>();
        int count = function.Kind == TypeKind.FunctionProto ? LibClang.clang_getNumArgTypes(function) : 0;
        for (uint i = 0; i < count; i++)
            parts.Add(Map(LibClang.clang_getArgType(function, i), where));
        parts.Add(Map(LibClang.clang_getResultType(function), where));
        return "delegate* unmanaged[Cdecl]<" + string.Join(", ", parts) + ">";
    }
}

/// <summary>A header the generator cannot bind faithfully; the message says what and where.</summary>
public sealed class GeneratorException : Exception
{
    /// <summary>Creates the exception with a message naming the construct and its place.</summary>
    public GeneratorException(string message) : base(message)
    {
    }
}
