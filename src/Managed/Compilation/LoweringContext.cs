using Axle.Lowering;

namespace Axle;

/// <summary>
/// What a primitive's lowering rule sees: the function being built, the block to append to,
/// and the avals of the equation being lowered. Helpers cover the common emissions.
/// </summary>
internal sealed class LoweringContext
{
    public LoweringContext(FunctionBuilder function)
    {
        Function = function;
        Block = function.Body;
    }

    public FunctionBuilder Function { get; }

    /// <summary>Where ops are appended (the function body, or a region while a rule builds one).</summary>
    public Block Block { get; set; }

    public Aval[] InAvals { get; internal set; } = [];

    public Aval[] OutAvals { get; internal set; } = [];

    public static TensorType TypeOf(Aval aval) => new(aval.DType.ToElementType(), aval.Shape.ToLongs());

    public static TensorType TypeOf(DType dtype, params long[] dims) => new(dtype.ToElementType(), dims);

    /// <summary>Appends a one-result op to <see cref="Block"/>.</summary>
    public Value Op(string name, Value[] operands, TensorType result, params (string Name, Attr Value)[] attributes) =>
        Block.Op(name, operands, result, Attrs(attributes));

    /// <summary>Appends a one-result op whose result is the equation's first output.</summary>
    public Value Op(string name, Value[] operands, params (string Name, Attr Value)[] attributes) =>
        Op(name, operands, TypeOf(OutAvals[0]), attributes);

    /// <summary>A scalar <c>stablehlo.constant</c> of <paramref name="dtype"/> holding <paramref name="value"/> (converted).</summary>
    public Value Scalar(DType dtype, double value) => Constant(dtype, HostData.FromDouble(dtype, value));

    /// <summary>The lowest (<paramref name="max"/> false) or highest value of <paramref name="dtype"/>: ±inf for floats.</summary>
    public Value Extreme(DType dtype, bool max) => Constant(dtype, HostData.Extreme(dtype, max));

    /// <summary>A scalar constant from the element's little-endian bytes.</summary>
    public Value Constant(DType dtype, byte[] element)
    {
        var type = TypeOf(dtype);
        return Block.Op("stablehlo.constant", [], type, [new("value", Attr.Splat(type, element))]);
    }

    /// <summary>A single-block region taking scalars of <paramref name="argTypes"/>; <paramref name="body"/> returns its results.</summary>
    public Block Region(DType[] argTypes, Func<Value[], Value[]> body) =>
        Region(argTypes.Select(t => TypeOf(t)).ToArray(), body);

    /// <summary>
    /// A single-block region with arguments of <paramref name="argTypes"/>; <paramref name="body"/>
    /// emits into it (ops go to the region while it runs) and returns its results.
    /// </summary>
    public Block Region(TensorType[] argTypes, Func<Value[], Value[]> body)
    {
        var region = Function.NewRegion(argTypes);
        var saved = Block;
        Block = region;
        try
        {
            region.Return(body([.. region.Arguments]));
        }
        finally
        {
            Block = saved;
        }
        return region;
    }

    public static Attr Dims(IEnumerable<int> dims) => Attr.I64Array(dims.Select(d => (long)d).ToArray());

    private static KeyValuePair<string, Attr>[] Attrs((string Name, Attr Value)[] attributes) =>
        attributes.Select(a => new KeyValuePair<string, Attr>(a.Name, a.Value)).ToArray();
}
