#!/usr/bin/env python3
"""Compares a gpu-check run (GpuCheck --out DIR) with JAX running the same programs.

    python3 compare_jax.py DIR [--repeat N]

Reads DIR/results.json and DIR/NAME.in*.npy, runs each program in JAX on JAX's default backend
(the GPU when jax[cuda12] is installed), and prints one row per check: agreement (threefry
outputs must be bit-exact, floats within rtol 1e-4 / atol 1e-5; f32 on GPU differs in the last
bits from CPU) and Axle's and JAX's median times side by side. Exit status 1 if any check
disagrees or failed. Needs jax and numpy (pip install "jax[cuda12]").
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import jax
import jax.numpy as jnp

jax.config.update("jax_enable_x64", False)


def _key(raw):
    # Axle's keys are raw u32[2] threefry keys, the same layout as jax.random.PRNGKey.
    return jnp.asarray(raw, dtype=jnp.uint32)


# The programs of tools/GpuCheck/Checks.cs, written with jax.numpy.
PROGRAMS = {
    "sin_sum": lambda x: jnp.sum(jnp.sin(x) * x),
    "matmul_256": lambda a, b: a @ b,
    "grad_logsumexp": lambda x: jax.grad(jax.nn.logsumexp)(x),
    "vmap_row_norms": lambda m: jax.vmap(lambda r: jnp.sum(r * r))(m),
    "threefry_bits": lambda k: jax.random.bits(_key(k), (16,), dtype=jnp.uint32),
    "threefry_split_normal": lambda k: jax.random.normal(jax.random.split(_key(k))[1], (1000,), dtype=jnp.float32),
    "bench_chain_exp_16m": lambda x, y: jnp.exp((x * y + 0.5) * x - y) / 3,
    "bench_row_logsumexp_4096": lambda m: jax.nn.logsumexp(m, axis=1),
    "bench_matmul_1024": lambda a, b: a @ b,
}


def median_ms(f, args, repeat):
    jax.block_until_ready(f(*args))
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        jax.block_until_ready(f(*args))
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times[len(times) // 2]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    with open(os.path.join(args.dir, "results.json")) as f:
        results = json.load(f)
    print(f"Axle: {results['platform']} ({results['plugin']})")
    print(f"JAX:  {jax.__version__} on {jax.devices()[0].platform} ({jax.devices()[0].device_kind})")
    print(f"{'check':<24} {'agree':<6} {'max |diff|':>12} {'Axle ms':>10} {'JAX ms':>10}")

    bad = 0
    for check in results["checks"]:
        name = check["name"]
        if "error" in check:
            print(f"{name:<24} FAILED in Axle: {check['error']}")
            bad += 1
            continue
        inputs = [np.load(os.path.join(args.dir, f"{name}.in{i}.npy")) for i in range(check["inputs"])]
        expected = np.load(os.path.join(args.dir, f"{name}.out.npy"))
        f = jax.jit(PROGRAMS[name])
        actual = np.asarray(f(*inputs))
        if check["exact"]:
            agree = actual.dtype == expected.dtype and np.array_equal(actual, expected)
            diff = 0 if agree else int(np.max(np.abs(actual.astype(np.int64) - expected.astype(np.int64))))
        else:
            agree = actual.shape == expected.shape and np.allclose(actual, expected, rtol=1e-4, atol=1e-5)
            diff = float(np.max(np.abs(actual.astype(np.float64) - expected.astype(np.float64)))) if actual.shape == expected.shape else float("inf")
        bad += 0 if agree else 1
        jax_ms = median_ms(f, inputs, args.repeat)
        print(f"{name:<24} {'yes' if agree else 'NO':<6} {diff:>12.3g} {check['median_ms']:>10.3f} {jax_ms:>10.3f}")

    print(f"{len(results['checks']) - bad} agree, {bad} differ or failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
