#!/usr/bin/python3
"""PyTorch side of bench/Peers: the same workloads, written as a PyTorch user would write them.

Run by the harness (Program.cs) as a subprocess; prints one JSON object on stdout:
  {"torch": version, "threads": n, "results": {key: {"ms", "first_ms", "reps", "probes", "stats"}}}
"probes" are output values at the flat indices the harness compares (16 evenly spaced); "stats"
summarize random draws (different generators give different draws, not different distributions).
Inputs come from the same formula as Data.cs (murmur3's finalizer of index + seed), so no data
files travel. Exits with status 3 when torch cannot be imported.
"""
import argparse
import json
import math
import sys
import time

try:
    import numpy as np
    import torch
    import torch.nn.functional as F
except ImportError as e:  # the harness prints the install hint
    print(f"torch_bench.py: {e}", file=sys.stderr)
    sys.exit(3)


# ---- inputs: identical to Data.cs ------------------------------------------------------------

def unit(n, seed):
    """Values in [-1, 1) as float64, bit-identical to Data.Unit."""
    h = np.arange(n, dtype=np.uint32) + np.uint32((seed * 0x9E3779B9) & 0xFFFFFFFF)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h.astype(np.float64) / 4294967296.0 * 2 - 1


def f64(n, seed, scale=1.0, shift=0.0):
    return torch.from_numpy(unit(n, seed) * scale + shift)


def f32(n, seed, scale=1.0, shift=0.0):
    return torch.from_numpy((unit(n, seed) * scale + shift).astype(np.float32))


