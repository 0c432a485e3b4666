//===- LiveObjects.h - Live-object counts of the CPU plugin -----*- C++ -*-===//
//
// The plugin counts every object it hands out (clients, buffers, executables,
// events, errors) so tests and the managed runtime can assert that nothing
// leaks. The counts are reachable only through the PJRT_Api extension chain
// (`PJRT_Api::extension_start`), never through an exported symbol: a loader
// walks the chain, finds the entry whose type is
// AXLE_PJRT_EXTENSION_LIVE_OBJECTS and calls `get_live_counts`. Loaders that do
// not know the type skip it, as they skip any unknown extension.
//
// Counts are process-wide (errors and events belong to no client) and are
// updated atomically, so reading them while other threads run is safe; the
// numbers are then only a snapshot.
//
//===----------------------------------------------------------------------===//
#ifndef AXLE_PJRT_LIVEOBJECTS_H
#define AXLE_PJRT_LIVEOBJECTS_H

#include "pjrt_c_api.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Extension type tag ('AXL1'), far outside upstream's PJRT_Extension_Type.
#define AXLE_PJRT_EXTENSION_LIVE_OBJECTS 0x41584C31

typedef struct AxleLiveObjectCounts {
  int64_t clients;
  int64_t buffers;
  int64_t executables;        // PJRT_Executable handles
  int64_t loaded_executables; // PJRT_LoadedExecutable handles
  int64_t events;
  int64_t errors;
} AxleLiveObjectCounts;

typedef struct AxleLiveObjectsExtension {
  PJRT_Extension_Base base; // base.type == AXLE_PJRT_EXTENSION_LIVE_OBJECTS
  void (*get_live_counts)(AxleLiveObjectCounts *counts);
} AxleLiveObjectsExtension;

#ifdef __cplusplus
} // extern "C"

#include <atomic>
#include <cstring>

namespace axle::pjrt {

/// The extension's type tag read by its bits: the live-objects tag is not one
/// of PJRT_Extension_Type's enumerators, and loading such a value through the
/// enum type is undefined behaviour in C++ (UBSan reports it).
inline int32_t extensionTag(const PJRT_Extension_Base &extension) {
  static_assert(sizeof(extension.type) == sizeof(int32_t),
                "PJRT_Extension_Type is an int-sized enum");
  int32_t tag;
  std::memcpy(&tag, &extension.type, sizeof(tag));
  return tag;
}

enum class LiveKind {
  Client,
  Buffer,
  Executable,
  LoadedExecutable,
  Event,
  Error,
  NumKinds
};

/// The process-wide counter for `kind`.
std::atomic<int64_t> &liveCounter(LiveKind kind);

/// Member that keeps its owner counted for exactly its lifetime, so no
/// constructor or destroy path can forget to update the count.
template <LiveKind Kind> struct Counted {
  Counted() { liveCounter(Kind).fetch_add(1, std::memory_order_relaxed); }
  Counted(const Counted &) : Counted() {}
  Counted &operator=(const Counted &) = default;
  ~Counted() { liveCounter(Kind).fetch_sub(1, std::memory_order_relaxed); }
};

/// The extension record that Api.cpp links into PJRT_Api::extension_start.
const AxleLiveObjectsExtension *liveObjectsExtension();

} // namespace axle::pjrt
#endif

#endif // AXLE_PJRT_LIVEOBJECTS_H
