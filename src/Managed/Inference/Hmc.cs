using System.Diagnostics;

namespace Axle.Inference;

/// <summary>
/// Hamiltonian Monte Carlo with a bounded, randomized number of leapfrog steps, step-size adaptation by dual
/// averaging and diagonal mass-matrix adaptation in Stan's windowed warm-up. All chains advance
/// together: one iteration is one call of a jitted program, vmapped over chains, that computes
/// the whole transition (momentum draw, leapfrog with <c>Ax.ValueAndGrad</c> of the log-density,
/// accept/reject) from (state, key). Adaptation runs on the host between calls.
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
    /// <param name="cancellationToken">Checked between iterations.</param>
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
            var transition = HmcKernel.Transition(logDensity, o.LeapfrogSteps, o.RandomizeSteps, o.StepSizeJitter);
            var schedule = new WarmupSchedule(o.Warmup, o.InitialBuffer, o.BaseWindow, o.TerminalBuffer);

            Tensor q = initial;
            Tensor[] start = HmcKernel.Initial(logDensity)([initial]);
            Tensor logp = start[0], grad = start[1];
            double[] logp0 = logp.ToArray<double>();
            for (int c = 0; c < _chains; c++)
                if (!double.IsFinite(logp0[c]))
                    throw new ArgumentException($"Hmc.Sample: the log-density is {logp0[c]} at chain {c}'s starting point; start inside the support", "initialPositions");
            Tensor keys = Rng.Split(Rng.Key(o.Seed), _chains);

            var adapt = Enumerable.Range(0, _chains)
                .Select(_ => new DualAveraging(o.InitialStepSize, o.TargetAcceptance, o.Gamma, o.T0, o.Kappa)).ToArray();
            var variance = Enumerable.Range(0, _chains).Select(_ => new WelfordVariance(_dim)).ToArray();
            var invMass = new double[_chains * _dim];
            Array.Fill(invMass, 1.0);
            Tensor invMassT = HostTensor(invMass, _chains, _dim);
            double[] stepSizes = adapt.Select(a => a.StepSize).ToArray();

            var draws = new double[_chains, o.Draws, _dim];
            var drawLogp = new double[_chains, o.Draws];
            var acceptSum = new double[_chains];
            var divergences = new int[_chains];
            var warmupDivergences = new int[_chains];
            double phaseAccept = 0;
            int phaseDivergences = 0;
            TimeSpan warmupTime = TimeSpan.Zero;
            int total = o.Warmup + o.Draws;

            for (int it = 0; it < total; it++)
            {
                cancel.ThrowIfCancellationRequested();
                bool warm = it < o.Warmup;
                if (it == o.Warmup)
                {
                    warmupTime = clock.Elapsed;
                    phaseAccept = 0;
                    phaseDivergences = 0;
                }

                using Tensor epsT = HostTensor(stepSizes, _chains);
                Tensor[] outs = transition([q, logp, grad, epsT, invMassT, keys]);
                if (!ReferenceEquals(q, initial)) q.Dispose();
                logp.Dispose();
                grad.Dispose();
                keys.Dispose();
                (q, logp, grad, keys) = (outs[0], outs[1], outs[2], outs[5]);
                double[] accept = Read(outs[3]);
                double[] divergent = Read(outs[4]);

                for (int c = 0; c < _chains; c++)
                {
                    phaseAccept += accept[c];
                    if (divergent[c] != 0) phaseDivergences++;
                }

                if (warm)
                {
                    for (int c = 0; c < _chains; c++)
                    {
                        if (divergent[c] != 0) warmupDivergences[c]++;
                        adapt[c].Update(accept[c]);
                        stepSizes[c] = adapt[c].StepSize;
                    }
                    if (o.AdaptMassMatrix && schedule.InSlowWindow(it))
                    {
                        double[] position = q.ToArray<double>();
                        for (int c = 0; c < _chains; c++) variance[c].Add(position.AsSpan(c * _dim, _dim));
                        if (schedule.EndsWindow(it))
                        {
                            for (int c = 0; c < _chains; c++)
                            {
                                variance[c].RegularizedVariance().CopyTo(invMass, c * _dim);
                                variance[c].Reset();
                                adapt[c].Restart(adapt[c].StepSize);
                            }
                            invMassT.Dispose();
                            invMassT = HostTensor(invMass, _chains, _dim);
                        }
                    }
                    if (it == o.Warmup - 1)
                        for (int c = 0; c < _chains; c++) stepSizes[c] = adapt[c].FinalStepSize;
                }
                else
                {
                    int d = it - o.Warmup;
                    double[] position = q.ToArray<double>();
                    double[] lp = logp.ToArray<double>();
                    for (int c = 0; c < _chains; c++)
                    {
                        for (int j = 0; j < _dim; j++) draws[c, d, j] = position[c * _dim + j];
                        drawLogp[c, d] = lp[c];
                        acceptSum[c] += accept[c];
                        if (divergent[c] != 0) divergences[c]++;
                    }
                }

                if (progress is not null && ((it + 1) % o.ProgressInterval == 0 || it + 1 == total))
                {
                    int phaseIterations = warm ? it + 1 : it + 1 - o.Warmup;
                    progress(new HmcProgress(it + 1, total, warm, phaseAccept / (phaseIterations * (double)_chains), phaseDivergences, clock.Elapsed, stepSizes.Average()));
                }
            }
            if (o.Warmup == 0) warmupTime = TimeSpan.Zero;
            TimeSpan samplingTime = clock.Elapsed - warmupTime;

            if (!ReferenceEquals(q, initial)) q.Dispose();
            logp.Dispose();
            grad.Dispose();
            keys.Dispose();
            invMassT.Dispose();

            var invMassOut = new double[_chains, _dim];
            Buffer.BlockCopy(invMass, 0, invMassOut, 0, invMass.Length * sizeof(double));
            return new HmcResult(draws, drawLogp, stepSizes, invMassOut, acceptSum.Select(a => a / o.Draws).ToArray(),
                divergences, warmupDivergences, warmupTime, samplingTime);
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
