// RUN: axle-opt --allow-unregistered-dialect --axle-lower-stablehlo %s | FileCheck %s

// Each elementwise op becomes a linalg.generic on tensors whose body the
// scalar emitter wrote; signed integers become signless.

// CHECK-LABEL: func.func @main
// CHECK-SAME: (%{{.*}}: tensor<4xf32>, %{{.*}}: tensor<4xi32>) -> tensor<4xf32>
// CHECK: linalg.generic
// CHECK: arith.addf
// CHECK: linalg.generic
// CHECK: math.exp
// CHECK: linalg.generic
// CHECK: arith.sitofp
// CHECK-NOT: stablehlo.
func.func public @main(%a: tensor<4xf32>, %i: tensor<4xi32>) -> tensor<4xf32> {
  %0 = "stablehlo.add"(%a, %a) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "stablehlo.exponential"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "stablehlo.convert"(%i) : (tensor<4xi32>) -> tensor<4xf32>
  %3 = "stablehlo.multiply"(%1, %2) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  "func.return"(%3) : (tensor<4xf32>) -> ()
}
