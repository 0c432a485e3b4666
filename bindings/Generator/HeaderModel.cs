namespace Axle.Bindings.Generator;

// What the generator extracts from the header, already in C# terms. Kept
// separate from libclang so emission is a pure function of this model.

/// <summary>A declaration to emit, in header order.</summary>
public abstract record Declaration(string Name, uint Offset);

/// <summary>A C struct without a definition: emitted as an empty struct so pointers to it type-check.</summary>
public sealed record OpaqueStruct(string Name, uint Offset) : Declaration(Name, Offset);

/// <summary>A field at its byte offset; <paramref name="FixedLength"/> &gt; 0 for C arrays.</summary>
public sealed record Field(string Name, string CSharpType, long ByteOffset, long FixedLength = 0);

/// <summary>A defined C struct or union with its size and flattened fields.</summary>
public sealed record StructDef(string Name, uint Offset, long Size, IReadOnlyList<Field> Fields)
    : Declaration(Name, Offset);

/// <summary>An enumerator with its value.</summary>
public sealed record EnumMember(string Name, long Value);

/// <summary>A named C enum.</summary>
public sealed record EnumDef(string Name, uint Offset, string UnderlyingType, IReadOnlyList<EnumMember> Members)
    : Declaration(Name, Offset);

/// <summary>A constant for PjrtConstants (macro, anonymous enum member or STRUCT_SIZE).</summary>
public sealed record Constant(string Name, uint Offset, string CSharpType, long Value) : Declaration(Name, Offset);

/// <summary>Everything extracted from one header.</summary>
public sealed record HeaderModel(IReadOnlyList<Declaration> Types, IReadOnlyList<Constant> Constants);
