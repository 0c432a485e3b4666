//===- Objects.h - The plugin's PJRT objects --------------------*- C++ -*-===//
//
// Definitions of the opaque PJRT object types for one host CPU device.
//
// Lifetime rule: everything a buffer or executable needs from its client
// (device, memory, allocation statistics) lives in a ClientState held by
// shared_ptr. PJRT_Client owns one reference; every buffer and loaded
// executable owns another. Destroying a client while buffers or executables
// are alive is therefore safe: the state goes away with the last of them.
//
//===----------------------------------------------------------------------===//
#ifndef AXLE_PJRT_OBJECTS_H
#define AXLE_PJRT_OBJECTS_H

#include "compiler/Compiler.h"
#include "pjrt/Error.h"
#include "HostPool.h"
#include "pjrt/LiveObjects.h"

#include "pjrt_c_api.h"

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

struct ClientState;

struct PJRT_DeviceDescription {
  int id = 0;
  int processIndex = 0;
  std::string kind;
  std::string debugString;
  std::string toString;
};

struct PJRT_Device {
  PJRT_DeviceDescription description;
  int localHardwareId = 0;
  PJRT_Memory *defaultMemory = nullptr;
  std::vector<PJRT_Memory *> memories;
  ClientState *state = nullptr;
};

namespace axle::pjrt {

/// The plugin's memory space. It derives from the header's PJRT_Memory so the
/// user-data function table newer callers use is filled in.
struct MemoryImpl : PJRT_Memory {
  int id = 0;
  int kindId = 0;
  std::string kind;
  std::string debugString;
  std::string toString;
  std::vector<PJRT_Device *> devices;

  std::mutex userDataMutex;
  std::map<const void *, std::pair<void *, void (*)(void *)>> userData;

  MemoryImpl();
  ~MemoryImpl();
};

/// Host storage of one buffer: 64-byte aligned so the JIT's vector loads and
/// stores never straddle a cache line at the start of a tensor.
class DeviceMemory {
public:
  static constexpr size_t kAlignment = 64;

  /// Null when `size` bytes cannot be allocated. A zero size gives a valid
  /// object with a null data pointer.
  static std::shared_ptr<DeviceMemory>
  allocate(std::shared_ptr<ClientState> state, size_t size, bool zeroFill);
  /// Storage that is the caller's host memory (zero-copy transfers): never
  /// written, never freed; `done` is set ready when the storage is released,
  /// and this storage holds one of its owner references.
  static std::shared_ptr<DeviceMemory>
  borrow(std::shared_ptr<ClientState> state, void *data, size_t size,
         PJRT_Event *done);
  ~DeviceMemory();

  void *data() const { return data_; }
  size_t size() const { return size_; }

private:
  DeviceMemory(std::shared_ptr<ClientState> state, void *data, size_t size,
               PJRT_Event *borrowedUntil = nullptr)
      : state_(std::move(state)), data_(data), size_(size),
        borrowedUntil_(borrowedUntil) {}

  std::shared_ptr<ClientState> state_;
  void *data_;
  size_t size_;
  PJRT_Event *borrowedUntil_; // Non-null for borrowed host memory.
};

} // namespace axle::pjrt

/// Everything a client's objects share (see the lifetime rule above). The
/// device and memory tables are built once and never change, so readers need
/// no lock; the statistics are atomics.
struct ClientState {
  PJRT_Device device;
  axle::pjrt::MemoryImpl memory;
  std::vector<PJRT_Device *> devices;
  std::vector<PJRT_Memory *> memories;
  std::string platformName = "cpu";
  std::string platformVersion;

  std::atomic<int64_t> bytesInUse{0};
  std::atomic<int64_t> peakBytesInUse{0};
  std::atomic<int64_t> numAllocs{0};
  std::atomic<int64_t> largestAlloc{0};

  /// Declared after everything a buffer may touch: blocks it still caches are
  /// freed when the last buffer (which holds this state) is gone.
  axle::HostPool pool;

  /// From the client's create options (`cpu_threads`).
  axle::CompileOptions options;

  ClientState();
  void recordAllocation(size_t size);
  void recordFree(size_t size);
};

struct PJRT_Client {
  std::shared_ptr<ClientState> state;
  axle::pjrt::Counted<axle::pjrt::LiveKind::Client> counted;
};

