namespace Axle.Lowering;

/// <summary>An SSA value in a function being built: its textual name (<c>%3</c>, <c>%arg0</c>, <c>%4#1</c>) and type.</summary>
public sealed class Value
{
    internal Value(string name, TensorType type, FunctionBuilder owner)
    {
        Name = name;
        Type = type;
        Owner = owner;
    }

    /// <summary>The SSA name as it appears in the text.</summary>
    public string Name { get; }

    /// <summary>The value's tensor type.</summary>
    public TensorType Type { get; }

    internal FunctionBuilder Owner { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
