// RUN: axle-opt --axle-approximate-f32=exp-form=portable %s | FileCheck %s
// RUN: axle-opt --axle-approximate-f32=exp-form=scalef %s | FileCheck %s --check-prefix=SCALEF

// f32 exp, log and tanh become inline polynomials (no math ops remain).
// Portable exp computes exp(x/2)^2 at both ends of the range; the scalef form
// scales by 2^k with llvm.intr.ldexp. Subnormal log inputs are scaled by
// 2^24 first.

// CHECK-LABEL: func.func @f
// CHECK-NOT: math.{{exp|log|tanh}}
// CHECK-DAG: arith.constant -87.3365{{.*}} : f32
// CHECK-DAG: arith.constant 16.6355{{.*}} : f32
// CHECK-NOT: math.{{exp|log|tanh}}
// CHECK: return
// SCALEF-LABEL: func.func @f
// SCALEF-NOT: math.exp
// SCALEF-NOT: -87.3365
// SCALEF: llvm.intr.ldexp
// SCALEF: return
func.func @f(%x: f32) -> (f32, f32, f32) {
  %0 = math.exp %x : f32
  %1 = math.log %x : f32
  %2 = math.tanh %x : f32
  return %0, %1, %2 : f32, f32, f32
}
