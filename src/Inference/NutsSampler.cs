using System.Diagnostics;
using System.Globalization;

namespace Axle.Inference;

/// <summary>
/// The host side of one <see cref="Nuts"/> run: it cuts warm-up at window ends and progress reports, runs each stretch
/// as one program call per chain group (<see cref="NutsLoops"/>), and between stretches only does what Stan's host code
/// does at those points — a new metric from the window's estimate, the step-size search, restarting dual averaging,
/// and keeping the averaged step size when warm-up ends.
/// </summary>
internal sealed class NutsSampler(NutsTarget target, NutsOptions o, Action<NutsProgress>? progress, CancellationToken cancel)
{
    private const int L = NutsLoops.Layout.Q, Logp = NutsLoops.Layout.Logp, G = NutsLoops.Layout.G, Key = NutsLoops.Layout.Key;

    /// <summary>Samples every chain from its row of <paramref name="initial"/> (chains, dim), with its row of <paramref name="data"/>.</summary>
    public InferenceData Run(Tensor initial, Tensor data, string name)
    {
        var clock = Stopwatch.StartNew();
        var wallClock = Stopwatch.StartNew();
        int chains = initial.Shape[0].Value, dim = initial.Shape[1].Value;
        DType dtype = initial.DType;
        bool dense = o.Metric == Metric.Dense;
        int[] metricShape = dense ? [dim, dim] : [dim];
        int total = o.Warmup + o.Draws, width = NutsLoops.Layout.Width(o);

        using var group = new NutsChains(chains, dtype, o.ChainMethod);
        Tensor[] start = InitialValueAndGrad(target)([initial, data]);
        double[] lp0 = start[0].ToArray<double>(), g0 = start[1].ToArray<double>();
        for (int c = 0; c < chains; c++)
        {
            bool finite = double.IsFinite(lp0[c]) && g0.AsSpan(c * dim, dim).ToArray().All(double.IsFinite);
            if (!finite)
            {
                start[0].Dispose();
                start[1].Dispose();
                throw new ArgumentException($"Nuts.Sample: the log-density or its gradient is not finite at chain {c}'s starting point " +
                    $"(log p = {lp0[c]}); start inside the support", "initialPositions");
            }
        }
        double[] q0 = initial.ToArray<double>();
        group.Set(L, c => q0.AsSpan(c * dim, dim).ToArray(), [dim]);
        group.SetRows(Logp, start[0]);
        group.SetRows(G, start[1]);
        group.SetRows(Key, Rng.Split(Rng.Key(o.Seed), chains));
        group.SetRows(NutsLoops.Layout.Data(o), Ops.Add(data, Ops.ZerosLike(data)));

        // The initial metric: Stan's identity, or nuts-rs's 1/|gradient|.
        double[][] metric = Enumerable.Range(0, chains).Select(c => o.Adaptation == Adaptation.Nutpie && o.AdaptMetric
            ? NutpieAdaptation.InitialInverseMetric(g0.AsSpan(c * dim, dim).ToArray())
            : Identity(dim, dense)).ToArray();
        SetMetric(group, metric, metricShape, dtype);
        ResetEstimators(group, dim, dense, q0, g0);

        double[] stepSizes = Enumerable.Repeat(o.InitialStepSize, chains).ToArray();
        stepSizes = SearchStepSize(group, stepSizes);
        RestartDualAveraging(group, stepSizes);

        var schedule = new WarmupSchedule(o.Warmup, o.InitialBuffer, o.BaseWindow, o.TerminalBuffer);
        IReadOnlyList<(int Start, int End)> windows = o.AdaptMetric && o.Adaptation == Adaptation.Stan ? schedule.SlowWindows : [];
        var cuts = windows.SelectMany(w => new[] { w.Start, w.End }).ToList();
        if (o.Adaptation == Adaptation.Nutpie && o.AdaptMetric) cuts.Add(NutpieAdaptation.FirstUpdate);

        int length = Math.Min(o.ProgressInterval, Math.Max(o.Warmup, o.Draws));
        var batchedProgram = NutsLoops.Iterations(target, o, length, batched: true);
        var singleProgram = NutsLoops.Iterations(target, o, length, batched: false);
        var trace = new NutsTrace(chains, total, dim);
        TimeSpan warmupTime = TimeSpan.Zero;

        void Stretch(int from, int to, bool adapt, bool accumulate)
        {
            cancel.ThrowIfCancellationRequested();
            using Tensor active = Tensor.From(to - from), offset = Tensor.From(from), adaptT = Tensor.From(adapt), accumulateT = Tensor.From(accumulate);
            foreach (var (groupChains, outs) in group.Run(batchedProgram, singleProgram, width, [active, offset, adaptT, accumulateT]))
                trace.Store(groupChains, outs, from, to - from, length);
        }

        // Compilation is timed on its own (the programs compile on their first call; a stretch of no iterations
        // runs none), so warm-up and sampling times are the sampler's, as Stan reports its chains' times.
        Stretch(0, 0, adapt: true, accumulate: false);
        TimeSpan compileTime = clock.Elapsed;
        clock.Restart();

        foreach (var (from, to) in Segments(0, o.Warmup, cuts))
        {
            bool slow = windows.Any(w => from >= w.Start && from < w.End);
            Stretch(from, to, adapt: true, accumulate: slow);
            if (windows.Any(w => w.End == to) || (o.Adaptation == Adaptation.Nutpie && o.AdaptMetric && to == NutpieAdaptation.FirstUpdate))
            {
                if (o.Adaptation == Adaptation.Stan)
                {
                    metric = WindowMetric(group, dim, dense);
                    SetMetric(group, metric, metricShape, dtype);
                    ResetEstimators(group, dim, dense, q0, g0);
                }
                stepSizes = SearchStepSize(group, CurrentStepSizes(group));
                RestartDualAveraging(group, stepSizes);
            }
            Report(trace, to, total, warm: true, wallClock);
        }
        if (o.Warmup > 0)
        {
            // Stan's complete_adaptation: sample with the averaged step size exp(x̄).
            double[][] xBar = group.Read(NutsLoops.Layout.XBar), count = group.Read(NutsLoops.Layout.Count);
            double[] current = CurrentStepSizes(group);
            stepSizes = Enumerable.Range(0, chains).Select(c => count[c][0] > 0 ? Math.Exp(xBar[c][0]) : current[c]).ToArray();
            RestartDualAveraging(group, stepSizes);
        }
        warmupTime = clock.Elapsed;
        foreach (var (from, to) in Segments(o.Warmup, total, []))
        {
            Stretch(from, to, adapt: false, accumulate: false);
            Report(trace, to, total, warm: false, wallClock);
        }
        TimeSpan samplingTime = clock.Elapsed - warmupTime;
        metric = group.Read(NutsLoops.Layout.InverseMetric);

        var inverseMetric = new double[chains, metric[0].Length];
        for (int c = 0; c < chains; c++)
            for (int i = 0; i < metric[c].Length; i++) inverseMetric[c, i] = metric[c][i];
        var attributes = new Dictionary<string, string>
        {
            ["inference_library"] = "axle",
            ["sampler"] = "nuts",
            ["adaptation"] = o.Adaptation.ToString().ToLowerInvariant(),
            [SamplerAttributes.Metric] = dense ? "dense_e" : "diag_e",
            [SamplerAttributes.TuningSteps] = o.Warmup.ToString(CultureInfo.InvariantCulture),
            [SamplerAttributes.TargetAccept] = SamplerAttributes.Format(o.TargetAcceptance),
            [SamplerAttributes.MaxTreeDepth] = o.MaxTreeDepth.ToString(CultureInfo.InvariantCulture),
            [SamplerAttributes.InverseMetric] = SamplerAttributes.FormatInverseMetric(inverseMetric),
            [SamplerAttributes.RandomSeed] = o.Seed.ToString(CultureInfo.InvariantCulture),
            ["compile_time"] = SamplerAttributes.Format(compileTime.TotalSeconds),
            [SamplerAttributes.WarmupTime] = SamplerAttributes.Format(warmupTime.TotalSeconds),
            [SamplerAttributes.SamplingTime] = SamplerAttributes.Format(samplingTime.TotalSeconds),
            ["step_size"] = SamplerAttributes.FormatPerChain(stepSizes),
        };
        var idata = new InferenceData
        {
            Posterior = trace.Posterior(name, o.Warmup, total, attributes),
            SampleStats = trace.SampleStats(o.Warmup, total, o.MaxTreeDepth, attributes),
        };
        if (o.KeepWarmup && o.Warmup > 0)
        {
            idata.WarmupPosterior = trace.Posterior(name, 0, o.Warmup, attributes);
            idata.WarmupSampleStats = trace.SampleStats(0, o.Warmup, o.MaxTreeDepth, attributes);
        }
        return idata;
    }

