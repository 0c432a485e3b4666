// RUN: axle-opt --axle-approximate-f64 %s | FileCheck %s
// RUN: axle-opt --axle-approximate-f64=libm=1 %s | FileCheck %s --check-prefix=LIBM

// f64 exp and log1p become arithmetic (a polynomial evaluated with fma);
// with libm, log1p becomes a call to libm's log1p and exp stays math.exp.

// CHECK-LABEL: func.func @f
// CHECK-NOT: math.exp
// CHECK-NOT: math.log1p
// CHECK: math.fma
// CHECK: return
// LIBM-LABEL: func.func @f
// LIBM: math.exp
// LIBM: call @log1p
func.func @f(%x: f64) -> (f64, f64) {
  %0 = math.exp %x : f64
  %1 = math.log1p %x : f64
  return %0, %1 : f64, f64
}

// f32 is left to axle-approximate-f32.

// CHECK-LABEL: func.func @g
// CHECK: math.exp
func.func @g(%x: f32) -> f32 {
  %0 = math.exp %x : f32
  return %0 : f32
}
