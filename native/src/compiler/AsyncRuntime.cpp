//===- AsyncRuntime.cpp - The runtime parallel loops call -----------------===//
//
// Large elementwise loops are split across cores by MLIR's
// async-parallel-for, whose lowering calls the `mlirAsyncRuntime*` C API.
// MLIR ships an implementation in libmlir_async_runtime.so; this is our own,
// so the plugin needs no extra library at run time: reference-counted tokens,
// values and groups (tokens and values start with two references, one for
// the awaiting caller and one for the task that emplaces them) and a small
// fixed pool of worker threads. Calls from several threads at once share the
// pool; every call waits for its own group only, running queued tasks itself
// while any are left.
//
//===----------------------------------------------------------------------===//

#include "AsyncRuntime.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace axle {
namespace {

class RefCounted {
public:
  explicit RefCounted(int64_t count) : refs(count) {}
  virtual ~RefCounted() = default;
  void addRef(int64_t n) { refs.fetch_add(n); }
  void dropRef(int64_t n) {
    if (refs.fetch_sub(n) == n)
      delete this;
  }

private:
  std::atomic<int64_t> refs;
};

/// Token and value: unavailable until emplaced (or set to error), then
/// awaiters run.
struct Awaitable : RefCounted {
  Awaitable() : RefCounted(2) {}
  std::mutex mutex;
  std::condition_variable ready;
  bool done = false, error = false;
  std::vector<std::function<void()>> awaiters;

  void finish(bool isError) {
    std::vector<std::function<void()>> run;
    {
      std::lock_guard<std::mutex> lock(mutex);
      done = true;
      error = isError;
      run.swap(awaiters);
      ready.notify_all();
    }
    for (auto &awaiter : run)
      awaiter();
    dropRef(1); // The task's reference.
  }
  void wait() {
    std::unique_lock<std::mutex> lock(mutex);
    ready.wait(lock, [this] { return done; });
  }
  void whenDone(std::function<void()> f) {
    std::unique_lock<std::mutex> lock(mutex);
    if (done) {
      lock.unlock();
      f();
    } else {
      awaiters.push_back(std::move(f));
    }
  }
};

struct Value : Awaitable {
  explicit Value(int64_t size) : storage(size) {}
  std::vector<std::byte> storage;
};

struct Group : RefCounted {
  explicit Group(int64_t size) : RefCounted(1), pending(size) {}
  std::mutex mutex;
  std::condition_variable ready;
  int64_t pending;
  int64_t rank = 0;
  std::atomic<int64_t> errors{0};
  std::vector<std::function<void()>> awaiters;

  void tokenDone(bool error) {
    std::vector<std::function<void()>> run;
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (error)
        errors.fetch_add(1);
      if (--pending == 0) {
        run.swap(awaiters);
        ready.notify_all();
      }
    }
    for (auto &awaiter : run)
      awaiter();
  }
};

/// Workers for the tasks; the calling thread runs the first block itself, so
/// the pool has one thread fewer than the machine has cores.
class Pool {
public:
  static Pool &instance() {
    static Pool pool;
    return pool;
  }
  static int64_t cores() {
    return std::max(1u, std::thread::hardware_concurrency());
  }
  void submit(std::function<void()> task) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (threads.empty())
        for (int64_t i = 0; i < std::max<int64_t>(1, cores() - 1); ++i)
          threads.emplace_back([this] { work(); });
      tasks.push_back(std::move(task));
    }
    wake.notify_one();
  }
  /// Runs one queued task on the calling thread, if there is one. A caller
  /// waiting for its group helps this way, so a descheduled worker (the
  /// machine may be busy with other processes) delays nobody.
  bool runOne() {
    std::function<void()> task;
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (tasks.empty())
        return false;
      task = std::move(tasks.front());
      tasks.pop_front();
    }
    task();
    return true;
  }
  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stopping = true;
    }
    wake.notify_all();
    for (std::thread &t : threads)
      t.join();
  }

