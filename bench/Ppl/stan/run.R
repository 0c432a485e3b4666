# Stan's side of bench/Ppl: compile a model once (cached between runs), sample it with rstan,
# and write what the C# harness reads:
#   OUTDIR/draws.csv    post-warm-up draws: chain, then every parameter, transformed parameter, lp__
#   OUTDIR/sampler.csv  every iteration's sampler parameters: chain, iteration, warmup (1/0),
#                       accept_stat__, stepsize__, treedepth__, n_leapfrog__, divergent__, energy__
#   OUTDIR/timing.json  compile time (and whether the compiled model came from the cache), each chain process's
#                       wall clock and CPU time around its sampling() call, the wall clock around all chains (forks
#                       and joining included), get_elapsed_time() per chain, versions, the metric Stan adapted
# usage: Rscript run.R MODEL.stan DATA.json OUTDIR CACHEDIR WARMUP DRAWS SEED ADAPT_DELTA METRIC CHAINS CORES
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 11) {
  stop("usage: Rscript run.R MODEL.stan DATA.json OUTDIR CACHEDIR WARMUP DRAWS SEED ADAPT_DELTA METRIC CHAINS CORES; got ",
       length(args), " arguments")
}
model_file <- args[1]
data_file <- args[2]
out_dir <- args[3]
cache_dir <- args[4]
warmup <- as.integer(args[5])
draws <- as.integer(args[6])
seed <- as.integer(args[7])
adapt_delta <- as.numeric(args[8])
metric <- args[9]
chains <- as.integer(args[10])
cores <- as.integer(args[11])
if (!(metric %in% c("diag_e", "dense_e"))) stop("METRIC must be diag_e or dense_e; got ", metric)

suppressPackageStartupMessages({
  library(rstan)
  library(jsonlite)
})

# Debian's r-cran-bh is a virtual package: the Boost headers are libboost-dev's, in /usr/include,
# and BH/include (where rstan looks by default) does not exist, so stan_model() stops with "Boost
# not found". Pointing rstan's boost_lib option at /usr/include is all it needs; no file changes.
if (!nzchar(system.file("include", package = "BH"))) {
  if (!file.exists("/usr/include/boost/version.hpp")) {
    stop("Boost headers not found: no BH/include and no /usr/include/boost (apt-get install libboost-dev)")
  }
  rstan_options(boost_lib = "/usr/include")
}

# Compile once: rstan's auto_write keeps the compiled model as an .rds next to the .stan file and
# reuses it while the code is unchanged, so the copy in the cache is only rewritten when it changed.
dir.create(cache_dir, recursive = TRUE, showWarnings = FALSE)
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)
cached <- file.path(cache_dir, basename(model_file))
code <- readLines(model_file)
if (!file.exists(cached) || !identical(readLines(cached), code)) writeLines(code, cached)
rds <- sub("\\.stan$", ".rds", cached)
compile_file <- sub("\\.stan$", ".compile_s", cached)
from_cache <- file.exists(rds) && file.exists(compile_file) && file.mtime(rds) >= file.mtime(cached)
t0 <- Sys.time()
model <- stan_model(cached, auto_write = TRUE)
load_s <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
if (from_cache) {
  compile_s <- as.numeric(readLines(compile_file))
} else {
  compile_s <- load_s
  writeLines(format(compile_s, digits = 6), compile_file)
}

data <- read_json(data_file, simplifyVector = TRUE)

# One tiny untimed call first: it loads the compiled model's shared library into this process (the chains' forked
# processes inherit it) and warms R's own code, one-time costs that belong with compilation (Axle's compile time
# leaves its equivalents out too).
t0 <- Sys.time()
invisible(capture.output(suppressWarnings(
  sampling(model, data = data, chains = 1L, iter = 2, warmup = 1, seed = seed, refresh = 0))))
first_call_s <- as.numeric(difftime(Sys.time(), t0, units = "secs"))

# What sampling(chains = CHAINS, cores = CORES) does on Linux, spelled out so that each chain can be timed inside its
# own process: rstan forks one process per chain with parallel::mclapply(mc.preschedule = FALSE, mc.cores =
# min(chains, cores)), each calling sampling(chains = 1, chain_id = i) with the same seed, and joins the fits with
# sflist2stanfit. The draws are the same. Each chain's process reports the wall clock and the CPU time of its
# sampling() call: their ratio says how much other processes slowed it down.
one_chain <- function(i) {
  t <- proc.time()
  f <- sampling(model, data = data, chains = 1L, chain_id = i, iter = warmup + draws, warmup = warmup,
                seed = seed, refresh = 0, control = list(adapt_delta = adapt_delta, metric = metric))
  d <- proc.time() - t
  list(fit = f, wall = unname(d[["elapsed"]]), cpu = unname(d[["user.self"]] + d[["sys.self"]]))
}
t0 <- Sys.time()
runs <- parallel::mclapply(seq_len(chains), one_chain, mc.cores = min(cores, chains), mc.preschedule = FALSE)
ok <- vapply(runs, function(r) is.list(r) && inherits(r$fit, "stanfit") && r$fit@mode == 0L, logical(1))
if (!all(ok)) {
  stop("chain(s) ", paste(which(!ok), collapse = ", "), " failed: ",
       paste(vapply(runs[!ok], function(r) paste(as.character(r), collapse = " "), character(1)), collapse = "; "))
}
fit <- sflist2stanfit(lapply(runs, function(r) r$fit))
wall_s <- as.numeric(difftime(Sys.time(), t0, units = "secs"))

arr <- as.array(fit)  # draws x chains x (parameters, transformed parameters, lp__)
draws_long <- do.call(rbind, lapply(seq_len(dim(arr)[2]), function(c) cbind(chain = c, arr[, c, ])))
write.table(draws_long, file.path(out_dir, "draws.csv"), sep = ",", quote = FALSE, row.names = FALSE)

sp <- get_sampler_params(fit, inc_warmup = TRUE)
sampler_long <- do.call(rbind, lapply(seq_along(sp), function(c) {
  n <- nrow(sp[[c]])
  cbind(chain = c, iteration = seq_len(n), warmup = as.integer(seq_len(n) <= warmup), sp[[c]])
}))
write.table(sampler_long, file.path(out_dir, "sampler.csv"), sep = ",", quote = FALSE, row.names = FALSE)

elapsed <- get_elapsed_time(fit)
# The metric Stan actually adapted, read back from its adaptation report ("Diagonal elements of inverse mass
# matrix" or, for dense_e, "Elements of inverse mass matrix" followed by the full matrix), not the argument echoed.
info <- get_adaptation_info(fit)[[1]]
adapted <- if (grepl("Diagonal elements of inverse mass matrix", info, fixed = TRUE)) "diag_e" else
  if (grepl("Elements of inverse mass matrix", info, fixed = TRUE)) "dense_e" else "unknown"
write_json(list(
  compile_s = compile_s, compile_cached = from_cache, load_s = load_s, first_call_s = first_call_s, wall_s = wall_s,
  chain_wall_s = vapply(runs, function(r) r$wall, numeric(1)), chain_cpu_s = vapply(runs, function(r) r$cpu, numeric(1)),
  warmup_s = unname(elapsed[, "warmup"]), sampling_s = unname(elapsed[, "sample"]),
  rstan = as.character(packageVersion("rstan")), stan = stan_version(),
  metric = adapted,
  adapt_delta = adapt_delta, chains = chains, cores = cores, seed = seed
), file.path(out_dir, "timing.json"), auto_unbox = TRUE, digits = NA, pretty = TRUE)
