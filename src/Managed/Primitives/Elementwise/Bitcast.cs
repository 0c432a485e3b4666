using Axle.Lowering;

namespace Axle;

/// <summary>bitcast_convert_type: the dtype the bits are read as.</summary>
internal sealed record BitcastConvertTypeParams(DType NewDtype) : Params;

/// <summary>
/// bitcast_convert_type[new_dtype]: reinterprets each element's bits as another dtype of the same
/// width (JAX's <c>lax.bitcast_convert_type</c>). The random samplers use it to turn random
/// mantissa bits into floats exactly as JAX does. No derivative flows through it.
/// </summary>
internal static partial class Prims
{
    public static readonly Primitive BitcastConvertType = new Primitive("bitcast_convert_type", (ins, p) =>
    {
        Elementwise.Expect("bitcast_convert_type", ins, 1);
        DType from = ins[0].DType, to = ((BitcastConvertTypeParams)p).NewDtype;
        if (from == DType.Bool || to == DType.Bool || from.ByteSize() != to.ByteSize())
            throw Errors.Arg("bitcast_convert_type", "x",
                $"cannot reinterpret {from.ShortName()} as {to.ShortName()}: both must be numeric dtypes of one width");
        return [new Aval(to, ins[0].Shape)];
    }, (ctx, xs, _) => [ctx.Op("stablehlo.bitcast_convert", xs)]).ElementwiseBatching()
        .DefZeroJvp().NonLinear();
}