    private static double[] Identity(int dim, bool dense)
    {
        if (!dense) return Enumerable.Repeat(1.0, dim).ToArray();
        var m = new double[dim * dim];
        for (int i = 0; i < dim; i++) m[i * dim + i] = 1;
        return m;
    }

    /// <summary>Stan's regularized window estimate: (n / (n + 5)) Σ̂ + 1e-3 (5 / (n + 5)) I, from the Welford accumulator.</summary>
    private double[][] WindowMetric(NutsChains group, int dim, bool dense)
    {
        double[][] m2 = group.Read(NutsLoops.Layout.Estimators + 1), n = group.Read(NutsLoops.Layout.Estimators + 2);
        var result = new double[group.Count][];
        for (int c = 0; c < group.Count; c++)
        {
            double count = n[c][0];
            if (count < 2)
                throw new InvalidOperationException($"Nuts: a metric window of chain {c} collected {count} draws; windows need at least 2");
            result[c] = new double[m2[c].Length];
            for (int i = 0; i < m2[c].Length; i++)
            {
                bool diagonal = !dense || i / dim == i % dim;
                result[c][i] = count / (count + 5) * (m2[c][i] / (count - 1)) + (diagonal ? 1e-3 * (5 / (count + 5)) : 0);
            }
            if (!result[c].All(double.IsFinite))
                throw new InvalidOperationException($"Nuts: the metric estimate of chain {c} is not finite (the draws of its window diverged)");
        }
        return result;
    }

