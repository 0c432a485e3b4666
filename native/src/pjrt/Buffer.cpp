//===- Buffer.cpp - PJRT_Buffer ------------------------------------------===//
//
// A buffer is a dense row-major array in 64-byte aligned host memory from the
// client's HostPool (large blocks are reused, not refaulted). Delete
// drops the storage but keeps the object (shape queries still work);
// Destroy frees the object.
//
//===----------------------------------------------------------------------===//

#include "pjrt/Entries.h"
#include "pjrt/Objects.h"

#include <cstdlib>
#include <cstring>

namespace axle::pjrt {

std::shared_ptr<DeviceMemory>
DeviceMemory::allocate(std::shared_ptr<ClientState> state, size_t size,
                       bool zeroFill) {
  void *data = nullptr;
  if (size > 0) {
    data = state->pool.allocate(size, kAlignment);
    if (!data)
      return nullptr;
    if (zeroFill)
      std::memset(data, 0, size);
  }
  state->recordAllocation(size);
  return std::shared_ptr<DeviceMemory>(
      new DeviceMemory(std::move(state), data, size));
}

std::shared_ptr<DeviceMemory>
DeviceMemory::borrow(std::shared_ptr<ClientState> state, void *data,
                     size_t size, PJRT_Event *done) {
  return std::shared_ptr<DeviceMemory>(
      new DeviceMemory(std::move(state), data, size, done));
}

DeviceMemory::~DeviceMemory() {
  if (borrowedUntil_) {
    completeAndRelease(borrowedUntil_);
    return;
  }
  state_->pool.release(data_, size_, kAlignment);
  state_->recordFree(size_);
}

PJRT_Buffer *makeBuffer(std::shared_ptr<ClientState> state,
                        PJRT_Buffer_Type type, std::vector<int64_t> dims,
                        std::shared_ptr<DeviceMemory> storage) {
  auto *buffer = new PJRT_Buffer;
  buffer->state = std::move(state);
  buffer->type = type;
  buffer->minorToMajor.resize(dims.size());
  for (size_t i = 0; i < dims.size(); ++i)
    buffer->minorToMajor[i] = static_cast<int64_t>(dims.size() - 1 - i);
  buffer->dims = std::move(dims);
  buffer->byteSize = storage->size();
  buffer->storage = std::move(storage);
  return buffer;
}

namespace {
PJRT_Error *deletedError(const char *function) {
  return failedPrecondition(std::string(function) +
                            ": the buffer has been deleted");
}

// Same-client copy: the CPU device has one memory, so a "move" is a copy.
PJRT_Error *copyBuffer(PJRT_Buffer *source, const char *function,
                       PJRT_Buffer *&result) {
  std::shared_ptr<DeviceMemory> from = source->memory();
  if (!from)
    return deletedError(function);
  std::shared_ptr<DeviceMemory> to =
      DeviceMemory::allocate(source->state, from->size(), false);
  if (!to)
    return resourceExhausted(std::string(function) + ": cannot allocate " +
                             std::to_string(from->size()) + " bytes");
  if (from->size() > 0)
    std::memcpy(to->data(), from->data(), from->size());
  result = makeBuffer(source->state, source->type, source->dims, std::move(to));
  return nullptr;
}
} // namespace

PJRT_Error *bufferDestroy(PJRT_Buffer_Destroy_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Buffer_Destroy_Args);
  delete args->buffer;
  return nullptr;
}

PJRT_Error *bufferElementType(PJRT_Buffer_ElementType_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Buffer_ElementType_Args);
  AXLE_REQUIRE(args->buffer, "PJRT_Buffer_ElementType", "buffer");
  args->type = args->buffer->type;
  return nullptr;
}

PJRT_Error *bufferDimensions(PJRT_Buffer_Dimensions_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Buffer_Dimensions_Args);
  AXLE_REQUIRE(args->buffer, "PJRT_Buffer_Dimensions", "buffer");
  args->dims = args->buffer->dims.data();
  args->num_dims = args->buffer->dims.size();
  return nullptr;
}

