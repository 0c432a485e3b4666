namespace Axle.Bindings.Generator;

/// <summary>Library entry of the generator: header in, C# bindings source out.</summary>
public static class BindingGenerator
{
    /// <summary>Parses <paramref name="headerPath"/> with libclang and returns the model it describes.</summary>
    /// <exception cref="GeneratorException">The header has errors or a construct that cannot be bound.</exception>
    public static HeaderModel Read(string headerPath)
    {
        using var tu = new TranslationUnit(headerPath);
        return new HeaderReader(tu).Read();
    }

    /// <summary>Generates the complete bindings file for <paramref name="headerPath"/>.</summary>
    /// <remarks>The output depends only on the header's contents and its file name, so it is byte-identical across runs and machines.</remarks>
    public static string Generate(string headerPath) =>
        CSharpEmitter.Emit(Read(headerPath), Path.GetFileName(headerPath));
}
