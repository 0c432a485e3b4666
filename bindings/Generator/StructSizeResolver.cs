namespace Axle.Bindings.Generator;

/// <summary>
/// Finds the header's <c>*_STRUCT_SIZE</c> constants and computes each as
/// offsetof(last field) + sizeof(last field) from libclang's layout — the
/// PJRT definition, which deliberately excludes tail padding, so not sizeof.
/// </summary>
/// <remarks>
/// Recognized forms (the macros are identified by shape, not by name):
/// a size macro <c>M(T, f)</c> whose body uses <c>offsetof</c>; a traits macro
/// <c>D(T, f)</c> whose body pastes <c>T##_STRUCT_SIZE</c>; their expansions
/// <c>D(T, f);</c>, <c>enum { T_STRUCT_SIZE = M(T, f) };</c>,
/// <c>const size_t T_STRUCT_SIZE = M(T, f);</c>; and <c>#define T_STRUCT_SIZE M(T, f)</c>.
/// Where clang also evaluated the constant (enum form) the two must agree.
/// </remarks>
internal sealed class StructSizeResolver(TranslationUnit tu, Dictionary<string, StructLayoutInfo> structs)
{
    private const string Suffix = "_STRUCT_SIZE";

    public static bool IsStructSizeName(string name) =>
        name.EndsWith(Suffix, StringComparison.Ordinal) && name.Length > Suffix.Length;

    public List<Constant> Resolve(List<CXCursor> top, List<(string Name, uint Offset, long Value)> enumValues)
    {
        var sizeMacros = new HashSet<string>(StringComparer.Ordinal);
        var traitsMacros = new Dictionary<string, string>(StringComparer.Ordinal);
        var objectMacros = new List<(CXCursor Cursor, List<string> Tokens)>();
        foreach (CXCursor cursor in top.Where(c => c.Kind == CursorKind.MacroDefinition))
        {
            List<string> tokens = LibClang.Tokens(tu.Handle, cursor);
            if (LibClang.clang_Cursor_isMacroFunctionLike(cursor) == 0)
            {
                objectMacros.Add((cursor, tokens));
                continue;
            }
            (List<string> parameters, List<string> body) = SplitFunctionMacro(tokens);
            if (parameters.Count != 2)
                continue;
            if (body.Contains("offsetof"))
                sizeMacros.Add(tokens[0]);
            for (int i = 1; i + 1 < body.Count; i++)
            {
                if (body[i] == "##" && body[i - 1] == parameters[0] && body[i + 1].EndsWith(Suffix, StringComparison.Ordinal))
                    traitsMacros[tokens[0]] = body[i + 1];
            }
        }

        // Constants that an expansion of a size macro may initialize, by position.
        var holders = enumValues.Where(e => IsStructSizeName(e.Name)).Select(e => (e.Name, e.Offset)).ToList();
        holders.AddRange(top.Where(c => c.Kind == CursorKind.VarDecl && IsStructSizeName(LibClang.Spelling(c)))
            .Select(c => (LibClang.Spelling(c), LibClang.FileOffset(LibClang.clang_getCursorLocation(c)))));
        holders.Sort((a, b) => a.Item2.CompareTo(b.Item2));

        var result = new Dictionary<string, Constant>(StringComparer.Ordinal);
        foreach (var (cursor, tokens) in objectMacros)
        {
            if (tokens.Count == 7 && IsStructSizeName(tokens[0]) && sizeMacros.Contains(tokens[1]))
                Add(result, tokens[0], Offset(cursor), tokens[3], tokens[5]);
        }
        foreach (CXCursor cursor in top.Where(c => c.Kind == CursorKind.MacroExpansion))
        {
            string macro = LibClang.Spelling(cursor);
            bool isTraits = traitsMacros.TryGetValue(macro, out string? suffix);
            if (!isTraits && !sizeMacros.Contains(macro))
                continue;
            List<string> tokens = LibClang.Tokens(tu.Handle, cursor);
            if (tokens.Count != 6 || tokens[1] != "(" || tokens[3] != "," || tokens[5] != ")")
                throw new GeneratorException($"cannot read the arguments of {string.Join(' ', tokens)}");
            uint offset = Offset(cursor);
            if (isTraits)
            {
                Add(result, tokens[2] + suffix, offset, tokens[2], tokens[4]);
                continue;
            }
            // An expansion belongs to the nearest STRUCT_SIZE constant declared before it.
            var holder = holders.LastOrDefault(h => h.Item2 <= offset);
            if (holder.Item1 != null && !result.ContainsKey(holder.Item1))
                Add(result, holder.Item1, holder.Item2, tokens[2], tokens[4]);
        }

        foreach (var (name, _, value) in enumValues.Where(e => IsStructSizeName(e.Name)))
        {
            if (!result.TryGetValue(name, out Constant? computed))
                throw new GeneratorException($"{name} is not in a recognized STRUCT_SIZE form");
            if (computed.Value != value)
                throw new GeneratorException($"{name}: computed {computed.Value} but clang evaluates {value}");
        }
        return result.Values.ToList();
    }

    private void Add(Dictionary<string, Constant> result, string name, uint offset, string structName, string field)
    {
        if (!structs.TryGetValue(structName, out StructLayoutInfo? layout))
            throw new GeneratorException($"{name} refers to struct {structName}, which is not defined in the header");
        if (!layout.Fields.TryGetValue(field, out var f))
            throw new GeneratorException($"{name} refers to {structName}.{field}, which is not a field");
        result.TryAdd(name, new Constant(name, offset, "int", f.Offset + f.Size));
    }

    private static (List<string> Parameters, List<string> Body) SplitFunctionMacro(List<string> tokens)
    {
        var parameters = new List<string>();
        int i = 2; // tokens[0] is the name, tokens[1] the '('.
        for (; i < tokens.Count && tokens[i] != ")"; i++)
        {
            if (tokens[i] != ",")
                parameters.Add(tokens[i]);
        }
        return (parameters, tokens.Skip(i + 1).ToList());
    }

    private static uint Offset(CXCursor cursor) => LibClang.FileOffset(LibClang.clang_getCursorLocation(cursor));
}
