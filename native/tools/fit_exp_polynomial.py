#!/usr/bin/python3
"""Fits p in exp(r) = 1 + r + r^2 p(r) on |r| <= ln2/2, minimax in exp's relative error.

Where the coefficients in native/src/compiler/ExpScalef.cpp come from:
    /usr/bin/python3 native/tools/fit_exp_polynomial.py [DEGREE]     (default 4)
Lawson's iteratively reweighted least squares on Chebyshev nodes; prints the maximum relative
error and the coefficients rounded to f32 (constant term first) as C hex floats. Needs numpy
(Debian's python3-numpy, which python3-torch pulls in).
"""
import sys

import numpy as np


def fit(degree, nodes=4000, iterations=60):
    half = np.log(2) / 2 * 1.0001
    r = half * np.cos(np.pi * (np.arange(nodes) + 0.5) / nodes)
    rl = r.astype(np.longdouble)
    q = (np.exp(rl) - 1 - rl) / (rl * rl)
    scale = (rl * rl / np.exp(rl)).astype(float)  # error in q -> relative error of exp
    q = q.astype(float)
    vander = np.vander(r, degree + 1, increasing=True)
    weights = np.ones(nodes)
    for _ in range(iterations):
        w = scale * np.sqrt(weights)
        c, *_ = np.linalg.lstsq(vander * w[:, None], q * w, rcond=None)
        error = np.abs((vander @ c - q) * scale)
        weights = weights * error
        weights /= weights.sum()
    return c, error.max()


def main():
    degree = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    c, error = fit(degree)
    print(f"degree {degree}: max relative error {error:.3g}")
    print(", ".join(f"{float(np.float32(x)).hex()}f" for x in c))


if __name__ == "__main__":
    main()
