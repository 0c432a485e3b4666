"""Golden text for SummaryTests: az.summary's table, as ArviZ 0.x builds and pandas prints it.

Run from the repository root after posterior_golden.R (Debian's python3-pandas and python3-numpy):
    python3 tests/Axle.Tests/Inference/Golden/summary_golden.py
It reads draws.csv and posterior_golden.csv next to itself and writes summary_golden.txt (all
variables, hdi_prob=0.94) and summary_golden_hdi90.txt (var_names=["theta", "mu"], hdi_prob=0.9).

ArviZ is not packaged for Debian, so this script does ArviZ's last steps itself, following its
source (arviz/stats/stats.py, summary and _hdi): the diagnostics come from posterior (R) via
posterior_golden.csv, the HDI is ArviZ's rule (narrowest window of floor(prob * n) + 1 sorted draws,
first on ties), the labels are BaseLabeller's "name[coord, coord]", the rounding is summary's default
(3 decimals; ess_bulk, ess_tail 0; r_hat 2), and pandas formats the frame with to_string().
"""
import csv
import os

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))


def read_draws():
    cases = {}
    with open(os.path.join(HERE, "draws.csv")) as f:
        for row in csv.reader(f):
            cases.setdefault(row[0], []).append([float(v) for v in row[2:]])
    return {name: np.array(chains) for name, chains in cases.items()}


def read_golden():
    with open(os.path.join(HERE, "posterior_golden.csv")) as f:
        rows = list(csv.DictReader(f))
    return {r["case"]: {k: float("nan") if v == "NA" else float(v) for k, v in r.items() if k != "case"} for r in rows}


def hdi(ary, hdi_prob):
    ary = np.sort(ary.flatten())
    n = len(ary)
    interval_idx_inc = int(np.floor(hdi_prob * n))
    n_intervals = n - interval_idx_inc
    interval_width = np.subtract(ary[interval_idx_inc:], ary[:n_intervals], dtype=np.float64)
    min_idx = np.argmin(interval_width)
    return ary[min_idx], ary[min_idx + interval_idx_inc]


# The InferenceData of SummaryTests: variable -> list of (label, case).
VARIABLES = {
    "mu": [("mu", "iid")],
    "theta": [("theta[Choate]", "ar1"), ("theta[Deerfield]", "cauchy"), ("theta[Phillips Andover]", "shifted")],
    "L": [("L[0, 0]", "scale"), ("L[0, 1]", "ties"), ("L[1, 0]", "tiny"), ("L[1, 1]", "const")],
}


def summary(var_names, hdi_prob):
    draws, golden = read_draws(), read_golden()
    alpha = 1 - hdi_prob
    columns = ["mean", "sd", f"hdi_{100 * alpha / 2:g}%", f"hdi_{100 * (1 - alpha / 2):g}%",
               "mcse_mean", "mcse_sd", "ess_bulk", "ess_tail", "r_hat"]
    index, values = [], []
    for var in var_names:
        for label, case in VARIABLES[var]:
            g = golden[case]
            lower, upper = hdi(draws[case], hdi_prob)
            index.append(label)
            values.append([g["mean"], g["sd"], lower, upper, g["mcse_mean"], g["mcse_sd"],
                           g["ess_bulk"], g["ess_tail"], g["rhat"]])
    df = pd.DataFrame(np.array(values, dtype=np.float64), columns=columns, index=index)
    decimals = {col: 3 if col not in {"ess_bulk", "ess_tail", "r_hat"} else 2 if col == "r_hat" else 0
                for col in df.columns}
    return df.round(decimals).to_string()


for name, var_names, prob in [("summary_golden.txt", ["mu", "theta", "L"], 0.94),
                              ("summary_golden_hdi90.txt", ["theta", "mu"], 0.9)]:
    with open(os.path.join(HERE, name), "w") as f:
        f.write(summary(var_names, prob))
    print(f"wrote {name}")
