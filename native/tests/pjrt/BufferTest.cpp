//===- BufferTest.cpp - Host <-> device transfers and buffer queries ------===//

#include "PluginFixture.h"

#include <complex>
#include <numeric>

namespace axle::test {
namespace {

class BufferTest : public PluginTest {
protected:
  // Uploads `bytes` as `type`/`dims`, checks every query, downloads, compares.
  void roundTrip(PJRT_Buffer_Type type, const std::vector<int64_t> &dims,
                 size_t elementSize) {
    size_t count = 1;
    for (int64_t d : dims)
      count *= static_cast<size_t>(d);
    std::vector<char> bytes(count * elementSize);
    for (size_t i = 0; i < bytes.size(); ++i)
      bytes[i] = static_cast<char>(i * 7 + 3);
    if (type == PJRT_Buffer_Type_PRED)
      for (size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<char>(i % 3 == 0);
    PJRT_Buffer *buffer = upload(type, dims, bytes.data());
    ASSERT_NE(buffer, nullptr);

    auto elementType = AXLE_ARGS(PJRT_Buffer_ElementType_Args);
    elementType.buffer = buffer;
    AXLE_ASSERT_OK(api().PJRT_Buffer_ElementType(&elementType));
    EXPECT_EQ(elementType.type, type);

    auto dimensions = AXLE_ARGS(PJRT_Buffer_Dimensions_Args);
    dimensions.buffer = buffer;
    AXLE_ASSERT_OK(api().PJRT_Buffer_Dimensions(&dimensions));
    EXPECT_EQ(std::vector<int64_t>(dimensions.dims,
                                   dimensions.dims + dimensions.num_dims),
              dims);

    auto unpadded = AXLE_ARGS(PJRT_Buffer_UnpaddedDimensions_Args);
    unpadded.buffer = buffer;
    AXLE_ASSERT_OK(api().PJRT_Buffer_UnpaddedDimensions(&unpadded));
    EXPECT_EQ(unpadded.num_dims, dims.size());

    auto dynamic = AXLE_ARGS(PJRT_Buffer_DynamicDimensionIndices_Args);
    dynamic.buffer = buffer;
    AXLE_ASSERT_OK(api().PJRT_Buffer_DynamicDimensionIndices(&dynamic));
    EXPECT_EQ(dynamic.num_dynamic_dims, 0u);

    auto size = AXLE_ARGS(PJRT_Buffer_OnDeviceSizeInBytes_Args);
    size.buffer = buffer;
    AXLE_ASSERT_OK(api().PJRT_Buffer_OnDeviceSizeInBytes(&size));
    EXPECT_EQ(size.on_device_size_in_bytes, bytes.size());

    auto layout = AXLE_ARGS(PJRT_Buffer_GetMemoryLayout_Args);
    layout.buffer = buffer;
    AXLE_ASSERT_OK(api().PJRT_Buffer_GetMemoryLayout(&layout));
    EXPECT_EQ(layout.layout.type, PJRT_Buffer_MemoryLayout_Type_Tiled);
    ASSERT_EQ(layout.layout.tiled.minor_to_major_size, dims.size());
    for (size_t i = 0; i < dims.size(); ++i)
      EXPECT_EQ(layout.layout.tiled.minor_to_major[i],
                static_cast<int64_t>(dims.size() - 1 - i));
    EXPECT_EQ(layout.layout.tiled.num_tiles, 0u);

    auto pointer = AXLE_ARGS(PJRT_Buffer_UnsafePointer_Args);
    pointer.buffer = buffer;
    AXLE_ASSERT_OK(api().PJRT_Buffer_UnsafePointer(&pointer));
    EXPECT_EQ(pointer.buffer_pointer % 64, 0u);

    EXPECT_EQ(download(buffer), bytes);
    destroy(buffer);
  }
};

TEST_F(BufferTest, RoundTripsEveryCommonTypeAndShape) {
  const std::vector<std::vector<int64_t>> shapes = {{2, 3},    {},  {0},
                                                    {4, 0, 2}, {7}, {2, 3, 5}};
  const std::pair<PJRT_Buffer_Type, size_t> types[] = {
      {PJRT_Buffer_Type_F32, 4}, {PJRT_Buffer_Type_F64, 8},
      {PJRT_Buffer_Type_S32, 4}, {PJRT_Buffer_Type_U32, 4},
      {PJRT_Buffer_Type_S64, 8}, {PJRT_Buffer_Type_U8, 1},
      {PJRT_Buffer_Type_S8, 1},  {PJRT_Buffer_Type_PRED, 1},
      {PJRT_Buffer_Type_F16, 2}, {PJRT_Buffer_Type_BF16, 2},
      {PJRT_Buffer_Type_C64, 8}, {PJRT_Buffer_Type_C128, 16}};
  for (const auto &[type, elementSize] : types)
    for (const auto &dims : shapes) {
      SCOPED_TRACE(::testing::Message()
                   << "type " << type << " rank " << dims.size());
      roundTrip(type, dims, elementSize);
    }
}

TEST_F(BufferTest, CopyingHostBufferSemanticsSignalDoneAtOnce) {
  for (auto semantics :
       {PJRT_HostBufferSemantics_kImmutableOnlyDuringCall,
        PJRT_HostBufferSemantics_kImmutableUntilTransferCompletes}) {
    std::vector<float> host = {1, 2, 3, 4};
    PJRT_Buffer *buffer =
        upload(PJRT_Buffer_Type_F32, {4}, host.data(), nullptr, semantics);
    ASSERT_NE(buffer, nullptr);
    // done_with_host_buffer fired, so the host copy is ours to change.
    host.assign(4, -1.0f);
    EXPECT_EQ(downloadAs<float>(buffer), (std::vector<float>{1, 2, 3, 4}));
    destroy(buffer);
  }
}

/// Uploads `host` with a zero-copy semantics; returns the buffer and its
/// done_with_host_buffer event.
std::pair<PJRT_Buffer *, PJRT_Event *>
uploadZeroCopy(PJRT_Client *client, PJRT_HostBufferSemantics semantics,
               const std::vector<float> &host) {
  auto args = AXLE_ARGS(PJRT_Client_BufferFromHostBuffer_Args);
  args.client = client;
  args.data = host.data();
  args.type = PJRT_Buffer_Type_F32;
  std::vector<int64_t> dims = {static_cast<int64_t>(host.size())};
  args.dims = dims.data();
  args.num_dims = 1;
  args.host_buffer_semantics = semantics;
  EXPECT_EQ(takeError(api().PJRT_Client_BufferFromHostBuffer(&args)).code,
            PJRT_Error_Code_OK);
  return {args.buffer, args.done_with_host_buffer};
}

bool isReady(PJRT_Event *event) {
  auto args = AXLE_ARGS(PJRT_Event_IsReady_Args);
  args.event = event;
  EXPECT_EQ(takeError(api().PJRT_Event_IsReady(&args)).code,
            PJRT_Error_Code_OK);
  return args.is_ready;
}

TEST_F(BufferTest, ZeroCopySemanticsAliasHostMemoryUntilTheBufferIsGone) {
  for (auto semantics : {PJRT_HostBufferSemantics_kImmutableZeroCopy,
                         PJRT_HostBufferSemantics_kMutableZeroCopy}) {
    std::vector<float> host = {1, 2, 3, 4};
    auto [buffer, done] = uploadZeroCopy(client, semantics, host);
    ASSERT_NE(buffer, nullptr);
    ASSERT_NE(done, nullptr);
    auto pointer = AXLE_ARGS(PJRT_Buffer_UnsafePointer_Args);
    pointer.buffer = buffer;
    AXLE_ASSERT_OK(api().PJRT_Buffer_UnsafePointer(&pointer));
    EXPECT_EQ(pointer.buffer_pointer, reinterpret_cast<uintptr_t>(host.data()));
    // The buffer reads the host memory itself: not done with it yet.
    EXPECT_FALSE(isReady(done));
    host[2] = 30;
    EXPECT_EQ(downloadAs<float>(buffer), (std::vector<float>{1, 2, 30, 4}));
    destroy(buffer);
    EXPECT_TRUE(isReady(done));
    destroy(done);
  }
}

TEST_F(BufferTest, ZeroCopyEventMayBeDestroyedBeforeTheBuffer) {
  std::vector<float> host = {5, 6};
  auto [buffer, done] = uploadZeroCopy(
      client, PJRT_HostBufferSemantics_kImmutableZeroCopy, host);
  ASSERT_NE(buffer, nullptr);
  destroy(done); // The buffer's storage still holds the event.
  PJRT_LoadedExecutable *exe = compileOk(R"(
func.func public @main(%a: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "stablehlo.add"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  "func.return"(%0) : (tensor<2xf32>) -> ()
}
)");
  ASSERT_NE(exe, nullptr);
  std::vector<PJRT_Buffer *> out;
  ErrorInfo run = execute(exe, {buffer}, out);
  ASSERT_EQ(run.code, PJRT_Error_Code_OK) << run.message;
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(downloadAs<float>(out[0]), (std::vector<float>{10, 12}));
  destroy(out[0]);
  destroy(exe);
  destroy(buffer); // Sets and frees the event; TearDown checks none is left.
}

TEST_F(BufferTest, ZeroCopyOfStridedDataCopies) {
  std::vector<float> host = {1, 0, 2, 0};
  std::vector<int64_t> strides = {8};
  auto args = AXLE_ARGS(PJRT_Client_BufferFromHostBuffer_Args);
  args.client = client;
  args.data = host.data();
  args.type = PJRT_Buffer_Type_F32;
  std::vector<int64_t> dims = {2};
  args.dims = dims.data();
  args.num_dims = 1;
  args.byte_strides = strides.data();
  args.num_byte_strides = 1;
  args.host_buffer_semantics = PJRT_HostBufferSemantics_kImmutableZeroCopy;
  AXLE_ASSERT_OK(api().PJRT_Client_BufferFromHostBuffer(&args));
  EXPECT_TRUE(isReady(args.done_with_host_buffer));
  destroy(args.done_with_host_buffer);
  EXPECT_EQ(downloadAs<float>(args.buffer), (std::vector<float>{1, 2}));
  destroy(args.buffer);
}

TEST_F(BufferTest, ByteStridesAreCopiedDensely) {
  // Host holds the 2x3 matrix [[0,1,2],[3,4,5]] column-major: strides 4, 8.
  std::vector<float> columnMajor = {0, 3, 1, 4, 2, 5};
  std::vector<int64_t> strides = {4, 8};
  PJRT_Buffer *buffer =
      upload(PJRT_Buffer_Type_F32, {2, 3}, columnMajor.data(), &strides);
  ASSERT_NE(buffer, nullptr);
  EXPECT_EQ(downloadAs<float>(buffer), (std::vector<float>{0, 1, 2, 3, 4, 5}));
  destroy(buffer);

  // Every other element of a 1-D array, and a negative stride (reversal).
  std::vector<int64_t> source = {10, 11, 12, 13, 14, 15};
  std::vector<int64_t> everyOther = {16};
  buffer = upload(PJRT_Buffer_Type_S64, {3}, source.data(), &everyOther);
  EXPECT_EQ(downloadAs<int64_t>(buffer), (std::vector<int64_t>{10, 12, 14}));
  destroy(buffer);
  std::vector<int64_t> backwards = {-8};
  buffer = upload(PJRT_Buffer_Type_S64, {6}, source.data() + 5, &backwards);
  EXPECT_EQ(downloadAs<int64_t>(buffer),
            (std::vector<int64_t>{15, 14, 13, 12, 11, 10}));
  destroy(buffer);
}

TEST_F(BufferTest, ToHostBufferWithTransposedHostLayout) {
  std::vector<float> rowMajor = {0, 1, 2, 3, 4, 5};
  PJRT_Buffer *buffer = upload(PJRT_Buffer_Type_F32, {2, 3}, rowMajor);
  int64_t minorToMajor[] = {0, 1}; // column-major
  auto layout = AXLE_ARGS(PJRT_Buffer_MemoryLayout);
  layout.type = PJRT_Buffer_MemoryLayout_Type_Tiled;
  layout.tiled.struct_size = PJRT_Buffer_MemoryLayout_Tiled_STRUCT_SIZE;
  layout.tiled.minor_to_major = minorToMajor;
  layout.tiled.minor_to_major_size = 2;
  std::vector<float> out(6, -1);
  auto args = AXLE_ARGS(PJRT_Buffer_ToHostBuffer_Args);
  args.src = buffer;
  args.host_layout = &layout;
  args.dst = out.data();
  args.dst_size = out.size() * sizeof(float);
  AXLE_ASSERT_OK(api().PJRT_Buffer_ToHostBuffer(&args));
  destroy(args.event);
  EXPECT_EQ(out, (std::vector<float>{0, 3, 1, 4, 2, 5}));
  destroy(buffer);
}

TEST_F(BufferTest, ToHostBufferChecksDestinationSize) {
  std::vector<int32_t> values = {1, 2, 3};
  PJRT_Buffer *buffer = upload(PJRT_Buffer_Type_S32, {3}, values);
  int32_t small[2];
  auto args = AXLE_ARGS(PJRT_Buffer_ToHostBuffer_Args);
  args.src = buffer;
  args.dst = small;
  args.dst_size = sizeof(small);
  ErrorInfo error = takeError(api().PJRT_Buffer_ToHostBuffer(&args));
  EXPECT_EQ(error.code, PJRT_Error_Code_INVALID_ARGUMENT);
  EXPECT_NE(error.message.find("12"), std::string::npos) << error.message;
  destroy(buffer);
}

TEST_F(BufferTest, RejectsBadShapesAndTypes) {
  float data[4] = {};
  auto args = AXLE_ARGS(PJRT_Client_BufferFromHostBuffer_Args);
  args.client = client;
  args.data = data;
  args.type = PJRT_Buffer_Type_F32;
  std::vector<int64_t> negative = {2, -1};
  args.dims = negative.data();
  args.num_dims = 2;
  ErrorInfo error = takeError(api().PJRT_Client_BufferFromHostBuffer(&args));
  EXPECT_EQ(error.code, PJRT_Error_Code_INVALID_ARGUMENT);
  EXPECT_NE(error.message.find("negative"), std::string::npos);

  std::vector<int64_t> dims = {4};
  args.dims = dims.data();
  args.num_dims = 1;
  args.type = PJRT_Buffer_Type_S4;
  error = takeError(api().PJRT_Client_BufferFromHostBuffer(&args));
  EXPECT_EQ(error.code, PJRT_Error_Code_INVALID_ARGUMENT);
  EXPECT_NE(error.message.find("S4"), std::string::npos) << error.message;

  args.type = PJRT_Buffer_Type_F32;
  std::vector<int64_t> huge = {int64_t(1) << 40, int64_t(1) << 40};
  args.dims = huge.data();
  args.num_dims = 2;
  EXPECT_EQ(takeError(api().PJRT_Client_BufferFromHostBuffer(&args)).code,
            PJRT_Error_Code_RESOURCE_EXHAUSTED);
  std::vector<int64_t> tooBig = {int64_t(1) << 50};
  args.dims = tooBig.data();
  args.num_dims = 1;
  EXPECT_EQ(takeError(api().PJRT_Client_BufferFromHostBuffer(&args)).code,
            PJRT_Error_Code_RESOURCE_EXHAUSTED);

  args.dims = dims.data();
  args.num_dims = 1;
  std::vector<int64_t> strides = {4, 4};
  args.byte_strides = strides.data();
  args.num_byte_strides = 2;
  EXPECT_EQ(takeError(api().PJRT_Client_BufferFromHostBuffer(&args)).code,
            PJRT_Error_Code_INVALID_ARGUMENT);

  args.byte_strides = nullptr;
  args.num_byte_strides = 0;
  args.data = nullptr;
  EXPECT_EQ(takeError(api().PJRT_Client_BufferFromHostBuffer(&args)).code,
            PJRT_Error_Code_INVALID_ARGUMENT);
}

TEST_F(BufferTest, DeleteKeepsMetadataButDropsData) {
  std::vector<double> values = {1.5, 2.5};
  PJRT_Buffer *buffer = upload(PJRT_Buffer_Type_F64, {2}, values);
  auto isDeleted = AXLE_ARGS(PJRT_Buffer_IsDeleted_Args);
  isDeleted.buffer = buffer;
  AXLE_ASSERT_OK(api().PJRT_Buffer_IsDeleted(&isDeleted));
  EXPECT_FALSE(isDeleted.is_deleted);

  auto remove = AXLE_ARGS(PJRT_Buffer_Delete_Args);
  remove.buffer = buffer;
  AXLE_ASSERT_OK(api().PJRT_Buffer_Delete(&remove));
  AXLE_ASSERT_OK(api().PJRT_Buffer_IsDeleted(&isDeleted));
  EXPECT_TRUE(isDeleted.is_deleted);

  auto dimensions = AXLE_ARGS(PJRT_Buffer_Dimensions_Args);
  dimensions.buffer = buffer;
  AXLE_ASSERT_OK(api().PJRT_Buffer_Dimensions(&dimensions));
  EXPECT_EQ(dimensions.num_dims, 1u);

  double out[2];
  auto toHost = AXLE_ARGS(PJRT_Buffer_ToHostBuffer_Args);
  toHost.src = buffer;
  toHost.dst = out;
  toHost.dst_size = sizeof(out);
  EXPECT_EQ(takeError(api().PJRT_Buffer_ToHostBuffer(&toHost)).code,
            PJRT_Error_Code_FAILED_PRECONDITION);

  auto ready = AXLE_ARGS(PJRT_Buffer_ReadyEvent_Args);
  ready.buffer = buffer;
  AXLE_ASSERT_OK(api().PJRT_Buffer_ReadyEvent(&ready));
  auto await = AXLE_ARGS(PJRT_Event_Await_Args);
  await.event = ready.event;
  EXPECT_NE(takeError(api().PJRT_Event_Await(&await)).code, PJRT_Error_Code_OK);
  destroy(ready.event);
  destroy(buffer);
}

TEST_F(BufferTest, CopiesWithinTheDevice) {
  std::vector<uint16_t> values = {1, 2, 3, 4, 5, 6};
  PJRT_Buffer *buffer = upload(PJRT_Buffer_Type_U16, {3, 2}, values);
  auto toDevice = AXLE_ARGS(PJRT_Buffer_CopyToDevice_Args);
  toDevice.buffer = buffer;
  toDevice.dst_device = device();
  AXLE_ASSERT_OK(api().PJRT_Buffer_CopyToDevice(&toDevice));
  auto toMemory = AXLE_ARGS(PJRT_Buffer_CopyToMemory_Args);
  toMemory.buffer = buffer;
  toMemory.dst_memory = memory();
  AXLE_ASSERT_OK(api().PJRT_Buffer_CopyToMemory(&toMemory));
  EXPECT_NE(toDevice.dst_buffer, buffer);
  EXPECT_EQ(downloadAs<uint16_t>(toDevice.dst_buffer), values);
  EXPECT_EQ(downloadAs<uint16_t>(toMemory.dst_buffer), values);

  auto isOnCpu = AXLE_ARGS(PJRT_Buffer_IsOnCpu_Args);
  isOnCpu.buffer = toDevice.dst_buffer;
  AXLE_ASSERT_OK(api().PJRT_Buffer_IsOnCpu(&isOnCpu));
  EXPECT_TRUE(isOnCpu.is_on_cpu);
  auto bufferMemory = AXLE_ARGS(PJRT_Buffer_Memory_Args);
  bufferMemory.buffer = toMemory.dst_buffer;
  AXLE_ASSERT_OK(api().PJRT_Buffer_Memory(&bufferMemory));
  EXPECT_EQ(bufferMemory.memory, memory());
  destroy(toDevice.dst_buffer);
  destroy(toMemory.dst_buffer);
  destroy(buffer);
}

TEST_F(BufferTest, UninitializedBuffersAreZeroed) {
  std::vector<int64_t> dims = {4, 4};
  auto args = AXLE_ARGS(PJRT_Client_CreateUninitializedBuffer_Args);
  args.client = client;
  args.shape_dims = dims.data();
  args.shape_num_dims = 2;
  args.shape_element_type = PJRT_Buffer_Type_S32;
  args.device = device();
  AXLE_ASSERT_OK(api().PJRT_Client_CreateUninitializedBuffer(&args));
  EXPECT_EQ(downloadAs<int32_t>(args.buffer), std::vector<int32_t>(16, 0));
  destroy(args.buffer);
}

TEST_F(BufferTest, CopyRawToHostReadsAByteRange) {
  std::vector<int32_t> values = {10, 20, 30, 40};
  PJRT_Buffer *buffer = upload(PJRT_Buffer_Type_S32, {4}, values);
  int32_t out[2] = {};
  auto args = AXLE_ARGS(PJRT_Buffer_CopyRawToHost_Args);
  args.buffer = buffer;
  args.dst = out;
  args.offset = 4;
  args.transfer_size = 8;
  AXLE_ASSERT_OK(api().PJRT_Buffer_CopyRawToHost(&args));
  destroy(args.event);
  EXPECT_EQ(out[0], 20);
  EXPECT_EQ(out[1], 30);
  args.offset = 12;
  EXPECT_EQ(takeError(api().PJRT_Buffer_CopyRawToHost(&args)).code,
            PJRT_Error_Code_INVALID_ARGUMENT);
  destroy(buffer);
}

} // namespace
} // namespace axle::test
