namespace Axle.Lowering.Text;

/// <summary>
/// StableHLO's custom assembly forms for the region-free ops Axle emits (the formats declared in
/// StableHLO's <c>StablehloOps.td</c>). Each returns the text after <c>%r = </c>, or null when the op
/// carries something the form cannot show (an unknown attribute), in which case it stays generic.
/// </summary>
internal static class PrettyForms
{
    private static readonly HashSet<string> Unary =
    [
        "abs", "cbrt", "ceil", "convert", "cosine", "count_leading_zeros", "exponential", "exponential_minus_one",
        "floor", "imag", "log", "log_plus_one", "logistic", "negate", "not", "popcnt", "real", "round_nearest_afz",
        "round_nearest_even", "rsqrt", "sign", "sine", "sqrt", "tan", "tanh",
    ];

    /// <summary>Binary elementwise ops (also the ops a compact <c>reduce ... applies</c> may name).</summary>
    internal static readonly HashSet<string> Binary =
    [
        "add", "and", "atan2", "complex", "divide", "maximum", "minimum", "multiply", "or", "power", "remainder",
        "shift_left", "shift_right_arithmetic", "shift_right_logical", "subtract", "xor",
    ];

    private static readonly HashSet<string> Functional = ["bitcast_convert", "is_finite", "reshape", "dynamic_update_slice"];

