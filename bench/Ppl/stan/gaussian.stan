// A correlated multivariate normal with known mean and precision matrix (bench/Ppl's 100-d
// workload): the quadratic form -(x - mu)' P (x - mu) / 2 that Axle's log-density computes, the
// same O(d^2) work per gradient (multi_normal would refactorize the covariance at every
// evaluation). quad_form_sym has its own reverse-mode rule: 35-38 us per leapfrog step against
// 53 us for dot_product(d, P * d) (Stan's CPU clock, one chain, dense metric, 2026-12-07).
data {
  int<lower=1> D;
  vector[D] mu;
  matrix[D, D] P;
}
parameters {
  vector[D] x;
}
model {
  target += -0.5 * quad_form_sym(P, x - mu);
}