PJRT_Error *
bufferUnpaddedDimensions(PJRT_Buffer_UnpaddedDimensions_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Buffer_UnpaddedDimensions_Args);
  AXLE_REQUIRE(args->buffer, "PJRT_Buffer_UnpaddedDimensions", "buffer");
  args->unpadded_dims = args->buffer->dims.data();
  args->num_dims = args->buffer->dims.size();
  return nullptr;
}

PJRT_Error *
bufferDynamicDimensionIndices(PJRT_Buffer_DynamicDimensionIndices_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Buffer_DynamicDimensionIndices_Args);
  AXLE_REQUIRE(args->buffer, "PJRT_Buffer_DynamicDimensionIndices", "buffer");
  args->dynamic_dim_indices = nullptr;
  args->num_dynamic_dims = 0;
  return nullptr;
}

PJRT_Error *bufferGetMemoryLayout(PJRT_Buffer_GetMemoryLayout_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Buffer_GetMemoryLayout_Args);
  AXLE_REQUIRE(args->buffer, "PJRT_Buffer_GetMemoryLayout", "buffer");
  PJRT_Buffer_MemoryLayout &layout = args->layout;
  layout = PJRT_Buffer_MemoryLayout{};
  layout.struct_size = PJRT_Buffer_MemoryLayout_STRUCT_SIZE;
  layout.type = PJRT_Buffer_MemoryLayout_Type_Tiled;
  layout.tiled.struct_size = PJRT_Buffer_MemoryLayout_Tiled_STRUCT_SIZE;
  layout.tiled.minor_to_major = args->buffer->minorToMajor.data();
  layout.tiled.minor_to_major_size = args->buffer->minorToMajor.size();
  layout.tiled.tile_dims = nullptr;
  layout.tiled.tile_dim_sizes = nullptr;
  layout.tiled.num_tiles = 0;
  return nullptr;
}

PJRT_Error *
bufferOnDeviceSizeInBytes(PJRT_Buffer_OnDeviceSizeInBytes_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Buffer_OnDeviceSizeInBytes_Args);
  AXLE_REQUIRE(args->buffer, "PJRT_Buffer_OnDeviceSizeInBytes", "buffer");
  args->on_device_size_in_bytes = args->buffer->byteSize;
  return nullptr;
}

PJRT_Error *bufferDevice(PJRT_Buffer_Device_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Buffer_Device_Args);
  AXLE_REQUIRE(args->buffer, "PJRT_Buffer_Device", "buffer");
  args->device = &args->buffer->state->device;
  return nullptr;
}

PJRT_Error *bufferMemory(PJRT_Buffer_Memory_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Buffer_Memory_Args);
  AXLE_REQUIRE(args->buffer, "PJRT_Buffer_Memory", "buffer");
  args->memory = &args->buffer->state->memory;
  return nullptr;
}

PJRT_Error *bufferDelete(PJRT_Buffer_Delete_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Buffer_Delete_Args);
  AXLE_REQUIRE(args->buffer, "PJRT_Buffer_Delete", "buffer");
  std::shared_ptr<DeviceMemory> released;
  {
    std::lock_guard<std::mutex> lock(args->buffer->mutex);
    released.swap(args->buffer->storage);
  }
  return nullptr;
}

PJRT_Error *bufferIsDeleted(PJRT_Buffer_IsDeleted_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Buffer_IsDeleted_Args);
  AXLE_REQUIRE(args->buffer, "PJRT_Buffer_IsDeleted", "buffer");
  args->is_deleted = args->buffer->memory() == nullptr;
  return nullptr;
}

PJRT_Error *bufferCopyToDevice(PJRT_Buffer_CopyToDevice_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Buffer_CopyToDevice_Args);
  AXLE_REQUIRE(args->buffer, "PJRT_Buffer_CopyToDevice", "buffer");
  AXLE_REQUIRE(args->dst_device, "PJRT_Buffer_CopyToDevice", "dst_device");
  if (PJRT_Error *error = checkPlacement(*args->buffer->state, args->dst_device,
                                         nullptr, "PJRT_Buffer_CopyToDevice"))
    return error;
  return copyBuffer(args->buffer, "PJRT_Buffer_CopyToDevice", args->dst_buffer);
}

