// RUN: axle-opt --axle-hoist-stack-slots %s | FileCheck %s

// A descriptor slot allocated in a loop block moves to the entry block, so
// the loop does not grow the stack each iteration.

// CHECK-LABEL: llvm.func @loop
// CHECK-NEXT: llvm.mlir.constant(1 : index)
// CHECK-NEXT: llvm.alloca
// CHECK: ^bb1
// CHECK-NOT: llvm.alloca
// CHECK: llvm.return
llvm.func @use(!llvm.ptr)
llvm.func @loop(%n: i64) {
  %c0 = llvm.mlir.constant(0 : i64) : i64
  llvm.br ^bb1(%c0 : i64)
^bb1(%i: i64):
  %one = llvm.mlir.constant(1 : index) : i64
  %slot = llvm.alloca %one x !llvm.struct<(i64, ptr)> : (i64) -> !llvm.ptr
  llvm.call @use(%slot) : (!llvm.ptr) -> ()
  %next = llvm.add %i, %one : i64
  %done = llvm.icmp "slt" %next, %n : i64
  llvm.cond_br %done, ^bb1(%next : i64), ^bb2
^bb2:
  llvm.return
}
