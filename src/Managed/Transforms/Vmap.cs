using System.Globalization;

namespace Axle;

/// <summary>
/// The vmap transform on flat functions: checks and normalizes the axes, finds the batch size,
/// runs the function under a <see cref="BatchTrace"/> and moves each output's batch axis to
/// where the caller asked. Runs in the current context, so it works eagerly, inside Jit (one
/// batched program) and inside other transforms, nested at any depth.
/// </summary>
internal static class VmapTransform
{
    /// <summary>Applies the batched version of <paramref name="f"/> to <paramref name="args"/>.</summary>
    /// <param name="f">The per-example function.</param>
    /// <param name="args">The batched arguments.</param>
    /// <param name="inAxes">The mapped axis of each argument (null entry: not mapped); null: axis 0 for all.</param>
    /// <param name="outAxes">Where each output's batch axis goes (null entry: the output must not be batched); null: 0 for all; one entry: for all outputs.</param>
    /// <param name="axisSize">The batch size; needed only when no argument is mapped.</param>
    public static Tensor[] Call(Func<Tensor[], Tensor[]> f, Tensor[] args, int?[]? inAxes, int?[]? outAxes, int? axisSize)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is null) throw new ArgumentNullException(nameof(args), $"vmap: argument {i} is null");
            args[i].ThrowIfDisposed();
        }
        int?[] axes = NormalizeInAxes(args, inAxes);
        int size = BatchSize(args, axes, axisSize);

        var trace = new BatchTrace(Trace.Current, size);
        try
        {
            Tensor[] outs;
            using (Trace.Enter(trace))
            {
                var wrapped = new Tensor[args.Length];
                for (int i = 0; i < args.Length; i++) wrapped[i] = trace.Wrap(args[i], axes[i]);
                outs = f(wrapped) ?? throw new InvalidOperationException("vmap: the function returned null");
            }
            return Outputs(trace, outs, outAxes, size);
        }
        finally
        {
            trace.Finish();
        }
    }

    private static int?[] NormalizeInAxes(Tensor[] args, int?[]? inAxes)
    {
        if (inAxes is null) inAxes = args.Select(_ => (int?)0).ToArray();
        else if (inAxes.Length != args.Length)
            throw new ArgumentException(
                $"vmap: inAxes has {inAxes.Length} entr{(inAxes.Length == 1 ? "y" : "ies")} but the function got {args.Length} argument(s){Errors.CallSite()}", nameof(inAxes));
        var axes = new int?[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            if (inAxes[i] is not int a) continue;
            int rank = args[i].Rank;
            int n = a < 0 ? a + rank : a;
            if (n < 0 || n >= rank)
                throw new ArgumentException(
                    $"vmap: inAxes[{i}] = {a} is out of range for argument {i} of shape {args[i].Shape} (rank {rank}){Errors.CallSite()}", nameof(inAxes));
            axes[i] = n;
        }
        return axes;
    }

    private static int BatchSize(Tensor[] args, int?[] axes, int? axisSize)
    {
        var mapped = Enumerable.Range(0, args.Length).Where(i => axes[i] is not null).ToArray();
        if (axisSize is int n)
        {
            if (n < 0) throw new ArgumentOutOfRangeException(nameof(axisSize), $"vmap: axisSize must be non-negative; got {n}");
            var wrong = mapped.Where(i => args[i].Shape[axes[i]!.Value] != n).ToArray();
            if (wrong.Length > 0)
                throw new ArgumentException($"vmap: axisSize is {n} but {Describe(args, axes, wrong)}{Errors.CallSite()}", nameof(axisSize));
            return n;
        }
        if (mapped.Length == 0)
            throw new ArgumentException($"vmap: no argument is mapped (every inAxes entry is null), so pass axisSize to say how many examples there are{Errors.CallSite()}", nameof(axisSize));
        int size = args[mapped[0]].Shape[axes[mapped[0]]!.Value];
        if (mapped.Any(i => args[i].Shape[axes[i]!.Value] != size))
            throw new ArgumentException($"vmap: the mapped axes have different sizes: {Describe(args, axes, mapped)}{Errors.CallSite()}", "args");
        return size;
    }

    private static string Describe(Tensor[] args, int?[] axes, int[] which) =>
        string.Join(", ", which.Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"argument {i} of shape {args[i].Shape} has size {args[i].Shape[axes[i]!.Value]} along axis {axes[i]}")));

    private static Tensor[] Outputs(BatchTrace trace, Tensor[] outs, int?[]? outAxes, int size)
    {
        if (outAxes is not null && outAxes.Length != 1 && outAxes.Length != outs.Length)
            throw new ArgumentException($"vmap: outAxes has {outAxes.Length} entries but the function returned {outs.Length} output(s){Errors.CallSite()}", nameof(outAxes));
        var result = new Tensor[outs.Length];
        for (int j = 0; j < outs.Length; j++)
        {
            if (outs[j] is null) throw new InvalidOperationException($"vmap: the function returned null as output {j}");
            int? want = outAxes is null ? 0 : outAxes.Length == 1 ? outAxes[0] : outAxes[j];
            var (value, axis) = trace.Unwrap(outs[j]);
            if (want is not int c)
            {
                if (axis is not null)
                    throw new ArgumentException(
                        $"vmap: output {j} depends on a mapped argument, so it cannot have outAxes[{j}] = null{Errors.CallSite()}", nameof(outAxes));
                result[j] = value;
                continue;
            }
            int rank = outs[j].Rank + 1;
            int to = c < 0 ? c + rank : c;
            if (to < 0 || to >= rank)
                throw new ArgumentException(
                    $"vmap: outAxes[{j}] = {c} is out of range for output {j} of per-example shape {outs[j].Shape} (batched rank {rank}){Errors.CallSite()}", nameof(outAxes));
            result[j] = Batching.MoveOrBroadcast(value, axis, to, size);
        }
        return result;
    }
}
