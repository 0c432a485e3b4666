namespace Axle.Bindings.Generator;

/// <summary>
/// Walks the top-level declarations of the main header file and builds the
/// <see cref="HeaderModel"/>: structs (with anonymous members flattened at
/// their real offsets), opaque structs, enums and constants.
/// </summary>
internal sealed class HeaderReader
{
    private readonly TranslationUnit _tu;
    private readonly Dictionary<string, string> _typedefNames = new(StringComparer.Ordinal);
    private readonly TypeMapper _types;

    public HeaderReader(TranslationUnit tu)
    {
        _tu = tu;
        _types = new TypeMapper(TagName);
    }

    public HeaderModel Read()
    {
        List<CXCursor> top = LibClang.Children(_tu.Cursor)
            .Where(c => LibClang.clang_Location_isFromMainFile(LibClang.clang_getCursorLocation(c)) != 0)
            .ToList();
        CollectTypedefNames(top);

        var types = new List<Declaration>();
        var emitted = new HashSet<string>(StringComparer.Ordinal);
        var structs = new Dictionary<string, StructLayoutInfo>(StringComparer.Ordinal);
        var constants = new List<Constant>();
        var anonymousEnumValues = new List<(string Name, uint Offset, long Value)>();

        foreach (CXCursor cursor in top)
        {
            switch (cursor.Kind)
            {
                case CursorKind.StructDecl:
                case CursorKind.UnionDecl:
                {
                    if (LibClang.clang_isCursorDefinition(cursor) == 0 || !HasName(cursor))
                        break;
                    string name = TagName(cursor);
                    if (!emitted.Add(name))
                        break;
                    var layout = new StructLayoutInfo(name, LibClang.clang_getCursorType(cursor));
                    structs[name] = layout;
                    types.Add(ReadStruct(cursor, name, layout));
                    break;
                }
                case CursorKind.EnumDecl:
                {
                    if (LibClang.clang_isCursorDefinition(cursor) == 0)
                        break;
                    if (HasName(cursor))
                    {
                        string name = TagName(cursor);
                        if (emitted.Add(name))
                            types.Add(ReadEnum(cursor, name));
                        break;
                    }
                    // Anonymous enums hold constants, including upstream's
                    // `enum { X_STRUCT_SIZE = PJRT_STRUCT_SIZE(X, f) }`.
                    foreach (CXCursor member in LibClang.Children(cursor))
                    {
                        if (member.Kind != CursorKind.EnumConstantDecl)
                            continue;
                        anonymousEnumValues.Add((LibClang.Spelling(member), Offset(member),
                            LibClang.clang_getEnumConstantDeclValue(member)));
                    }
                    break;
                }
            }
        }

        // Structs that are only declared (or only referenced) become opaque.
        var opaque = new List<(string Name, uint Offset)>();
        foreach (CXCursor cursor in top)
        {
            if (cursor.Kind is CursorKind.StructDecl or CursorKind.UnionDecl && HasName(cursor))
                opaque.Add((TagName(cursor), Offset(cursor)));
        }
        foreach (CXCursor tag in _types.ReferencedTags.Values)
            opaque.Add((TagName(tag), Offset(tag)));
        foreach (var (name, offset) in opaque)
        {
            if (emitted.Add(name))
                types.Add(new OpaqueStruct(name, offset));
        }

        var sizes = new StructSizeResolver(_tu, structs);
        constants.AddRange(ReadMacroConstants(top));
        constants.AddRange(sizes.Resolve(top, anonymousEnumValues));
        foreach (var (name, offset, value) in anonymousEnumValues)
        {
            if (!StructSizeResolver.IsStructSizeName(name))
                constants.Add(new Constant(name, offset, FitsInt(value) ? "int" : "long", value));
        }

        return new HeaderModel(
            types.OrderBy(t => t.Offset).ToList(),
            constants.GroupBy(c => c.Name).Select(g => g.First()).OrderBy(c => c.Offset).ToList());
    }

    private StructDef ReadStruct(CXCursor cursor, string name, StructLayoutInfo layout)
    {
        long size = LibClang.clang_Type_getSizeOf(layout.Type);
        if (size < 0)
            throw new GeneratorException($"libclang could not size struct {name} (error {size})");
        var fields = new List<Field>();
        AddFields(cursor, name, layout, fields);
        return new StructDef(name, Offset(cursor), size, fields);
    }

    // Fields of anonymous structs/unions are members of the enclosing struct in
    // C11, so their offsets are asked of the outermost struct type by name.
    private void AddFields(CXCursor record, string owner, StructLayoutInfo layout, List<Field> fields)
    {
        foreach (CXCursor child in LibClang.Children(record))
        {
            if (child.Kind is CursorKind.StructDecl or CursorKind.UnionDecl)
            {
                if (LibClang.clang_Cursor_isAnonymousRecordDecl(child) != 0)
                    AddFields(child, owner, layout, fields);
                else if (LibClang.clang_isCursorDefinition(child) != 0)
                    throw new GeneratorException($"nested struct definition '{LibClang.Spelling(child)}' in {owner} " +
                        "is not supported: define it at file scope");
                continue;
            }
            if (child.Kind != CursorKind.FieldDecl)
                continue;
            string field = LibClang.Spelling(child);
            string where = $"{owner}.{field}";
            if (string.IsNullOrEmpty(field))
                continue; // the implicit member of an anonymous record, flattened above
            if (LibClang.clang_Cursor_isBitField(child) != 0)
                throw new GeneratorException($"bit-field {where} cannot be bound");
            long bits = LibClang.OffsetOf(layout.Type, field);
            if (bits < 0 || bits % 8 != 0)
                throw new GeneratorException($"libclang gave no byte offset for {where} (result {bits})");
            CXType type = LibClang.clang_getCursorType(child);
            long fieldSize = LibClang.clang_Type_getSizeOf(type);
            layout.Fields[field] = (bits / 8, fieldSize);
            fields.Add(ReadField(type, field, bits / 8, where));
        }
    }

