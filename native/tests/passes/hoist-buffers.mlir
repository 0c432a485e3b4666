// RUN: axle-opt --axle-hoist-buffers %s | FileCheck %s

// A while loop's temporaries (the comparison's i1, the counter's next value,
// the body's vector) are allocated once, on the stack, before the loop rather
// than on every iteration.

// CHECK-LABEL: func.func @main
// CHECK-DAG: memref.alloca() {{.*}}: memref<i1>
// CHECK-DAG: memref.alloca() {{.*}}: memref<3xf32>
// CHECK: scf.while
// CHECK-NOT: memref.alloc
// CHECK: scf.yield
#map = affine_map<() -> ()>
#map1 = affine_map<(d0) -> (d0)>
module {
  memref.global "private" constant @__constant_xi64 : memref<i64> = dense<0> {alignment = 64 : i64}
  func.func @main(%arg0: memref<i64>, %arg1: memref<3xf32>, %arg2: memref<3xf32>, %arg3: memref<3xf32>) {
    %c1_i64 = arith.constant 1 : i64
    %0 = memref.get_global @__constant_xi64 : memref<i64>
    %alloc = memref.alloc() {alignment = 64 : i64} : memref<i64>
    memref.copy %0, %alloc : memref<i64> to memref<i64>
    %alloc_0 = memref.alloc() {alignment = 64 : i64} : memref<3xf32>
    memref.copy %arg1, %alloc_0 : memref<3xf32> to memref<3xf32>
    scf.while : () -> () {
      %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<i1>
      linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = []} ins(%alloc, %arg0 : memref<i64>, memref<i64>) outs(%alloc_1 : memref<i1>) {
      ^bb0(%in: i64, %in_2: i64, %out: i1):
        %2 = arith.cmpi slt, %in, %in_2 : i64
        linalg.yield %2 : i1
      }
      %1 = memref.load %alloc_1[] : memref<i1>
      scf.condition(%1)
    } do {
      %alloc_1 = memref.alloc() {alignment = 64 : i64} : memref<i64>
      linalg.generic {indexing_maps = [#map, #map], iterator_types = []} ins(%alloc : memref<i64>) outs(%alloc_1 : memref<i64>) {
      ^bb0(%in: i64, %out: i64):
        %1 = arith.addi %in, %c1_i64 : i64
        linalg.yield %1 : i64
      }
      %alloc_2 = memref.alloc() {alignment = 64 : i64} : memref<3xf32>
      linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel"]} ins(%alloc_0 : memref<3xf32>) outs(%alloc_2 : memref<3xf32>) {
      ^bb0(%in: f32, %out: f32):
        %1 = arith.addf %in, %in : f32
        %2 = math.exp %1 : f32
        %3 = arith.addf %1, %2 : f32
        linalg.yield %3 : f32
      }
      linalg.copy ins(%alloc_1 : memref<i64>) outs(%alloc : memref<i64>)
      linalg.copy ins(%alloc_2 : memref<3xf32>) outs(%alloc_0 : memref<3xf32>)
      scf.yield
    }
    memref.copy %alloc_0, %arg3 : memref<3xf32> to memref<3xf32>
    return
  }
}

