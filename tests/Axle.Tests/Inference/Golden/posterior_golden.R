# Golden numbers for DiagnosticsGoldenTests from the Stan team's R package `posterior`
# (Debian's r-cran-posterior, 1.4.0 when these files were written).
#
# Run from the repository root:
#   Rscript tests/Axle.Tests/Inference/Golden/posterior_golden.R
# It writes, next to itself:
#   draws.csv            fixed draws, one line per chain: case,chain,draw 1,draw 2,...
#   posterior_golden.csv posterior's diagnostics of every case, 17 significant digits, NA where
#                        posterior returns NA
# Then run summary_golden.py (it reads both) to refresh summary_golden.txt.
# The draws come from R's seeded Mersenne-Twister and are written with 10 significant digits; the
# diagnostics are computed on the draws as read back from draws.csv, so both sides see the same doubles.

if (!requireNamespace("posterior", quietly = TRUE)) {
  system("apt-get update && apt-get install -y --no-install-recommends r-cran-posterior")
}
suppressMessages(library(posterior))

args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))

set.seed(20240917)

ar1 <- function(chains, n, rho) {
  x <- matrix(0, n, chains)
  for (c in seq_len(chains)) {
    v <- rnorm(1)
    for (i in seq_len(n)) {
      x[i, c] <- v
      v <- rho * v + sqrt(1 - rho^2) * rnorm(1)
    }
  }
  x
}

# Each case: iterations x chains. The first eight share 4 chains x 100 draws (SummaryTests builds an
# InferenceData from them); the rest vary the chain count and the (odd) draw count.
cases <- list(
  iid = matrix(rnorm(400), 100, 4),
  ar1 = ar1(4, 100, 0.9),
  cauchy = matrix(rcauchy(400), 100, 4),
  shifted = matrix(rnorm(400), 100, 4) + matrix(rep(0.6 * (0:3), each = 100), 100, 4),
  scale = matrix(rnorm(400), 100, 4) * matrix(rep(c(3, 1, 1, 1), each = 100), 100, 4),
  ties = matrix(round(2 * rnorm(400)) / 2, 100, 4),
  tiny = 5 + 1e-8 * matrix(rnorm(400), 100, 4),
  const = matrix(2.5, 100, 4),
  ar1neg_odd = ar1(2, 203, -0.6),
  single_odd = ar1(1, 303, 0.5),
  t3_seven = matrix(rt(7 * 60, df = 3), 60, 7),
  short = matrix(rnorm(14), 7, 2),
  alternating = matrix((-1)^(1:40) + 0.1 * rnorm(40), 40, 1)
)

lines <- character(0)
for (name in names(cases)) {
  x <- cases[[name]]
  for (c in seq_len(ncol(x))) {
    lines <- c(lines, paste(c(name, c - 1, sprintf("%.10g", x[, c])), collapse = ","))
  }
}
writeLines(lines, file.path(here, "draws.csv"))

# Read the draws back so that the diagnostics see exactly what the C# test parses.
read_cases <- function(path) {
  out <- list()
  for (line in readLines(path)) {
    f <- strsplit(line, ",", fixed = TRUE)[[1]]
    out[[f[1]]] <- cbind(out[[f[1]]], as.numeric(f[-(1:2)]))
  }
  out
}
cases <- read_cases(file.path(here, "draws.csv"))

num <- function(v) if (is.na(v)) "NA" else sprintf("%.17g", v)
stats <- list(
  mean = function(x) mean(x),
  sd = function(x) sd(x),
  median = function(x) median(x),
  q5 = function(x) unname(quantile2(x, 0.05)),
  q95 = function(x) unname(quantile2(x, 0.95)),
  rhat = rhat,
  rhat_basic = rhat_basic,
  ess_bulk = ess_bulk,
  ess_tail = ess_tail,
  ess_basic = ess_basic,
  ess_mean = ess_mean,
  ess_sd = ess_sd,
  ess_q5 = function(x) unname(ess_quantile(x, 0.05)),
  ess_median = ess_median,
  mcse_mean = mcse_mean,
  mcse_sd = mcse_sd,
  mcse_median = mcse_median,
  mcse_q5 = function(x) unname(mcse_quantile(x, 0.05)),
  mcse_q95 = function(x) unname(mcse_quantile(x, 0.95))
)
out <- paste(c("case", names(stats)), collapse = ",")
for (name in names(cases)) {
  x <- cases[[name]]
  values <- vapply(stats, function(f) num(suppressWarnings(f(x))), "")
  out <- c(out, paste(c(name, values), collapse = ","))
}
writeLines(out, file.path(here, "posterior_golden.csv"))
cat("wrote", length(cases), "cases to", here, "\n")
