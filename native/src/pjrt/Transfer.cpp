//===- Transfer.cpp - Host to device and device to host copies ------------===//
//
// Transfers are synchronous copies. For the zero-copy host-buffer semantics
// we still copy (an aliasing buffer would tie device lifetime to caller
// memory); since the plugin never touches `data` after the call returns,
// done_with_host_buffer is ready at once for every semantics, which is what
// each of them promises the caller.
//
//===----------------------------------------------------------------------===//

#include "pjrt/Entries.h"
#include "pjrt/Layout.h"
#include "pjrt/Objects.h"

#include <cstring>

namespace axle::pjrt {
namespace {

// Device buffers are dense row-major; accept a device layout only if it
// describes exactly that.
PJRT_Error *checkDenseDeviceLayout(const PJRT_Buffer_MemoryLayout *layout,
                                   const std::vector<int64_t> &dims,
                                   size_t elementSize, const char *function) {
  if (!layout)
    return nullptr;
  std::vector<int64_t> strides;
  if (PJRT_Error *error =
          layoutToStrides(*layout, dims, elementSize, function, strides))
    return error;
  std::vector<int64_t> dense = denseStrides(dims, elementSize);
  for (size_t i = 0; i < dims.size(); ++i)
    if (dims[i] > 1 && strides[i] != dense[i])
      return unimplemented(std::string(function) +
                           ": only dense row-major device layouts are "
                           "supported");
  return nullptr;
}

PJRT_Error *allocationError(const char *function, size_t size) {
  return resourceExhausted(std::string(function) + ": cannot allocate " +
                           std::to_string(size) + " bytes of host memory");
}

} // namespace

PJRT_Error *
clientBufferFromHostBuffer(PJRT_Client_BufferFromHostBuffer_Args *args) {
  static const char *const fn = "PJRT_Client_BufferFromHostBuffer";
  AXLE_CHECK_ARGS(args, PJRT_Client_BufferFromHostBuffer_Args);
  AXLE_REQUIRE(args->client, fn, "client");
  const std::shared_ptr<ClientState> &state = args->client->state;
  if (PJRT_Error *error =
          checkPlacement(*state, args->device, args->memory, fn))
    return error;
  if (args->host_buffer_semantics <
          PJRT_HostBufferSemantics_kImmutableOnlyDuringCall ||
      args->host_buffer_semantics > PJRT_HostBufferSemantics_kMutableZeroCopy)
    return invalidArgument(std::string(fn) +
                           ": unknown host_buffer_semantics " +
                           std::to_string(args->host_buffer_semantics));
  size_t size = 0;
  if (PJRT_Error *error =
          denseByteSize(args->type, args->dims, args->num_dims, fn, size))
    return error;
  std::vector<int64_t> dims(args->dims, args->dims + args->num_dims);
  size_t elementSize = bufferElementSize(args->type);
  if (PJRT_Error *error =
          checkDenseDeviceLayout(args->device_layout, dims, elementSize, fn))
    return error;
  if (args->num_byte_strides != 0 && args->num_byte_strides != dims.size())
    return invalidArgument(
        std::string(fn) + ": " + std::to_string(args->num_byte_strides) +
        " byte strides for a rank-" + std::to_string(dims.size()) + " array");
  if (args->num_byte_strides != 0)
    AXLE_REQUIRE(args->byte_strides, fn, "byte_strides");
  if (size > 0)
    AXLE_REQUIRE(args->data, fn, "data");
  std::vector<int64_t> dense = denseStrides(dims, elementSize);
  bool denseSource = args->num_byte_strides == 0 ||
                     std::equal(dense.begin(), dense.end(), args->byte_strides);

  // Zero copy when the caller allows it and the data is already what a
  // buffer holds (dense, element-aligned): the buffer reads the caller's
  // memory, which it never writes, until it is released; that is when
  // done_with_host_buffer becomes ready.
  bool zeroCopy =
      (args->host_buffer_semantics ==
           PJRT_HostBufferSemantics_kImmutableZeroCopy ||
       args->host_buffer_semantics ==
           PJRT_HostBufferSemantics_kMutableZeroCopy) &&
      size > 0 && denseSource &&
      reinterpret_cast<uintptr_t>(args->data) % elementSize == 0;
  if (zeroCopy) {
    PJRT_Event *done = makePendingEvent(/*owners=*/2);
    args->done_with_host_buffer = done;
    args->buffer = makeBuffer(
        state, args->type, std::move(dims),
        DeviceMemory::borrow(state, const_cast<void *>(args->data), size,
                             done));
    return nullptr;
  }

  std::shared_ptr<DeviceMemory> storage =
      DeviceMemory::allocate(state, size, false);
  if (!storage)
    return allocationError(fn, size);
  if (size > 0) {
    if (denseSource)
      std::memcpy(storage->data(), args->data, size);
    else
      copyStrided(static_cast<char *>(storage->data()), dense.data(),
                  static_cast<const char *>(args->data), args->byte_strides,
                  dims, elementSize);
  }
  args->done_with_host_buffer = makeReadyEvent();
  args->buffer =
      makeBuffer(state, args->type, std::move(dims), std::move(storage));
  return nullptr;
}

PJRT_Error *clientCreateUninitializedBuffer(
    PJRT_Client_CreateUninitializedBuffer_Args *args) {
  static const char *const fn = "PJRT_Client_CreateUninitializedBuffer";
  AXLE_CHECK_ARGS(args, PJRT_Client_CreateUninitializedBuffer_Args);
  AXLE_REQUIRE(args->client, fn, "client");
  const std::shared_ptr<ClientState> &state = args->client->state;
  if (PJRT_Error *error =
          checkPlacement(*state, args->device, args->memory, fn))
    return error;
  size_t size = 0;
  if (PJRT_Error *error =
          denseByteSize(args->shape_element_type, args->shape_dims,
                        args->shape_num_dims, fn, size))
    return error;
  std::vector<int64_t> dims(args->shape_dims,
                            args->shape_dims + args->shape_num_dims);
  if (PJRT_Error *error = checkDenseDeviceLayout(
          args->shape_layout, dims, bufferElementSize(args->shape_element_type),
          fn))
    return error;
  // Zero-filled: "uninitialized" must not leak earlier data of the process.
  std::shared_ptr<DeviceMemory> storage =
      DeviceMemory::allocate(state, size, true);
  if (!storage)
    return allocationError(fn, size);
  args->buffer = makeBuffer(state, args->shape_element_type, std::move(dims),
                            std::move(storage));
  return nullptr;
}

PJRT_Error *bufferToHostBuffer(PJRT_Buffer_ToHostBuffer_Args *args) {
  static const char *const fn = "PJRT_Buffer_ToHostBuffer";
  AXLE_CHECK_ARGS(args, PJRT_Buffer_ToHostBuffer_Args);
  AXLE_REQUIRE(args->src, fn, "src");
  PJRT_Buffer *buffer = args->src;
  size_t elementSize = bufferElementSize(buffer->type);
  std::vector<int64_t> dense = denseStrides(buffer->dims, elementSize);
  std::vector<int64_t> strides = dense;
  size_t needed = buffer->byteSize;
  if (args->host_layout) {
    if (PJRT_Error *error = layoutToStrides(*args->host_layout, buffer->dims,
                                            elementSize, fn, strides))
      return error;
    // The extent of a strided host array; negative strides would need a
    // base pointer inside `dst`, which this API cannot express.
    needed = buffer->byteSize == 0 ? 0 : elementSize;
    for (size_t i = 0; i < strides.size(); ++i) {
      if (strides[i] < 0)
        return unimplemented(std::string(fn) +
                             ": negative host layout strides");
      if (buffer->byteSize != 0)
        needed += static_cast<size_t>(strides[i]) *
                  static_cast<size_t>(buffer->dims[i] - 1);
    }
  }
  if (!args->dst) {
    args->dst_size = needed;
    args->event = nullptr;
    return nullptr;
  }
  if (args->dst_size < needed)
    return invalidArgument(
        std::string(fn) + ": dst_size is " + std::to_string(args->dst_size) +
        " bytes, the " + bufferTypeName(buffer->type) +
        dimsToString(buffer->dims.data(), buffer->dims.size()) +
        " buffer needs " + std::to_string(needed));
  std::shared_ptr<DeviceMemory> memory = buffer->memory();
  if (!memory)
    return failedPrecondition(std::string(fn) +
                              ": the buffer has been deleted");
  if (strides == dense) {
    if (needed > 0)
      std::memcpy(args->dst, memory->data(), needed);
  } else {
    copyStrided(static_cast<char *>(args->dst), strides.data(),
                static_cast<const char *>(memory->data()), dense.data(),
                buffer->dims, elementSize);
  }
  args->event = makeReadyEvent();
  return nullptr;
}

PJRT_Error *bufferCopyRawToHost(PJRT_Buffer_CopyRawToHost_Args *args) {
  static const char *const fn = "PJRT_Buffer_CopyRawToHost";
  AXLE_CHECK_ARGS(args, PJRT_Buffer_CopyRawToHost_Args);
  AXLE_REQUIRE(args->buffer, fn, "buffer");
  std::shared_ptr<DeviceMemory> memory = args->buffer->memory();
  if (!memory)
    return failedPrecondition(std::string(fn) +
                              ": the buffer has been deleted");
  if (args->offset < 0 || args->transfer_size < 0 ||
      static_cast<uint64_t>(args->offset) > memory->size() ||
      static_cast<uint64_t>(args->transfer_size) >
          memory->size() - static_cast<uint64_t>(args->offset))
    return invalidArgument(
        std::string(fn) + ": range [" + std::to_string(args->offset) + ", +" +
        std::to_string(args->transfer_size) + ") is outside the " +
        std::to_string(memory->size()) + "-byte buffer");
  if (args->transfer_size > 0) {
    AXLE_REQUIRE(args->dst, fn, "dst");
    std::memcpy(args->dst, static_cast<char *>(memory->data()) + args->offset,
                static_cast<size_t>(args->transfer_size));
  }
  args->event = makeReadyEvent();
  return nullptr;
}

} // namespace axle::pjrt
