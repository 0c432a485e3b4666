// A correlated multivariate normal with known mean and precision matrix (bench/Ppl's 100-d
// workload), written as the quadratic form Axle's log-density computes: the same O(d^2) work per
// gradient on both sides (multi_normal would refactorize the covariance at every evaluation).
data {
  int<lower=1> D;
  vector[D] mu;
  matrix[D, D] P;
}
parameters {
  vector[D] x;
}
model {
  vector[D] d = x - mu;
  target += -0.5 * dot_product(d, P * d);
}
