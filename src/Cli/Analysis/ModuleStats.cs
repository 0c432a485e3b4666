using Axle.Lowering.Text;

namespace Axle.Cli.Analysis;

/// <summary>What <c>axle stats</c> reports about a module (see <see cref="CostModel"/> for the estimates).</summary>
internal sealed record ModuleStats(
    string? Module,
    string Entry,
    IReadOnlyList<string> Parameters,
    IReadOnlyList<string> Results,
    int Ops,
    IReadOnlyList<KeyValuePair<string, int>> Histogram,
    double Flops,
    double Transcendentals,
    double BytesAccessed,
    LargestValue? Largest)
{
    public static ModuleStats Of(MlirModule module)
    {
        var entry = module.Entry ?? throw new CliException(ExitCode.InvalidModule, "the module has no functions");
        var histogram = new Dictionary<string, int>();
        int ops = 0;
        foreach (var op in module.Functions.SelectMany(f => f.AllOperations()).Where(ModuleFiles.Counts))
        {
            histogram[op.Name] = histogram.GetValueOrDefault(op.Name) + 1;
            ops++;
        }
        var cost = default(CostModel.Cost);
        double bytes = 0;
        LargestValue? largest = null;
        foreach (var f in module.Functions)
        {
            cost += CostModel.Block(f.Body);
            foreach (var op in TensorOps(f.Body))
            {
                bytes += CostModel.Bytes(op);
                var results = op.Results;
                for (int i = 0; i < results.Count; i++)
                {
                    double size = CostModel.TypeBytes(op.ResultTypes[i]);
                    if (largest is null || size > largest.Bytes)
                        largest = new LargestValue(results[i], MlirTypes.Short(op.ResultTypes[i]), size, op.Name, op.Line);
                }
            }
        }
        return new ModuleStats(
            module.Name,
            ModuleFiles.Signature(entry),
            [.. entry.Parameters.Select(p => $"{p.Name}: {MlirTypes.Short(p.Type)}")],
            [.. entry.ResultTypes.Select(MlirTypes.Short)],
            ops,
            [.. histogram.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)],
            cost.Flops,
            cost.Transcendentals,
            bytes,
            largest);
    }

    // Ops that read and write whole tensors: the function body and control-flow regions, not scalar bodies.
    private static IEnumerable<MlirOperation> TensorOps(MlirBlock block)
    {
        foreach (var op in block.Operations)
        {
            yield return op;
            if (CostModel.ControlFlow.Contains(op.Name))
                foreach (var region in op.Regions)
                    foreach (var inner in TensorOps(region))
                        yield return inner;
        }
    }
}

/// <summary>The largest value an op produces: its name, type, size and where it is made.</summary>
internal sealed record LargestValue(string Value, string Type, double Bytes, string Op, int Line);
