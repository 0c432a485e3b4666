// RUN: axle-opt --axle-blas-calls %s | FileCheck %s

// The tagged contraction (now on buffers) becomes a call to the runtime's
// BLAS wrapper on unranked views of the buffers, with the dimension numbers.

#map = affine_map<(d0, d1, d2) -> (d0, d2)>
#map1 = affine_map<(d0, d1, d2) -> (d2, d1)>
#map2 = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK: func.func private @axleDotF32
// CHECK-LABEL: func.func @main
// CHECK-COUNT-3: memref.cast %{{.*}} : memref<64x64xf32> to memref<*xf32>
// CHECK: call @axleDotF32
// CHECK-NOT: linalg.generic
func.func @main(%arg0: memref<64x64xf32>, %arg1: memref<64x64xf32>) -> memref<64x64xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %alloc = memref.alloc() {alignment = 64 : i64} : memref<64x64xf32>
  linalg.fill ins(%cst : f32) outs(%alloc : memref<64x64xf32>)
  linalg.generic {indexing_maps = [#map, #map1, #map2], iterator_types = ["parallel", "parallel", "reduction"]} ins(%arg0, %arg1 : memref<64x64xf32>, memref<64x64xf32>) outs(%alloc : memref<64x64xf32>) attrs =  {axle.blas_dot = array<i64: 0, 0, 17, 1, 64, 64, 64, 64>} {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %0 = arith.mulf %in, %in_0 : f32
    %1 = arith.addf %out, %0 : f32
    linalg.yield %1 : f32
  }
  return %alloc : memref<64x64xf32>
}
