// A D-dimensional standard normal: the gradient costs next to nothing, so the sampler's own
// per-step overhead sets the leapfrog steps per second.
data {
  int<lower=1> D;
}
parameters {
  vector[D] x;
}
model {
  x ~ std_normal();
}
