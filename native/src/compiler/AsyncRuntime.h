//===- AsyncRuntime.h - The runtime parallel loops call --------*- C++ -*-===//

#ifndef AXLE_COMPILER_ASYNCRUNTIME_H
#define AXLE_COMPILER_ASYNCRUNTIME_H

#include <cstdint>
#include <condition_variable>
#include <functional>
#include <mutex>

namespace axle {

/// Threads a parallel loop is split across: the caller plus the pool.
int64_t asyncWorkerCount();

/// Lives on the stack of one call into JIT'd code: tasks the call starts
/// count against it, and its destructor waits until every one has returned
/// from its resume function. A task emplaces its token (which releases the
/// caller's await) before its coroutine finishes; without this wait the
/// executable's code could be unloaded under that tail.
class AsyncCallScope {
public:
  AsyncCallScope();
  ~AsyncCallScope();
  AsyncCallScope(const AsyncCallScope &) = delete;
  AsyncCallScope &operator=(const AsyncCallScope &) = delete;

  void taskStarted();
  void taskFinished();
  static AsyncCallScope *current();
  static AsyncCallScope *swapCurrent(AsyncCallScope *scope);

private:
  std::mutex mutex;
  std::condition_variable idle;
  int64_t inFlight = 0;
  AsyncCallScope *previous;
};

/// Registers the `mlirAsyncRuntime*` symbols the JIT'd code calls.
void addAsyncRuntimeSymbols(
    const std::function<void(const char *, void *)> &add);

} // namespace axle

#endif