    internal static string? TryFormat(MlirOperation op, Func<string, string> v)
    {
        string operands = string.Join(", ", op.Operands.Select(v));
        string functional = $"({string.Join(", ", op.OperandTypes)}) -> {GenericPrinter.TypeList(op.ResultTypes)}";
        bool isStablehlo = op.Name.StartsWith("stablehlo.", StringComparison.Ordinal);
        string s = op.ShortName;

        if (op.Name == "func.return" && op.Attributes.Count == 0)
            return op.Operands.Count == 0 ? "return" : $"return {operands} : {string.Join(", ", op.OperandTypes)}";
        if (op.Name == "func.call" && op.Attributes.Count == 1 && op.Attribute("callee") is { } callee && callee.StartsWith('@'))
            return $"call {callee}({operands}) : {functional}";
        if (!isStablehlo) return null;

        if (op.Attributes.Count == 0)
        {
            if (Unary.Contains(s) && op.Operands.Count == 1 && op.ResultTypes.Count == 1)
                return $"{op.Name} {operands} : {SameOrFunctional(op, functional)}";
            if (Binary.Contains(s) && op.Operands.Count == 2 && op.ResultTypes.Count == 1)
                return $"{op.Name} {operands} : {SameOrFunctional(op, functional)}";
            if (Functional.Contains(s) && op.ResultTypes.Count == 1)
                return $"{op.Name} {operands} : {functional}";
            if (s is "return" or "optimization_barrier")
                return op.Operands.Count == 0 ? op.Name : $"{op.Name} {operands} : {string.Join(", ", op.OperandTypes)}";
            if (s == "select" && op.Operands.Count == 3 && op.OperandTypes[1] == op.ResultTypes[0] && op.OperandTypes[2] == op.ResultTypes[0])
                return op.OperandTypes[0] == op.ResultTypes[0]
                    ? $"{op.Name} {operands} : {op.ResultTypes[0]}"
                    : $"{op.Name} {operands} : {op.OperandTypes[0]}, {op.ResultTypes[0]}";
            return null;
        }

        if (op.ResultTypes.Count != 1) return null;
        string result = op.ResultTypes[0];
        switch (s)
        {
            case "constant" when Only(op, "value"):
                return $"{op.Name} {ConstantText.Readable(op.Attribute("value")!)}";
            case "compare" when Only(op, "comparison_direction", "compare_type"):
            {
                string? direction = MlirTypes.TryParseEnum(op.Attribute("comparison_direction"), "comparison_direction");
                string? typeAttr = op.Attribute("compare_type");
                string? kind = MlirTypes.TryParseEnum(typeAttr, "comparison_type");
                if (direction is null || (typeAttr is not null && kind is null)) return null;
                return $"{op.Name} {direction}, {operands}{(kind is null ? "" : ", " + kind)} : {functional}";
            }
            case "broadcast_in_dim" when Only(op, "broadcast_dimensions"):
                return Dims(op, operands, "broadcast_dimensions", "dims", functional);
            case "transpose" when Only(op, "permutation"):
                return Dims(op, operands, "permutation", "dims", functional);
            case "reverse" when Only(op, "dimensions"):
                return Dims(op, operands, "dimensions", "dims", result);
            case "dynamic_slice" when Only(op, "slice_sizes"):
                return Dims(op, operands, "slice_sizes", "sizes", functional);
            case "iota" when Only(op, "iota_dimension") && MlirTypes.TryParseInt(op.Attribute("iota_dimension")) is { } dim:
                return $"{op.Name} dim = {dim} : {result}";
            case "concatenate" when Only(op, "dimension") && MlirTypes.TryParseInt(op.Attribute("dimension")) is { } axis:
                return $"{op.Name} {operands}, dim = {axis} : {functional}";
            case "pad" when Only(op, "edge_padding_low", "edge_padding_high", "interior_padding"):
            {
                var low = MlirTypes.TryParseIntArray(op.Attribute("edge_padding_low"));
                var high = MlirTypes.TryParseIntArray(op.Attribute("edge_padding_high"));
                var interior = MlirTypes.TryParseIntArray(op.Attribute("interior_padding"));
                if (low is null || high is null || interior is null) return null;
                return $"{op.Name} {operands}, low = {List(low)}, high = {List(high)}, interior = {List(interior)} : {functional}";
            }
            case "slice" when Only(op, "start_indices", "limit_indices", "strides"):
            {
                var start = MlirTypes.TryParseIntArray(op.Attribute("start_indices"));
                var limit = MlirTypes.TryParseIntArray(op.Attribute("limit_indices"));
                var strides = MlirTypes.TryParseIntArray(op.Attribute("strides")) ?? start?.Select(_ => 1L).ToArray();
                if (start is null || limit is null || strides is null || start.Length != limit.Length || start.Length != strides.Length) return null;
                var ranges = start.Select((b, i) => strides[i] == 1 ? $"{b}:{limit[i]}" : $"{b}:{limit[i]}:{strides[i]}");
                return $"{op.Name} {operands} [{string.Join(", ", ranges)}] : {functional}";
            }
            case "dot_general" when Only(op, "dot_dimension_numbers"):
            {
                string numbers = op.Attribute("dot_dimension_numbers")!;
                if (!numbers.StartsWith("#stablehlo.dot<", StringComparison.Ordinal)) return null;
                long[] lb = MlirTypes.NamedList(numbers, "lhs_batching_dimensions"), rb = MlirTypes.NamedList(numbers, "rhs_batching_dimensions");
                long[] lc = MlirTypes.NamedList(numbers, "lhs_contracting_dimensions"), rc = MlirTypes.NamedList(numbers, "rhs_contracting_dimensions");
                if (lc.Length == 0) return null; // an outer product: the generic form says it unambiguously
                string batching = lb.Length == 0 ? "" : $", batching_dims = {List(lb)} x {List(rb)}";
                return $"{op.Name} {operands}{batching}, contracting_dims = {List(lc)} x {List(rc)} : {functional}";
            }
            default:
                return null;
        }
    }

    private static string SameOrFunctional(MlirOperation op, string functional) =>
        op.OperandTypes.All(t => t == op.ResultTypes[0]) ? op.ResultTypes[0] : functional;

    private static bool Only(MlirOperation op, params string[] allowed) => op.Attributes.All(a => allowed.Contains(a.Key));

    private static string? Dims(MlirOperation op, string operands, string attribute, string keyword, string type)
    {
        var dims = MlirTypes.TryParseIntArray(op.Attribute(attribute));
        return dims is null ? null : $"{op.Name} {operands}, {keyword} = {List(dims)} : {type}";
    }

    private static string List(long[] values) => $"[{string.Join(", ", values)}]";
}