struct PJRT_Buffer {
  std::shared_ptr<ClientState> state;
  PJRT_Buffer_Type type = PJRT_Buffer_Type_INVALID;
  std::vector<int64_t> dims;
  /// Reported by GetMemoryLayout: dense row-major is rank-1 ... 0.
  std::vector<int64_t> minorToMajor;
  size_t byteSize = 0;
  std::atomic<int64_t> externalReferences{0};

  /// Null once the buffer is deleted. Readers copy the shared_ptr under the
  /// lock and use the copy, so a concurrent Delete cannot free data in use.
  std::shared_ptr<axle::pjrt::DeviceMemory> storage;
  mutable std::mutex mutex;
  axle::pjrt::Counted<axle::pjrt::LiveKind::Buffer> counted;

  std::shared_ptr<axle::pjrt::DeviceMemory> memory() const {
    std::lock_guard<std::mutex> lock(mutex);
    return storage;
  }
};

struct PJRT_Event {
  /// The caller's handle, plus the storage of a zero-copy buffer whose
  /// done_with_host_buffer event this is: the last owner deletes it.
  std::atomic<int> owners{1};
  std::mutex mutex;
  std::condition_variable readyChanged;
  bool ready = false;
  PJRT_Error_Code code = PJRT_Error_Code_OK;
  std::string message;
  std::vector<std::pair<PJRT_Event_OnReadyCallback, void *>> callbacks;
  axle::pjrt::Counted<axle::pjrt::LiveKind::Event> counted;
};

namespace axle::pjrt {

/// A compiled program and everything the Executable_* queries hand out,
/// computed once so the returned pointers live as long as the program.
struct Program {
  std::unique_ptr<axle::Executable> executable;
  std::string fingerprint;
  std::vector<PJRT_Buffer_Type> outputTypes;
  std::vector<int64_t> outputDims;
  std::vector<size_t> outputDimSizes;
  std::vector<const char *> outputMemoryKinds;
  std::vector<size_t> outputMemoryKindSizes;
  std::vector<const char *> parameterMemoryKinds;
  std::vector<size_t> parameterMemoryKindSizes;
};

/// Ready events: execution and transfers are synchronous.
PJRT_Event *makeReadyEvent(PJRT_Error_Code code = PJRT_Error_Code_OK,
                           std::string message = {});

/// A pending event with `owners` owner references (PJRT_Event_Destroy
/// drops one).
PJRT_Event *makePendingEvent(int owners);

/// Sets `event` ready (if it is not yet) and drops one owner reference.
void completeAndRelease(PJRT_Event *event);

/// Bytes per element of `type` in a buffer; 0 for types buffers cannot hold
/// (sub-byte integers and floats, TOKEN, INVALID).
size_t bufferElementSize(PJRT_Buffer_Type type);

/// A printable name such as "F32", for messages.
std::string bufferTypeName(PJRT_Buffer_Type type);

/// "[2,3]" for messages.
std::string dimsToString(const int64_t *dims, size_t rank);

/// Dense row-major size of a `type`/`dims` buffer, or an error: negative
/// dimension or unsupported type (INVALID_ARGUMENT), or a size that overflows
/// or exceeds the host's memory (RESOURCE_EXHAUSTED).
PJRT_Error *denseByteSize(PJRT_Buffer_Type type, const int64_t *dims,
                          size_t rank, const char *function, size_t &size);

/// A new buffer over `storage` (already sized for `type` and `dims`).
PJRT_Buffer *makeBuffer(std::shared_ptr<ClientState> state,
                        PJRT_Buffer_Type type, std::vector<int64_t> dims,
                        std::shared_ptr<DeviceMemory> storage);

/// Checks that `device`/`memory` (either may be null) name this client's
/// device and memory.
PJRT_Error *checkPlacement(const ClientState &state, PJRT_Device *device,
                           PJRT_Memory *memory, const char *function);

} // namespace axle::pjrt

struct PJRT_Executable {
  std::shared_ptr<const axle::pjrt::Program> program;
  axle::pjrt::Counted<axle::pjrt::LiveKind::Executable> counted;
};

struct PJRT_LoadedExecutable {
  std::shared_ptr<ClientState> state;
  /// Null after LoadedExecutable_Delete; executions in flight hold their own
  /// reference, so the program is freed when the last of them returns.
  std::shared_ptr<const axle::pjrt::Program> program;
  mutable std::mutex mutex;
  axle::pjrt::Counted<axle::pjrt::LiveKind::LoadedExecutable> counted;

  std::shared_ptr<const axle::pjrt::Program> current() const {
    std::lock_guard<std::mutex> lock(mutex);
    return program;
  }
};

#endif // AXLE_PJRT_OBJECTS_H