    private void SetMetric(NutsChains group, double[][] metric, int[] shape, DType dtype)
    {
        group.Set(NutsLoops.Layout.InverseMetric, c => metric[c], shape);
        if (shape.Length == 1)
        {
            group.Set(NutsLoops.Layout.Factor, _ => [0.0], [1]);
            return;
        }
        var factors = metric.Select(m =>
        {
            using Tensor t = NutsChains.HostTensor(m, shape, dtype);
            using Tensor f = EuclideanMetric.Factor(t);
            return f.ToArray<double>();
        }).ToArray();
        group.Set(NutsLoops.Layout.Factor, c => factors[c], shape);
    }

    private void ResetEstimators(NutsChains group, int dim, bool dense, double[] q0, double[] g0)
    {
        int at = NutsLoops.Layout.Estimators;
        if (o.Adaptation == Adaptation.Stan)
        {
            group.Set(at, _ => new double[dim], [dim]);
            group.Set(at + 1, _ => new double[dense ? dim * dim : dim], dense ? [dim, dim] : [dim]);
            group.Set(at + 2, _ => [0.0], []);
            return;
        }
        // nutpie: both windows start with the initial point and its gradient.
        for (int w = 0; w < 2; w++)
        {
            int b = at + 5 * w;
            group.Set(b, _ => [1.0], []);
            group.Set(b + 1, c => q0.AsSpan(c * dim, dim).ToArray(), [dim]);
            group.Set(b + 2, _ => new double[dim], [dim]);
            group.Set(b + 3, c => g0.AsSpan(c * dim, dim).ToArray(), [dim]);
            group.Set(b + 4, _ => new double[dim], [dim]);
        }
    }

