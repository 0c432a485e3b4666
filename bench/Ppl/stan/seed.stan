// The seed model (examples/HorseshoeLogistic), non-centered: the same joint density as Axle's
// Ppl.JointLogprob of tau ~ half-Cauchy(0, 1), lambda ~ half-Cauchy(0, 1), z ~ N(0, 1),
// beta = tau * lambda .* z, y ~ Bernoulli(sigmoid(-X beta)) — note the minus sign: the example
// draws y = 1 with probability sigmoid(-X·beta). rstan 2.21 syntax.
// The likelihood is Stan's fused GLM, bernoulli_logit_glm(X, 0, -beta), the same density as
// bernoulli_logit(-(X * beta)): on this data its gradient costs 17-19 us against 50-52 us
// (Stan's CPU clock per leapfrog step, one chain, 2026-12-07), and the peer should be Stan at its best.
data {
  int<lower=0> N;
  int<lower=1> D;
  matrix[N, D] X;
  int<lower=0, upper=1> y[N];
}
parameters {
  real<lower=0> tau;
  vector<lower=0>[D] lambda;
  vector[D] z;
}
transformed parameters {
  vector[D] beta = tau * (lambda .* z);
}
model {
  tau ~ cauchy(0, 1);
  lambda ~ cauchy(0, 1);
  z ~ std_normal();
  y ~ bernoulli_logit_glm(X, 0, -beta);
}
