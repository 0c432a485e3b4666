//===- BufferLayoutTest.cpp - Buffers and copy-to-device streams ----------===//
//
// Literal x86-64 layouts of buffer Args structs.
//
//===----------------------------------------------------------------------===//

#include "pjrt_c_api.h"

#include <gtest/gtest.h>

#include <cstddef>

#define EXPECT_STRUCT(T, structSize, sizeofT)                                  \
  do {                                                                         \
    EXPECT_EQ(static_cast<size_t>(T##_STRUCT_SIZE), size_t{structSize}) << #T; \
    EXPECT_EQ(sizeof(T), size_t{sizeofT}) << #T;                               \
  } while (false)
#define EXPECT_FIELD(T, field, offset)                                         \
  EXPECT_EQ(offsetof(T, field), size_t{offset}) << #T "." #field

namespace {

TEST(BufferLayout, Shape) {
  EXPECT_STRUCT(PJRT_Buffer_Destroy_Args, 24, 24);
  EXPECT_FIELD(PJRT_Buffer_Destroy_Args, buffer, 16);
  EXPECT_STRUCT(PJRT_Buffer_ElementType_Args, 28, 32);
  EXPECT_FIELD(PJRT_Buffer_ElementType_Args, type, 24);
  EXPECT_STRUCT(PJRT_Buffer_Dimensions_Args, 40, 40);
  EXPECT_FIELD(PJRT_Buffer_Dimensions_Args, dims, 24);
  EXPECT_FIELD(PJRT_Buffer_Dimensions_Args, num_dims, 32);
  EXPECT_STRUCT(PJRT_Buffer_UnpaddedDimensions_Args, 40, 40);
  EXPECT_FIELD(PJRT_Buffer_UnpaddedDimensions_Args, unpadded_dims, 24);
  EXPECT_STRUCT(PJRT_Buffer_DynamicDimensionIndices_Args, 40, 40);
  EXPECT_FIELD(PJRT_Buffer_DynamicDimensionIndices_Args, num_dynamic_dims, 32);
  // The layout is held by value: 24 + sizeof(PJRT_Buffer_MemoryLayout) (80).
  EXPECT_STRUCT(PJRT_Buffer_GetMemoryLayout_Args, 104, 104);
  EXPECT_FIELD(PJRT_Buffer_GetMemoryLayout_Args, layout, 24);
  EXPECT_STRUCT(PJRT_Buffer_OnDeviceSizeInBytes_Args, 32, 32);
}

TEST(BufferLayout, Placement) {
  EXPECT_STRUCT(PJRT_Buffer_Device_Args, 32, 32);
  EXPECT_FIELD(PJRT_Buffer_Device_Args, device, 24);
  EXPECT_STRUCT(PJRT_Buffer_Memory_Args, 32, 32);
  EXPECT_FIELD(PJRT_Buffer_Memory_Args, memory, 24);
  EXPECT_STRUCT(PJRT_Buffer_IsOnCpu_Args, 25, 32);
  EXPECT_STRUCT(PJRT_Buffer_Delete_Args, 24, 24);
  EXPECT_STRUCT(PJRT_Buffer_IsDeleted_Args, 25, 32);
  EXPECT_FIELD(PJRT_Buffer_IsDeleted_Args, is_deleted, 24);
  EXPECT_STRUCT(PJRT_Buffer_ReadyEvent_Args, 32, 32);
  EXPECT_FIELD(PJRT_Buffer_ReadyEvent_Args, event, 24);
  EXPECT_STRUCT(PJRT_Buffer_UnsafePointer_Args, 32, 32);
  EXPECT_FIELD(PJRT_Buffer_UnsafePointer_Args, buffer_pointer, 24);
  EXPECT_STRUCT(PJRT_Buffer_IncreaseExternalReferenceCount_Args, 24, 24);
  EXPECT_STRUCT(PJRT_Buffer_DecreaseExternalReferenceCount_Args, 24, 24);
  EXPECT_STRUCT(PJRT_Buffer_OpaqueDeviceMemoryDataPointer_Args, 32, 32);
}

TEST(BufferLayout, Copies) {
  EXPECT_STRUCT(PJRT_Buffer_ToHostBuffer_Args, 56, 56);
  EXPECT_FIELD(PJRT_Buffer_ToHostBuffer_Args, src, 16);
  EXPECT_FIELD(PJRT_Buffer_ToHostBuffer_Args, host_layout, 24);
  EXPECT_FIELD(PJRT_Buffer_ToHostBuffer_Args, dst, 32);
  EXPECT_FIELD(PJRT_Buffer_ToHostBuffer_Args, dst_size, 40);
  EXPECT_FIELD(PJRT_Buffer_ToHostBuffer_Args, event, 48);
  EXPECT_STRUCT(PJRT_Buffer_CopyToDevice_Args, 40, 40);
  EXPECT_FIELD(PJRT_Buffer_CopyToDevice_Args, dst_device, 24);
  EXPECT_FIELD(PJRT_Buffer_CopyToDevice_Args, dst_buffer, 32);
  EXPECT_STRUCT(PJRT_Buffer_CopyToMemory_Args, 40, 40);
  EXPECT_FIELD(PJRT_Buffer_CopyToMemory_Args, dst_memory, 24);
  EXPECT_STRUCT(PJRT_Buffer_CopyRawToHost_Args, 56, 56);
  EXPECT_FIELD(PJRT_Buffer_CopyRawToHost_Args, dst, 24);
  EXPECT_FIELD(PJRT_Buffer_CopyRawToHost_Args, offset, 32);
  EXPECT_FIELD(PJRT_Buffer_CopyRawToHost_Args, transfer_size, 40);
  EXPECT_FIELD(PJRT_Buffer_CopyRawToHost_Args, event, 48);
  // No extension_start in the callback Args.
  EXPECT_STRUCT(PJRT_Buffer_CopyRawToHostFuture_Callback_Args, 48, 48);
  EXPECT_FIELD(PJRT_Buffer_CopyRawToHostFuture_Callback_Args, callback_data, 8);
  EXPECT_FIELD(PJRT_Buffer_CopyRawToHostFuture_Callback_Args, dst, 40);
  EXPECT_STRUCT(PJRT_Buffer_CopyRawToHostFuture_Args, 64, 64);
  EXPECT_FIELD(PJRT_Buffer_CopyRawToHostFuture_Args, future_ready_callback, 56);
  EXPECT_STRUCT(PJRT_Buffer_Bitcast_Args, 64, 64);
  EXPECT_FIELD(PJRT_Buffer_Bitcast_Args, element_type, 24);
  EXPECT_FIELD(PJRT_Buffer_Bitcast_Args, out_buffer, 56);
  EXPECT_STRUCT(PJRT_Buffer_DonateWithControlDependency_Callback_Args, 40, 40);
  EXPECT_STRUCT(PJRT_Buffer_DonateWithControlDependency_Args, 48, 48);
  EXPECT_FIELD(PJRT_Buffer_DonateWithControlDependency_Args, out_buffer, 40);
}

TEST(BufferLayout, CopyToDeviceStream) {
  EXPECT_STRUCT(PJRT_CopyToDeviceStream_Destroy_Args, 24, 24);
  EXPECT_STRUCT(PJRT_CopyToDeviceStream_AddChunk_Args, 40, 40);
  EXPECT_FIELD(PJRT_CopyToDeviceStream_AddChunk_Args, chunk, 24);
  EXPECT_FIELD(PJRT_CopyToDeviceStream_AddChunk_Args, transfer_complete, 32);
  EXPECT_STRUCT(PJRT_CopyToDeviceStream_TotalBytes_Args, 32, 32);
  EXPECT_STRUCT(PJRT_CopyToDeviceStream_GranuleSize_Args, 32, 32);
  EXPECT_STRUCT(PJRT_CopyToDeviceStream_CurrentBytes_Args, 32, 32);
}

} // namespace
