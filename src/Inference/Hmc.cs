using System.Diagnostics;

namespace Axle;

/// <summary>
/// Hamiltonian Monte Carlo with a bounded, randomized number of leapfrog steps, step-size adaptation by dual
/// averaging and diagonal mass-matrix adaptation in Stan's windowed warm-up. All chains advance
/// together, and whole stretches of iterations run as one jitted program: an <c>Ax.Scan</c> over
/// iterations of the transition (momentum draw, leapfrog with <c>Ax.ValueAndGrad</c> of the
/// log-density, accept/reject), vmapped over chains. Warm-up windows carry dual averaging and the
/// Welford accumulator in the scan; the host only acts at window ends (new inverse mass, restart)
/// and at progress reports. Sampling is one program reused for every chunk of draws.
/// </summary>
public static class Hmc
{
    /// <summary>Samples from the density proportional to exp(<paramref name="logDensity"/>).</summary>
    /// <param name="logDensity">
    /// The unnormalized log-density of one flat parameter vector (dim) → scalar; it must be
    /// traceable (Axle ops only) and differentiable. Values outside the support should be -inf.
    /// </param>
    /// <param name="initialPositions">Starting points, (chains, dim), f32 or f64; the draws are computed in this dtype.</param>
    /// <param name="options">Settings (defaults: Stan's, 1000 warm-up iterations and 1000 draws).</param>
    /// <param name="progress">Called every <see cref="HmcOptions.ProgressInterval"/> iterations and after the last.</param>
    /// <param name="cancellationToken">Checked between program calls (at most <see cref="HmcOptions.ProgressInterval"/> iterations apart).</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="initialPositions"/> is not a float matrix, or the log-density is not finite at a starting point.
    /// </exception>
    public static HmcResult Sample(Func<Tensor, Tensor> logDensity, Tensor initialPositions, HmcOptions? options = null,
        Action<HmcProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logDensity);
        ArgumentNullException.ThrowIfNull(initialPositions);
        options ??= new HmcOptions();
        options.Validate();
        if (initialPositions.Rank != 2 || !initialPositions.DType.IsFloat() || !initialPositions.Shape[0].IsKnown || !initialPositions.Shape[1].IsKnown)
            throw new ArgumentException($"Hmc.Sample: initial positions must be a float matrix (chains, dim); got {initialPositions.Aval}", nameof(initialPositions));
        return new Sampler(logDensity, initialPositions, options, progress, cancellationToken).Run();
    }

    /// <summary>The sampling loop's state; one instance per <see cref="Sample"/> call.</summary>
    private sealed class Sampler(Func<Tensor, Tensor> logDensity, Tensor initial, HmcOptions o, Action<HmcProgress>? progress, CancellationToken cancel)
    {
        private readonly int _chains = initial.Shape[0].Value;
        private readonly int _dim = initial.Shape[1].Value;
        private readonly DType _dtype = initial.DType;

        public HmcResult Run()
        {
            var clock = Stopwatch.StartNew();
            var schedule = new WarmupSchedule(o.Warmup, o.InitialBuffer, o.BaseWindow, o.TerminalBuffer);
            IReadOnlyList<(int Start, int End)> windows = o.AdaptMassMatrix ? schedule.SlowWindows : [];
            int total = o.Warmup + o.Draws;

            Tensor[] start = HmcKernel.Initial(logDensity)([initial]);
            double[] logp0 = start[0].ToArray<double>();
            for (int c = 0; c < _chains; c++)
                if (!double.IsFinite(logp0[c]))
                {
                    start[0].Dispose();
                    start[1].Dispose();
                    throw new ArgumentException($"Hmc.Sample: the log-density is {logp0[c]} at chain {c}'s starting point; start inside the support", "initialPositions");
                }
            // The carry fed from one program call to the next: position, log-density, gradient, key,
            // then dual averaging (log ε, μ, H̄, x̄, m) and Welford (mean, M2, n).
            double[] stepSizes = Enumerable.Repeat(o.InitialStepSize, _chains).ToArray();
            Tensor[] state = [initial, start[0], start[1], Rng.Split(Rng.Key(o.Seed), _chains), .. AdaptState(stepSizes)];

            var invMass = new double[_chains * _dim];
            Array.Fill(invMass, 1.0);
            Tensor invMassT = HostTensor(invMass, _chains, _dim);
            var draws = new double[_chains, o.Draws, _dim];
            var drawLogp = new double[_chains, o.Draws];
            var acceptSum = new double[_chains];
            var divergences = new int[_chains];
            var warmupDivergences = new int[_chains];
            double phaseAccept = 0;
            int phaseDivergences = 0;
            TimeSpan warmupTime = TimeSpan.Zero;
            try
            {
                // Warm-up stretches end at window and progress boundaries; sampling ones at progress boundaries.
                foreach (var (from, to) in Segments(0, o.Warmup, windows.SelectMany(w => new[] { w.Start, w.End })))
                {
                    bool slow = windows.Any(w => from >= w.Start && from < w.End);
                    var (_, _, accept, divergent) = Iterate(ref state, invMassT, from, to, slow, adapt: true);
                    for (int c = 0; c < _chains; c++)
                        for (int t = 0; t < to - from; t++)
                        {
                            phaseAccept += accept[c][t];
                            if (divergent[c][t] != 0)
                            {
                                warmupDivergences[c]++;
                                phaseDivergences++;
                            }
                        }
                    double[] logEps = state[4].ToArray<double>();
                    for (int c = 0; c < _chains; c++) stepSizes[c] = Math.Exp(logEps[c]);

                    if (windows.Any(w => w.End == to))
                    {
                        // Stan's window end: regularized variance → inverse mass, dual averaging restarts
                        // from the current step size, and the accumulator empties for the next window.
                        double[] m2 = state[10].ToArray<double>(), n = state[11].ToArray<double>();
                        for (int c = 0; c < _chains; c++)
                            if (n[c] >= 2)
                                for (int j = 0; j < _dim; j++)
                                    invMass[c * _dim + j] = n[c] / (n[c] + 5) * (m2[c * _dim + j] / (n[c] - 1)) + 1e-3 * (5 / (n[c] + 5));
                        invMassT.Dispose();
                        invMassT = HostTensor(invMass, _chains, _dim);
                        ReplaceAdaptState(state, stepSizes);
                    }
                    Report(to, total, true, phaseAccept / (to * (double)_chains), phaseDivergences, clock, stepSizes);
                }
                if (o.Warmup > 0)
                {
                    // Keep the averaged step size (DualAveraging.FinalStepSize).
                    double[] xBar = state[7].ToArray<double>(), count = state[8].ToArray<double>();
                    for (int c = 0; c < _chains; c++)
                        if (count[c] > 0) stepSizes[c] = Math.Exp(xBar[c]);
                    ReplaceAdaptState(state, stepSizes);
                    warmupTime = clock.Elapsed;
                }

                phaseDivergences = 0;
                foreach (var (from, to) in Segments(o.Warmup, total, []))
                {
                    var (q, lp, accept, divergent) = Iterate(ref state, invMassT, from, to, false, adapt: false);
                    for (int c = 0; c < _chains; c++)
                        for (int t = 0; t < to - from; t++)
                        {
                            int d = from - o.Warmup + t;
                            for (int j = 0; j < _dim; j++) draws[c, d, j] = q[c][t * _dim + j];
                            drawLogp[c, d] = lp[c][t];
                            acceptSum[c] += accept[c][t];
                            if (divergent[c][t] != 0)
                            {
                                divergences[c]++;
                                phaseDivergences++;
                            }
                        }
                    Report(to, total, false, acceptSum.Sum() / ((to - o.Warmup) * (double)_chains), phaseDivergences, clock, stepSizes);
                }
            }
            finally
            {
                invMassT.Dispose();
                Replace(ref state, []);
            }
            TimeSpan samplingTime = clock.Elapsed - warmupTime;

            var invMassOut = new double[_chains, _dim];
            Buffer.BlockCopy(invMass, 0, invMassOut, 0, invMass.Length * sizeof(double));
            return new HmcResult(draws, drawLogp, stepSizes, invMassOut, acceptSum.Select(a => a / o.Draws).ToArray(),
                divergences, warmupDivergences, warmupTime, samplingTime);
        }

        /// <summary>
        /// Iterations [from, to) (at most <see cref="HmcOptions.ProgressInterval"/>) as one call of the
        /// program, feeding the carry through; returns per chain the stacked positions (t·dim + j),
        /// log-densities, acceptance probabilities and divergence flags.
        /// </summary>
        private (double[][] Q, double[][] Logp, double[][] Accept, double[][] Divergent) Iterate(ref Tensor[] state, Tensor invMassT,
            int from, int to, bool accumulate, bool adapt)
        {
            cancel.ThrowIfCancellationRequested();
            int length = to - from;
            // Stretches never exceed a progress interval or a phase, so this length fits them all.
            int chunk = Math.Min(o.ProgressInterval, Math.Max(o.Warmup, o.Draws));
            using Tensor accumulateT = HostTensor(Enumerable.Repeat(accumulate ? 1.0 : 0.0, _chains).ToArray(), _chains);
            using Tensor adaptT = HostTensor(Enumerable.Repeat(adapt ? 1.0 : 0.0, _chains).ToArray(), _chains);
            using Tensor activeT = Tensor.From(length);
            Tensor[] outs = HmcLoops.Iterations(logDensity, o, chunk)([.. state[..4], invMassT, .. state[4..], accumulateT, adaptT, activeT]);
            Replace(ref state, outs[..12]);
            double[] q = Read(outs[12]), lp = Read(outs[13]), accept = Read(outs[14]), divergent = Read(outs[15]);
            double[][] Slice(double[] all, int width) =>
                Enumerable.Range(0, _chains).Select(c => all.AsSpan(c * chunk * width, length * width).ToArray()).ToArray();
            return (Slice(q, _dim), Slice(lp, 1), Slice(accept, 1), Slice(divergent, 1));
        }

        /// <summary>Fresh dual-averaging state starting from <paramref name="stepSizes"/> and an empty Welford accumulator.</summary>
        private Tensor[] AdaptState(double[] stepSizes)
        {
            double[] logEps = stepSizes.Select(e => Math.Log(e)).ToArray();
            var zeros = new double[_chains];
            return
            [
                HostTensor(logEps, _chains), HostTensor(logEps.Select(l => Math.Log(10) + l).ToArray(), _chains),
                HostTensor(zeros, _chains), HostTensor(zeros, _chains), HostTensor(zeros, _chains),
                HostTensor(new double[_chains * _dim], _chains, _dim), HostTensor(new double[_chains * _dim], _chains, _dim), HostTensor(zeros, _chains),
            ];
        }

        private void ReplaceAdaptState(Tensor[] state, double[] stepSizes)
        {
            Tensor[] fresh = AdaptState(stepSizes);
            for (int i = 0; i < fresh.Length; i++)
            {
                state[4 + i].Dispose();
                state[4 + i] = fresh[i];
            }
        }

        /// <summary>[from, to) cut at every progress boundary and every extra boundary inside it.</summary>
        private IEnumerable<(int From, int To)> Segments(int from, int to, IEnumerable<int> cuts)
        {
            var points = cuts.Where(p => p > from && p < to)
                .Concat(Enumerable.Range(from + 1, to - from).Where(i => i % o.ProgressInterval == 0))
                .Append(to).Distinct().Order();
            int last = from;
            foreach (int p in points)
            {
                yield return (last, p);
                last = p;
            }
        }

        private void Report(int iteration, int total, bool warm, double meanAccept, int divergences, Stopwatch clock, double[] stepSizes)
        {
            if (progress is not null && (iteration % o.ProgressInterval == 0 || iteration == total))
                progress(new HmcProgress(iteration, total, warm, meanAccept, divergences, clock.Elapsed, stepSizes.Average()));
        }

        /// <summary>Disposes the tensors of <paramref name="state"/> (never the caller's initial positions) and takes <paramref name="next"/>.</summary>
        private void Replace(ref Tensor[] state, Tensor[] next)
        {
            foreach (var t in state)
                if (!ReferenceEquals(t, initial)) t.Dispose();
            state = next;
        }

        private Tensor HostTensor(double[] values, params int[] shape) => _dtype switch
        {
            DType.F64 => Tensor.From(values, shape),
            DType.F32 => Tensor.From(Array.ConvertAll(values, v => (float)v), shape),
            _ => Ops.Astype(Tensor.From(values, shape), _dtype),
        };

        private static double[] Read(Tensor t)
        {
            using (t) return t.ToArray<double>();
        }
    }
}