private:
  void work() {
    while (true) {
      std::function<void()> task;
      {
        std::unique_lock<std::mutex> lock(mutex);
        wake.wait(lock, [this] { return stopping || !tasks.empty(); });
        if (tasks.empty())
          return;
        task = std::move(tasks.front());
        tasks.pop_front();
      }
      task();
    }
  }

  std::mutex mutex;
  std::condition_variable wake;
  std::deque<std::function<void()>> tasks;
  std::vector<std::thread> threads;
  bool stopping = false;
};

using Resume = void (*)(void *);

thread_local AsyncCallScope *currentScope = nullptr;

} // namespace

AsyncCallScope::AsyncCallScope() : previous(swapCurrent(this)) {}

AsyncCallScope::~AsyncCallScope() {
  std::unique_lock<std::mutex> lock(mutex);
  idle.wait(lock, [this] { return inFlight == 0; });
  currentScope = previous;
}

void AsyncCallScope::taskStarted() {
  std::lock_guard<std::mutex> lock(mutex);
  ++inFlight;
}

void AsyncCallScope::taskFinished() {
  // Under the lock: once it is released the waiting caller may destroy us.
  std::lock_guard<std::mutex> lock(mutex);
  if (--inFlight == 0)
    idle.notify_all();
}

AsyncCallScope *AsyncCallScope::current() { return currentScope; }

AsyncCallScope *AsyncCallScope::swapCurrent(AsyncCallScope *scope) {
  AsyncCallScope *old = currentScope;
  currentScope = scope;
  return old;
}

namespace {
/// Runs `resume(handle)` as part of `scope` (tasks it starts count too).
void runInScope(AsyncCallScope *scope, void *handle, Resume resume) {
  AsyncCallScope *old = AsyncCallScope::swapCurrent(scope);
  resume(handle);
  AsyncCallScope::swapCurrent(old);
  if (scope)
    scope->taskFinished();
}
} // namespace

int64_t asyncWorkerCount() { return Pool::cores(); }

extern "C" {

void axleAsyncAddRef(void *object, int64_t n) {
  static_cast<RefCounted *>(object)->addRef(n);
}
void axleAsyncDropRef(void *object, int64_t n) {
  static_cast<RefCounted *>(object)->dropRef(n);
}
void *axleAsyncCreateToken() { return static_cast<RefCounted *>(new Awaitable); }
void *axleAsyncCreateValue(int64_t size) {
  return static_cast<RefCounted *>(new Value(size));
}
void *axleAsyncCreateGroup(int64_t size) {
  return static_cast<RefCounted *>(new Group(size));
}

static Awaitable *awaitable(void *p) {
  return static_cast<Awaitable *>(static_cast<RefCounted *>(p));
}
static Group *group(void *p) {
  return static_cast<Group *>(static_cast<RefCounted *>(p));
}

int64_t axleAsyncAddTokenToGroup(void *token, void *g) {
  Group *target = group(g);
  int64_t rank;
  {
    std::lock_guard<std::mutex> lock(target->mutex);
    rank = target->rank++;
  }
  Awaitable *t = awaitable(token);
  target->addRef(1); // Alive until the token is done.
  t->whenDone([target, t] {
    target->tokenDone(t->error);
    target->dropRef(1);
  });
  return rank;
}

void axleAsyncEmplace(void *object) { awaitable(object)->finish(false); }
void axleAsyncSetError(void *object) { awaitable(object)->finish(true); }
bool axleAsyncIsError(void *object) {
  Awaitable *a = awaitable(object);
  std::lock_guard<std::mutex> lock(a->mutex);
  return a->error;
}
bool axleAsyncIsGroupError(void *g) { return group(g)->errors.load() > 0; }
void axleAsyncAwait(void *object) { awaitable(object)->wait(); }
void axleAsyncAwaitAllInGroup(void *g) {
  Group *target = group(g);
  while (true) {
    {
      std::lock_guard<std::mutex> lock(target->mutex);
      if (target->pending == 0)
        return;
    }
    if (!Pool::instance().runOne())
      break; // The rest is running on workers: wait for it.
  }
  std::unique_lock<std::mutex> lock(target->mutex);
  target->ready.wait(lock, [target] { return target->pending == 0; });
}
void *axleAsyncGetValueStorage(void *value) {
  return static_cast<Value *>(awaitable(value))->storage.data();
}
void axleAsyncExecute(void *handle, Resume resume) {
  AsyncCallScope *scope = AsyncCallScope::current();
  if (scope)
    scope->taskStarted();
  Pool::instance().submit(
      [scope, handle, resume] { runInScope(scope, handle, resume); });
}
/// A resume run later, by whichever thread completes what it awaits.
static std::function<void()> deferred(void *handle, Resume resume) {
  AsyncCallScope *scope = AsyncCallScope::current();
  if (scope)
    scope->taskStarted();
  return [scope, handle, resume] { runInScope(scope, handle, resume); };
}

void axleAsyncAwaitAndExecute(void *object, void *handle, Resume resume) {
  awaitable(object)->whenDone(deferred(handle, resume));
}
void axleAsyncAwaitAllInGroupAndExecute(void *g, void *handle,
                                        Resume resume) {
  Group *target = group(g);
  std::function<void()> run = deferred(handle, resume);
  std::unique_lock<std::mutex> lock(target->mutex);
  if (target->pending == 0) {
    lock.unlock();
    run();
  } else {
    target->awaiters.push_back(std::move(run));
  }
}
int64_t axleAsyncWorkerThreads() { return Pool::cores(); }

} // extern "C"