PJRT_Error *bufferCopyToMemory(PJRT_Buffer_CopyToMemory_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Buffer_CopyToMemory_Args);
  AXLE_REQUIRE(args->buffer, "PJRT_Buffer_CopyToMemory", "buffer");
  AXLE_REQUIRE(args->dst_memory, "PJRT_Buffer_CopyToMemory", "dst_memory");
  if (PJRT_Error *error =
          checkPlacement(*args->buffer->state, nullptr, args->dst_memory,
                         "PJRT_Buffer_CopyToMemory"))
    return error;
  return copyBuffer(args->buffer, "PJRT_Buffer_CopyToMemory", args->dst_buffer);
}

PJRT_Error *bufferIsOnCpu(PJRT_Buffer_IsOnCpu_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Buffer_IsOnCpu_Args);
  AXLE_REQUIRE(args->buffer, "PJRT_Buffer_IsOnCpu", "buffer");
  args->is_on_cpu = true;
  return nullptr;
}

PJRT_Error *bufferReadyEvent(PJRT_Buffer_ReadyEvent_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Buffer_ReadyEvent_Args);
  AXLE_REQUIRE(args->buffer, "PJRT_Buffer_ReadyEvent", "buffer");
  // Data is written before a buffer is handed out; only a deleted buffer's
  // event carries an error (as upstream documents).
  args->event = args->buffer->memory()
                    ? makeReadyEvent()
                    : makeReadyEvent(PJRT_Error_Code_FAILED_PRECONDITION,
                                     "PJRT_Buffer_ReadyEvent: the buffer has "
                                     "been deleted");
  return nullptr;
}

PJRT_Error *bufferUnsafePointer(PJRT_Buffer_UnsafePointer_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Buffer_UnsafePointer_Args);
  AXLE_REQUIRE(args->buffer, "PJRT_Buffer_UnsafePointer", "buffer");
  std::shared_ptr<DeviceMemory> memory = args->buffer->memory();
  if (!memory)
    return deletedError("PJRT_Buffer_UnsafePointer");
  args->buffer_pointer = reinterpret_cast<uintptr_t>(memory->data());
  return nullptr;
}

// The storage never moves, so the external reference count is bookkeeping
// only; it is kept so unbalanced decrements are reported as upstream does.
PJRT_Error *bufferIncreaseExternalReferenceCount(
    PJRT_Buffer_IncreaseExternalReferenceCount_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Buffer_IncreaseExternalReferenceCount_Args);
  AXLE_REQUIRE(args->buffer, "PJRT_Buffer_IncreaseExternalReferenceCount",
               "buffer");
  args->buffer->externalReferences.fetch_add(1);
  return nullptr;
}

PJRT_Error *bufferDecreaseExternalReferenceCount(
    PJRT_Buffer_DecreaseExternalReferenceCount_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Buffer_DecreaseExternalReferenceCount_Args);
  AXLE_REQUIRE(args->buffer, "PJRT_Buffer_DecreaseExternalReferenceCount",
               "buffer");
  int64_t count = args->buffer->externalReferences.load();
  do {
    if (count <= 0)
      return failedPrecondition("PJRT_Buffer_DecreaseExternalReferenceCount: "
                                "the external reference count is zero");
  } while (!args->buffer->externalReferences.compare_exchange_weak(count,
                                                                   count - 1));
  return nullptr;
}

PJRT_Error *bufferOpaqueDeviceMemoryDataPointer(
    PJRT_Buffer_OpaqueDeviceMemoryDataPointer_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Buffer_OpaqueDeviceMemoryDataPointer_Args);
  AXLE_REQUIRE(args->buffer, "PJRT_Buffer_OpaqueDeviceMemoryDataPointer",
               "buffer");
  std::shared_ptr<DeviceMemory> memory = args->buffer->memory();
  if (!memory)
    return deletedError("PJRT_Buffer_OpaqueDeviceMemoryDataPointer");
  args->device_memory_ptr = memory->data();
  return nullptr;
}

} // namespace axle::pjrt
