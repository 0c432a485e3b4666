//===- LiveObjects.cpp - Live-object counts of the CPU plugin -------------===//

#include "pjrt/LiveObjects.h"

namespace axle::pjrt {

std::atomic<int64_t> &liveCounter(LiveKind kind) {
  static std::atomic<int64_t> counters[static_cast<int>(LiveKind::NumKinds)];
  return counters[static_cast<int>(kind)];
}

namespace {
int64_t load(LiveKind kind) {
  return liveCounter(kind).load(std::memory_order_relaxed);
}

void getLiveCounts(AxleLiveObjectCounts *counts) {
  if (!counts)
    return;
  counts->clients = load(LiveKind::Client);
  counts->buffers = load(LiveKind::Buffer);
  counts->executables = load(LiveKind::Executable);
  counts->loaded_executables = load(LiveKind::LoadedExecutable);
  counts->events = load(LiveKind::Event);
  counts->errors = load(LiveKind::Error);
}
} // namespace

const AxleLiveObjectsExtension *liveObjectsExtension() {
  static const AxleLiveObjectsExtension extension = [] {
    AxleLiveObjectsExtension e{};
    e.base.struct_size = sizeof(AxleLiveObjectsExtension);
    // Stored by its bits: converting a value outside the enumerators to
    // PJRT_Extension_Type would be undefined behaviour (see extensionTag).
    const int32_t tag = AXLE_PJRT_EXTENSION_LIVE_OBJECTS;
    std::memcpy(&e.base.type, &tag, sizeof(tag));
    e.base.next = nullptr;
    e.get_live_counts = getLiveCounts;
    return e;
  }();
  return &extension;
}

} // namespace axle::pjrt