def probe(t):
    flat = t.detach().reshape(-1).double()
    n = flat.numel()
    idx = list(range(n)) if n <= 16 else [i * (n // 16) for i in range(16)]
    return [jsonable(float(flat[i])) for i in idx]


def jsonable(v):
    return v if math.isfinite(v) else ("NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity"))


# ---- timing: the same rule as Measure.cs ------------------------------------------------------

def timed(args, fn):
    def once():
        t0 = time.perf_counter()
        fn()
        return (time.perf_counter() - t0) * 1e3
    first = once()
    second = once()
    if second < args.budget * 1000 / args.max_reps:
        until = time.perf_counter() + args.budget * 0.1
        while time.perf_counter() < until:
            fn()
    reps = int(min(max(args.budget * 1000 / max(second, 1e-6), args.min_reps), args.max_reps))
    samples = [second] + [once() for _ in range(reps - 1)]
    samples.sort()
    n = len(samples)
    median = samples[n // 2] if n % 2 else 0.5 * (samples[n // 2 - 1] + samples[n // 2])
    return {"ms": median, "first_ms": first, "reps": reps}


# ---- workloads --------------------------------------------------------------------------------

def elementwise(args, out):
    x = f32(1 << 24, 1, scale=3.0)
    fn = lambda: torch.exp(x * -0.5) * torch.tanh(x * 1.5 + 0.5)
    with torch.no_grad():
        out["elementwise"] = {**timed(args, fn), "probes": {"y": probe(fn())}}


def reductions(args, out):
    n = 4096
    x = f32(n * n, 2, scale=4.0).reshape(n, n)
    with torch.no_grad():
        for key, fn in [("row_sum", lambda: x.sum(dim=1)),
                        ("row_max", lambda: x.amax(dim=1)),
                        ("row_lse", lambda: torch.logsumexp(x, dim=1))]:
            out[key] = {**timed(args, fn), "probes": {"y": probe(fn())}}


def gemm(args, out):
    n = 1024
    with torch.no_grad():
        for key, make in [("gemm_f32", f32), ("gemm_f64", f64)]:
            a, b = make(n * n, 3).reshape(n, n), make(n * n, 4).reshape(n, n)
            fn = lambda: a @ b
            out[key] = {**timed(args, fn), "probes": {"C": probe(fn())}}
        bs, m = 32, 256
        a, b = f32(bs * m * m, 5).reshape(bs, m, m), f32(bs * m * m, 6).reshape(bs, m, m)
        fn = lambda: torch.bmm(a, b)
        out["bmm_f32"] = {**timed(args, fn), "probes": {"C": probe(fn())}}


N, D = 10_000, 100
LOG_2_OVER_PI = math.log(2 / math.pi)
HALF_LOG_2PI = 0.5 * math.log(2 * math.pi)


def seed_logdensity(theta, X, y):
    """The non-centered horseshoe logistic log-density on (log tau, log lambda, z), as SeedModel.cs builds it."""
    log_tau, log_lam, z = theta[0], theta[1:1 + D], theta[1 + D:]
    tau, lam = log_tau.exp(), log_lam.exp()
    beta = tau * lam * z
    half_cauchy = lambda v: LOG_2_OVER_PI - torch.log1p(v * v)
    lp = half_cauchy(tau) + log_tau + (half_cauchy(lam) + log_lam).sum() + (-0.5 * z * z - HALF_LOG_2PI).sum()
    eta = X @ beta
    return lp + (y * F.logsigmoid(-eta) + (1 - y) * F.logsigmoid(eta)).sum()


def seed(args, out):
    x64 = f64(N * D, 7).reshape(N, D)
    y64 = torch.from_numpy((unit(N, 8) > 0).astype(np.float64))
    t64 = f64(1 + 2 * D, 9, scale=0.5)
    for dt, dtype in [("f64", torch.float64), ("f32", torch.float32)]:
        X, y, theta0 = x64.to(dtype), y64.to(dtype), t64.to(dtype)

        def value_and_grad():
            theta = theta0.detach().requires_grad_(True)
            lp = seed_logdensity(theta, X, y)
            grad, = torch.autograd.grad(lp, theta)
            return lp, grad
        lp, grad = value_and_grad()
        out[f"seed_grad_{dt}"] = {**timed(args, value_and_grad), "probes": {"value": probe(lp), "grad": probe(grad)}}

    with torch.no_grad():
        fn = lambda: seed_logdensity(t64, x64, y64)
        out["seed_logdensity_f64"] = {**timed(args, fn), "probes": {"value": probe(fn())}}

    # Prior sampler over 10,000 draws (the seed's centered model: tau, lambda, beta).
    dist = torch.distributions
    one = torch.tensor(1.0, dtype=torch.float64)

    def prior():
        tau = dist.HalfCauchy(one).sample((10_000,))
        lam = dist.HalfCauchy(one).sample((10_000, D))
        beta = dist.Normal(0.0, tau[:, None] * lam).sample()
        return tau, lam, beta
    tau, lam, _ = prior()
    out["prior_vmap"] = {**timed(args, prior),
                         "stats": {"median_tau": float(tau.median()), "median_lambda": float(lam.median())}}

    # Posterior predictive: one Y draw per posterior draw, given (tau, lambda, beta).
    draws = 1000
    beta = f64(draws * D, 12, scale=0.3).reshape(draws, D)

    def predictive():
        return torch.bernoulli(torch.sigmoid(-(beta @ x64.T)))
    out["predictive"] = {**timed(args, predictive), "stats": {"mean_y": float(predictive().mean())}}


def mlp(args, out):
    b, d_in, hidden, classes = 128, 784, 256, 10
    lr = float(np.float32(0.01))  # the harness's f32 learning rate, exactly
    shapes = [(d_in, hidden), (hidden,), (hidden, hidden), (hidden,), (hidden, classes), (classes,)]
    seeds, scales = [21, 22, 26, 27, 28, 29], [0.05, 0.01, 0.05, 0.01, 0.05, 0.01]
    init = [f32(math.prod(s), seed, scale=sc).reshape(s) for s, seed, sc in zip(shapes, seeds, scales)]
    x = f32(b * d_in, 24).reshape(b, d_in)
    labels = torch.from_numpy(np.minimum(np.floor((unit(b, 25) + 1) * classes / 2).astype(np.int64), classes - 1))

    model = torch.nn.Sequential(torch.nn.Linear(d_in, hidden), torch.nn.ReLU(),
                                torch.nn.Linear(hidden, hidden), torch.nn.ReLU(),
                                torch.nn.Linear(hidden, classes))
    linears = [model[0], model[2], model[4]]

    def reset():
        with torch.no_grad():
            for i, lin in enumerate(linears):
                lin.weight.copy_(init[2 * i].T)  # nn.Linear keeps (out, in)
                lin.bias.copy_(init[2 * i + 1])
    reset()
    opt = torch.optim.SGD(model.parameters(), lr=lr)

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(x), labels)
        loss.backward()
        opt.step()
    step()  # one step from the shared initial weights: compare (new - old) / lr with Axle's
    names = ["W1", "b1", "W2", "b2", "W3", "b3"]
    probes = {}
    for i, lin in enumerate(linears):
        probes[names[2 * i]] = probe((lin.weight.detach().T.double() - init[2 * i].double()) / lr)
        probes[names[2 * i + 1]] = probe((lin.bias.detach().double() - init[2 * i + 1].double()) / lr)
    out["mlp_step"] = {**timed(args, step), "probes": probes}

    reset()
    with torch.no_grad():
        fn = lambda: model(x)
        out["mlp_forward"] = {**timed(args, fn), "probes": {"logits": probe(fn())}}


def dispatch(args, out):
    """Per-call overhead: a scripted function of two scalars, and one eager op (timed per 1,000 calls)."""
    calls = 1000

    @torch.jit.script
    def f(x, y):
        return x * y + 1.0
    a, b = torch.tensor(1.5), torch.tensor(2.5)
    x, y = torch.tensor([1.0, 2.0, 3.0, 4.0]), torch.tensor([0.5, 0.25, 0.125, 1.0])
    with torch.no_grad():
        for key, fn, probe_of in [("dispatch_jit", lambda: f(a, b), lambda: f(a, b)),
                                  ("dispatch_eager", lambda: x + y, lambda: x + y)]:
            def many(fn=fn):
                for _ in range(calls):
                    fn()
            r = timed(args, many)
            per = r["ms"] / calls
            out[key] = {"ms": per, "first_ms": max(per, r["first_ms"] - r["ms"] + per), "reps": r["reps"] * calls,
                        "probes": {"z": probe(probe_of())}}


GROUPS = {"elementwise": elementwise, "reductions": reductions, "gemm": gemm, "seed": seed, "mlp": mlp,
          "dispatch": dispatch}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--only", default=",".join(GROUPS))
    p.add_argument("--budget", type=float, default=2.0)
    p.add_argument("--min-reps", type=int, default=5)
    p.add_argument("--max-reps", type=int, default=200)
    args = p.parse_args()
    torch.manual_seed(0)
    out = {}
    # Each group runs with 2 threads (the machine's cores) and with 1; the faster median counts.
    # On a machine shared with other work, every parallel region of an eager op waits for a
    # descheduled thread, and a user would pick the setting that runs faster. Probes and stats
    # come from the 2-thread run.
    for name in args.only.split(","):
        for threads in (2, 1):
            print(f"torch: {name}, {threads} thread(s)", file=sys.stderr)
            torch.set_num_threads(threads)
            run = {}
            GROUPS[name](args, run)
            for key, r in run.items():
                best = out.setdefault(key, {**r, "by_threads": {}})
                best["by_threads"][str(threads)] = {"ms": r["ms"], "first_ms": r["first_ms"], "reps": r["reps"]}
                if r["ms"] < best["ms"]:
                    best.update(ms=r["ms"], first_ms=r["first_ms"], reps=r["reps"])
    json.dump({"torch": torch.__version__, "threads": "best of 1 and 2", "results": out}, sys.stdout)


if __name__ == "__main__":
    main()