void addAsyncRuntimeSymbols(
    const std::function<void(const char *, void *)> &add) {
  add("mlirAsyncRuntimeAddRef", reinterpret_cast<void *>(&axleAsyncAddRef));
  add("mlirAsyncRuntimeDropRef", reinterpret_cast<void *>(&axleAsyncDropRef));
  add("mlirAsyncRuntimeCreateToken",
      reinterpret_cast<void *>(&axleAsyncCreateToken));
  add("mlirAsyncRuntimeCreateValue",
      reinterpret_cast<void *>(&axleAsyncCreateValue));
  add("mlirAsyncRuntimeCreateGroup",
      reinterpret_cast<void *>(&axleAsyncCreateGroup));
  add("mlirAsyncRuntimeAddTokenToGroup",
      reinterpret_cast<void *>(&axleAsyncAddTokenToGroup));
  add("mlirAsyncRuntimeEmplaceToken",
      reinterpret_cast<void *>(&axleAsyncEmplace));
  add("mlirAsyncRuntimeEmplaceValue",
      reinterpret_cast<void *>(&axleAsyncEmplace));
  add("mlirAsyncRuntimeSetTokenError",
      reinterpret_cast<void *>(&axleAsyncSetError));
  add("mlirAsyncRuntimeSetValueError",
      reinterpret_cast<void *>(&axleAsyncSetError));
  add("mlirAsyncRuntimeIsTokenError",
      reinterpret_cast<void *>(&axleAsyncIsError));
  add("mlirAsyncRuntimeIsValueError",
      reinterpret_cast<void *>(&axleAsyncIsError));
  add("mlirAsyncRuntimeIsGroupError",
      reinterpret_cast<void *>(&axleAsyncIsGroupError));
  add("mlirAsyncRuntimeAwaitToken", reinterpret_cast<void *>(&axleAsyncAwait));
  add("mlirAsyncRuntimeAwaitValue", reinterpret_cast<void *>(&axleAsyncAwait));
  add("mlirAsyncRuntimeAwaitAllInGroup",
      reinterpret_cast<void *>(&axleAsyncAwaitAllInGroup));
  add("mlirAsyncRuntimeGetValueStorage",
      reinterpret_cast<void *>(&axleAsyncGetValueStorage));
  add("mlirAsyncRuntimeExecute", reinterpret_cast<void *>(&axleAsyncExecute));
  add("mlirAsyncRuntimeAwaitTokenAndExecute",
      reinterpret_cast<void *>(&axleAsyncAwaitAndExecute));
  add("mlirAsyncRuntimeAwaitValueAndExecute",
      reinterpret_cast<void *>(&axleAsyncAwaitAndExecute));
  add("mlirAsyncRuntimeAwaitAllInGroupAndExecute",
      reinterpret_cast<void *>(&axleAsyncAwaitAllInGroupAndExecute));
  add("mlirAsyncRuntimGetNumWorkerThreads",
      reinterpret_cast<void *>(&axleAsyncWorkerThreads));
}

} // namespace axle
