// RUN: axle-opt --axle-distinct-returned-buffers %s | FileCheck %s

// A buffer returned twice: the second result gets a copy of its own.

// CHECK-LABEL: func.func @twice
// CHECK: %[[A:.*]] = memref.alloc() : memref<4xf32>
// CHECK: %[[COPY:.*]] = memref.alloc() : memref<4xf32>
// CHECK: memref.copy %[[A]], %[[COPY]]
// CHECK: return %[[A]], %[[COPY]]
func.func @twice() -> (memref<4xf32>, memref<4xf32>) {
  %a = memref.alloc() : memref<4xf32>
  return %a, %a : memref<4xf32>, memref<4xf32>
}
