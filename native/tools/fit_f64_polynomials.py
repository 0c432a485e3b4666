#!/usr/bin/python3
"""Fits the polynomials of the inline f64 exp/expm1 and log/log1p (native/src/compiler/F64Approximations.cpp).

Where the constants in F64Approximations.cpp come from:
    /usr/bin/python3 native/tools/fit_f64_polynomials.py [EXP_DEGREE [LOG_DEGREE]]   (default 9 6)

Both are weighted minimax fits by the Remez exchange algorithm, computed in 60-digit arithmetic
(mpmath; Debian's python3-mpmath), then rounded to doubles; the printed errors, measured on a
dense grid, are the fit's and the rounded coefficients'. (Refitting the higher coefficients after
rounding each lower one, the usual remedy for the rounding loss, leaves a pole-like residual at 0
that the exchange does not converge on; the loss here is half a bit, far below a double's
rounding.)

exp:  exp(r) = 1 + r + r^2 q(r) on |r| <= ln2/2 (the reduced argument of exp and expm1), q minimax
      in exp's relative error, i.e. weight r^2 / exp(r). Degree 9 (exp's total degree 11) is the
      lowest whose error (~2^-57) stays well under a double's rounding.
log:  log(1+f) = f - s (f - R) with s = f/(2+f) (fdlibm's e_log.c scheme), R(z) = z P(z), z = s^2,
      on 0 <= z <= ((sqrt2-1)/(sqrt2+1))^2; P minimax in R's absolute error (weight z). Degree 6
      reproduces fdlibm's Lg1..Lg7 to ~4 significant digits and their error bound, 2^-58.45.
Also prints ln 2 split for Cody-Waite reduction: a 32-bit head (k * head is exact for |k| < 2^21)
and the rounded tail.
"""
import sys

import mpmath as mp

mp.mp.dps = 60


def solve_reference(g, w, points, degree):
    """Coefficients c and level E with w(x_i) (p(x_i) - g(x_i)) = (-1)^i E at every point."""
    n = degree + 1
    rows, rhs = [], []
    for i, x in enumerate(points):
        rows.append([x**j for j in range(n)] + [-((-1) ** i) / w(x)])
        rhs.append(g(x))
    solution = mp.lu_solve(mp.matrix(rows), mp.matrix(rhs))
    return [solution[j] for j in range(n)], solution[n]


def evaluate(c, x):
    acc = mp.mpf(0)
    for coefficient in reversed(c):
        acc = acc * x + coefficient
    return acc


def extrema(error, a, b, samples=3000):
    """Alternating local extrema of `error` on [a, b]: the largest |error| of each same-sign run of a
    Chebyshev-spaced grid, refined by golden-section search around it."""
    grid = [a + (b - a) * (1 - mp.cos(mp.pi * i / (samples - 1))) / 2 for i in range(samples)]
    values = [error(x) for x in grid]
    runs = []  # (index of the run's largest |error|)
    for i, v in enumerate(values):
        if runs and mp.sign(values[runs[-1]]) == mp.sign(v):
            if abs(v) > abs(values[runs[-1]]):
                runs[-1] = i
        else:
            runs.append(i)
    points = []
    for i in runs:
        lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, samples - 1)]
        sign = mp.sign(values[i])
        f = lambda x: -sign * error(x)
        golden = (mp.sqrt(5) - 1) / 2
        for _ in range(60):
            m1, m2 = hi - golden * (hi - lo), lo + golden * (hi - lo)
            if f(m1) < f(m2):
                hi = m2
            else:
                lo = m1
        points.append((lo + hi) / 2)
    return points


def remez(g, w, a, b, degree, iterations=30):
    n = degree + 2
    points = [a + (b - a) * (1 - mp.cos(mp.pi * i / (n - 1))) / 2 for i in range(n)]
    # The weights vanish at r = 0 (exp) and z = 0 (log), where the error is 0 whatever p is:
    # a reference point there would make the system singular, so it moves off.
    points = [x + (b - a) / (3 * n) if w(x) < mp.mpf(10) ** -30 else x for x in points]
    for _ in range(iterations):
        c, level = solve_reference(g, w, points, degree)
        error = lambda x: w(x) * (evaluate(c, x) - g(x))
        found = extrema(error, a, b)
        # Keep n alternating points: drop the smaller end while there are too many.
        while len(found) > n:
            if abs(error(found[0])) < abs(error(found[-1])):
                found.pop(0)
            else:
                found.pop()
        if len(found) < n:
            break
        spread = max(abs(error(x)) for x in found) / min(abs(error(x)) for x in found)
        points = found
        if spread < 1 + mp.mpf(10) ** -8:
            break
    return c


def max_error(c, g, w, a, b, samples=20000):
    return max(abs(w(x) * (evaluate(c, x) - g(x))) for x in mp.linspace(a, b, samples))


def fit_exp(degree):
    def g(r):  # (exp(r) - 1 - r) / r^2, its limit 1/2 at 0
        return mp.mpf(1) / 2 if r == 0 else (mp.exp(r) - 1 - r) / r**2

    w = lambda r: r**2 / mp.exp(r)
    # 1.0001: |r| slightly exceeds ln2/2 after rounding k and splitting ln 2.
    half = mp.log(2) / 2 * mp.mpf("1.0001")
    c = remez(g, w, -half, half, degree)
    rounded = [mp.mpf(float(x)) for x in c]
    return max_error(c, g, w, -half, half), rounded, max_error(rounded, g, w, -half, half)


def fit_log(degree):
    def g(z):  # R(z) / z with R = (log((1+s)/(1-s)) - 2s) / s, s = sqrt(z); its limit 2/3 at 0
        if z == 0:
            return mp.mpf(2) / 3
        s = mp.sqrt(z)
        return (mp.log((1 + s) / (1 - s)) - 2 * s) / s**3

    w = lambda z: z
    top = ((mp.sqrt(2) - 1) / (mp.sqrt(2) + 1)) ** 2 * mp.mpf("1.0001")
    c = remez(g, w, mp.mpf(0), top, degree)
    rounded = [mp.mpf(float(x)) for x in c]
    return max_error(c, g, w, mp.mpf(0), top), rounded, max_error(rounded, g, w, mp.mpf(0), top)


def ln2_split():
    ln2 = mp.log(2)
    head = mp.ldexp(mp.floor(mp.ldexp(ln2, 32)), -32)  # 32 significant bits
    tail = mp.mpf(float(ln2 - head))
    return float(head), float(tail)


def log2(x):
    return f"{float(mp.log(x, 2)):.2f}"


def main():
    exp_degree = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    log_degree = int(sys.argv[2]) if len(sys.argv) > 2 else 6
    exact, c, error = fit_exp(exp_degree)
    print(f"exp q, degree {exp_degree}: max relative error of exp 2^{log2(exact)}, "
          f"2^{log2(error)} with the coefficients rounded:")
    print(", ".join(float(x).hex() for x in c))
    exact, c, error = fit_log(log_degree)
    print(f"log P, degree {log_degree}: max absolute error of R 2^{log2(exact)}, "
          f"2^{log2(error)} with the coefficients rounded:")
    print(", ".join(float(x).hex() for x in c))
    head, tail = ln2_split()
    print(f"ln2 head {head.hex()}, tail {tail.hex()}; 1/ln2 {float(1 / mp.log(2)).hex()}")


if __name__ == "__main__":
    main()