    private double[] CurrentStepSizes(NutsChains group) => group.Read(NutsLoops.Layout.LogEps).Select(l => Math.Exp(l[0])).ToArray();

    /// <summary>Stan's init_stepsize from <paramref name="from"/>, per chain, on the chains' current points and metrics.</summary>
    private double[] SearchStepSize(NutsChains group, double[] from)
    {
        group.Set(NutsLoops.Layout.LogEps, c => [from[c]], []);
        double[][] found = group.Evaluate(StepSizeSearch.Program(target, batched: true), StepSizeSearch.Program(target, batched: false),
            [L, Logp, G, Key, NutsLoops.Layout.LogEps, NutsLoops.Layout.InverseMetric, NutsLoops.Layout.Factor, NutsLoops.Layout.Data(o)]);
        var result = found.Select(f => f[0]).ToArray();
        for (int c = 0; c < result.Length; c++)
            if (!(result[c] > 0) || result[c] > 1e7)
                throw new InvalidOperationException(
                    $"Nuts: the step-size search of chain {c} gave {result[c]}: the posterior is improper or its log-density is not smooth at the current point");
        return result;
    }

    /// <summary>Dual averaging from <paramref name="stepSizes"/>: log ε, μ = log(10 ε), H̄ = x̄ = m = 0.</summary>
    private static void RestartDualAveraging(NutsChains group, double[] stepSizes)
    {
        group.Set(NutsLoops.Layout.LogEps, c => [Math.Log(stepSizes[c])], []);
        group.Set(NutsLoops.Layout.Mu, c => [Math.Log(10 * stepSizes[c])], []);
        group.Set(NutsLoops.Layout.HBar, _ => [0.0], []);
        group.Set(NutsLoops.Layout.XBar, _ => [0.0], []);
        group.Set(NutsLoops.Layout.Count, _ => [0.0], []);
    }

    /// <summary>[from, to) cut at every progress boundary and every extra boundary inside it.</summary>
    private IEnumerable<(int From, int To)> Segments(int from, int to, IEnumerable<int> cuts)
    {
        var points = cuts.Where(p => p > from && p < to)
            .Concat(Enumerable.Range(from + 1, Math.Max(0, to - from)).Where(i => (i - from) % o.ProgressInterval == 0))
            .Append(to).Distinct().Order();
        int last = from;
        foreach (int p in points)
        {
            if (p <= last) continue;
            yield return (last, p);
            last = p;
        }
    }

    private void Report(NutsTrace trace, int iteration, int total, bool warm, Stopwatch clock)
    {
        if (progress is null || (iteration % o.ProgressInterval != 0 && iteration != total && iteration != o.Warmup)) return;
        int phaseStart = warm ? 0 : o.Warmup;
        var (accept, div, depth) = trace.Stats(phaseStart, iteration);
        double[] eps = trace.StepSizes(iteration - 1);
        progress(new NutsProgress(iteration, total, warm, accept, div, depth, clock.Elapsed, eps.Average()));
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Delegate, Func<Tensor[], Tensor[]>> InitialCache = new();

    /// <summary>The jitted, chain-vmapped log-density and gradient of (position, data): outputs (value (c), gradient (c, d)).</summary>
    private static Func<Tensor[], Tensor[]> InitialValueAndGrad(NutsTarget target) =>
        InitialCache.GetValue(target.Owner, _ =>
        {
            Func<Tensor[], Tensor[]> one = xs =>
            {
                var (v, g) = target.ValueAndGrad(xs[1])(xs[0]);
                return [v, g];
            };
            return Ax.Jit(Ax.Vmap(one));
        });
}