    private Field ReadField(CXType type, string name, long offset, string where)
    {
        CXType canonical = LibClang.clang_getCanonicalType(type);
        if (canonical.Kind == TypeKind.IncompleteArray)
            throw new GeneratorException($"flexible array member {where} cannot be bound");
        if (canonical.Kind != TypeKind.ConstantArray)
            return new Field(name, _types.Map(type, where), offset);
        string element = _types.Map(LibClang.clang_getArrayElementType(canonical), where);
        if (!TypeMapper.IsFixedBufferElement(element))
            throw new GeneratorException($"array field {where} of {element} cannot be a C# fixed buffer");
        return new Field(name, element, offset, LibClang.clang_getArraySize(canonical));
    }

    private EnumDef ReadEnum(CXCursor cursor, string name)
    {
        var members = LibClang.Children(cursor)
            .Where(c => c.Kind == CursorKind.EnumConstantDecl)
            .Select(c => new EnumMember(LibClang.Spelling(c), LibClang.clang_getEnumConstantDeclValue(c)))
            .ToList();
        // C enumerators are ints; wider enums keep their integer type.
        string underlying = members.All(m => FitsInt(m.Value))
            ? "int"
            : _types.Map(LibClang.clang_getEnumDeclIntegerType(cursor), name);
        return new EnumDef(name, Offset(cursor), underlying, members);
    }

    // Object-like macros whose body is one integer literal (PJRT_API_MAJOR, ...).
    private IEnumerable<Constant> ReadMacroConstants(List<CXCursor> top)
    {
        foreach (CXCursor cursor in top)
        {
            if (cursor.Kind != CursorKind.MacroDefinition || LibClang.clang_Cursor_isMacroFunctionLike(cursor) != 0)
                continue;
            List<string> tokens = LibClang.Tokens(_tu.Handle, cursor);
            if (tokens.Count < 2)
                continue;
            string body = string.Concat(tokens.Skip(1));
            if (TryParseInteger(body, out long value))
                yield return new Constant(tokens[0], Offset(cursor), FitsInt(value) ? "int" : "long", value);
        }
    }

    private static bool TryParseInteger(string text, out long value)
    {
        value = 0;
        while (text.Length > 2 && text[0] == '(' && text[^1] == ')')
            text = text[1..^1];
        bool negative = text.StartsWith('-');
        if (negative)
            text = text[1..];
        text = text.TrimEnd('u', 'U', 'l', 'L');
        bool ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(text[2..], System.Globalization.NumberStyles.HexNumber, null, out value)
            : text.Length > 0 && text.All(char.IsAsciiDigit) && long.TryParse(text, out value);
        value = ok ? (negative ? -value : value) : 0;
        return ok;
    }

    private static bool FitsInt(long value) => value is >= int.MinValue and <= int.MaxValue;

    private void CollectTypedefNames(List<CXCursor> top)
    {
        foreach (CXCursor cursor in top)
        {
            if (cursor.Kind != CursorKind.TypedefDecl)
                continue;
            CXType underlying = LibClang.clang_getTypedefDeclUnderlyingType(cursor);
            while (underlying.Kind == TypeKind.Elaborated)
                underlying = LibClang.clang_Type_getNamedType(underlying);
            if (underlying.Kind is not (TypeKind.Record or TypeKind.Enum))
                continue;
            CXCursor tag = LibClang.clang_getTypeDeclaration(underlying);
            if (LibClang.clang_Cursor_isAnonymous(tag) != 0)
                _typedefNames.TryAdd(LibClang.Usr(tag), LibClang.Spelling(cursor));
        }
    }

    private bool HasName(CXCursor tag) =>
        LibClang.clang_Cursor_isAnonymous(tag) == 0 || _typedefNames.ContainsKey(LibClang.Usr(tag));

    private string TagName(CXCursor tag)
    {
        if (_typedefNames.TryGetValue(LibClang.Usr(tag), out string? name))
            return name;
        if (LibClang.clang_Cursor_isAnonymous(tag) != 0)
            throw new GeneratorException($"anonymous type used by name: {LibClang.TypeSpelling(LibClang.clang_getCursorType(tag))}");
        return LibClang.Spelling(tag);
    }

    private static uint Offset(CXCursor cursor) =>
        LibClang.FileOffset(LibClang.clang_getCursorLocation(cursor));
}

/// <summary>A struct's libclang type and its flattened field offsets/sizes, for STRUCT_SIZE evaluation.</summary>
internal sealed class StructLayoutInfo(string name, CXType type)
{
    public string Name { get; } = name;
    public CXType Type { get; } = type;
    public Dictionary<string, (long Offset, long Size)> Fields { get; } = new(StringComparer.Ordinal);
}
