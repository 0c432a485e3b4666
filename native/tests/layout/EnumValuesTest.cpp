//===- EnumValuesTest.cpp - Enumerator values of the PJRT C API -----------===//
//
// Enumerators cross the ABI as plain 4-byte integers, so each value is pinned
// with the literal upstream number.
//
//===----------------------------------------------------------------------===//

#include "pjrt_c_api.h"

#include <gtest/gtest.h>

namespace {

TEST(EnumValues, AreFourBytes) {
  EXPECT_EQ(sizeof(PJRT_Error_Code), 4u);
  EXPECT_EQ(sizeof(PJRT_Buffer_Type), 4u);
  EXPECT_EQ(sizeof(PJRT_NamedValue_Type), 4u);
  EXPECT_EQ(sizeof(PJRT_HostBufferSemantics), 4u);
}

TEST(EnumValues, ErrorCodes) {
  EXPECT_EQ(PJRT_Error_Code_OK, 0);
  EXPECT_EQ(PJRT_Error_Code_CANCELLED, 1);
  EXPECT_EQ(PJRT_Error_Code_UNKNOWN, 2);
  EXPECT_EQ(PJRT_Error_Code_INVALID_ARGUMENT, 3);
  EXPECT_EQ(PJRT_Error_Code_DEADLINE_EXCEEDED, 4);
  EXPECT_EQ(PJRT_Error_Code_NOT_FOUND, 5);
  EXPECT_EQ(PJRT_Error_Code_ALREADY_EXISTS, 6);
  EXPECT_EQ(PJRT_Error_Code_PERMISSION_DENIED, 7);
  EXPECT_EQ(PJRT_Error_Code_RESOURCE_EXHAUSTED, 8);
  EXPECT_EQ(PJRT_Error_Code_FAILED_PRECONDITION, 9);
  EXPECT_EQ(PJRT_Error_Code_ABORTED, 10);
  EXPECT_EQ(PJRT_Error_Code_OUT_OF_RANGE, 11);
  EXPECT_EQ(PJRT_Error_Code_UNIMPLEMENTED, 12);
  EXPECT_EQ(PJRT_Error_Code_INTERNAL, 13);
  EXPECT_EQ(PJRT_Error_Code_UNAVAILABLE, 14);
  EXPECT_EQ(PJRT_Error_Code_DATA_LOSS, 15);
  EXPECT_EQ(PJRT_Error_Code_UNAUTHENTICATED, 16);
}

TEST(EnumValues, BufferTypes) {
  EXPECT_EQ(PJRT_Buffer_Type_INVALID, 0);
  EXPECT_EQ(PJRT_Buffer_Type_PRED, 1);
  EXPECT_EQ(PJRT_Buffer_Type_S8, 2);
  EXPECT_EQ(PJRT_Buffer_Type_S16, 3);
  EXPECT_EQ(PJRT_Buffer_Type_S32, 4);
  EXPECT_EQ(PJRT_Buffer_Type_S64, 5);
  EXPECT_EQ(PJRT_Buffer_Type_U8, 6);
  EXPECT_EQ(PJRT_Buffer_Type_U16, 7);
  EXPECT_EQ(PJRT_Buffer_Type_U32, 8);
  EXPECT_EQ(PJRT_Buffer_Type_U64, 9);
  EXPECT_EQ(PJRT_Buffer_Type_F16, 10);
  EXPECT_EQ(PJRT_Buffer_Type_F32, 11);
  EXPECT_EQ(PJRT_Buffer_Type_F64, 12);
  EXPECT_EQ(PJRT_Buffer_Type_BF16, 13);
  EXPECT_EQ(PJRT_Buffer_Type_C64, 14);
  EXPECT_EQ(PJRT_Buffer_Type_C128, 15);
  EXPECT_EQ(PJRT_Buffer_Type_F8E5M2, 16);
  EXPECT_EQ(PJRT_Buffer_Type_F8E4M3FN, 17);
  EXPECT_EQ(PJRT_Buffer_Type_F8E4M3B11FNUZ, 18);
  EXPECT_EQ(PJRT_Buffer_Type_F8E5M2FNUZ, 19);
  EXPECT_EQ(PJRT_Buffer_Type_F8E4M3FNUZ, 20);
  EXPECT_EQ(PJRT_Buffer_Type_S4, 21);
  EXPECT_EQ(PJRT_Buffer_Type_U4, 22);
  EXPECT_EQ(PJRT_Buffer_Type_TOKEN, 23);
  EXPECT_EQ(PJRT_Buffer_Type_S2, 24);
  EXPECT_EQ(PJRT_Buffer_Type_U2, 25);
  EXPECT_EQ(PJRT_Buffer_Type_F8E4M3, 26);
  EXPECT_EQ(PJRT_Buffer_Type_F8E3M4, 27);
  EXPECT_EQ(PJRT_Buffer_Type_F8E8M0FNU, 28);
  EXPECT_EQ(PJRT_Buffer_Type_F4E2M1FN, 29);
  EXPECT_EQ(PJRT_Buffer_Type_S1, 30);
  EXPECT_EQ(PJRT_Buffer_Type_U1, 31);
}

TEST(EnumValues, SmallEnums) {
  EXPECT_EQ(PJRT_NamedValue_kString, 0);
  EXPECT_EQ(PJRT_NamedValue_kInt64, 1);
  EXPECT_EQ(PJRT_NamedValue_kInt64List, 2);
  EXPECT_EQ(PJRT_NamedValue_kFloat, 3);
  EXPECT_EQ(PJRT_NamedValue_kBool, 4);

  EXPECT_EQ(PJRT_HostBufferSemantics_kImmutableOnlyDuringCall, 0);
  EXPECT_EQ(PJRT_HostBufferSemantics_kImmutableUntilTransferCompletes, 1);
  EXPECT_EQ(PJRT_HostBufferSemantics_kImmutableZeroCopy, 2);
  EXPECT_EQ(PJRT_HostBufferSemantics_kMutableZeroCopy, 3);

  EXPECT_EQ(PJRT_Buffer_MemoryLayout_Type_Tiled, 0);
  EXPECT_EQ(PJRT_Buffer_MemoryLayout_Type_Strides, 1);

  EXPECT_EQ(PJRT_ProcessState_kUnspecified, 0);
  EXPECT_EQ(PJRT_ProcessState_kUninitialized, 1);
  EXPECT_EQ(PJRT_ProcessState_kDisconnected, 2);
  EXPECT_EQ(PJRT_ProcessState_kConnected, 3);
  EXPECT_EQ(PJRT_ProcessState_kError, 4);
}

TEST(EnumValues, ExtensionTypes) {
  EXPECT_EQ(PJRT_Extension_Type_Gpu_Custom_Call, 0);
  EXPECT_EQ(PJRT_Extension_Type_Profiler, 1);
  EXPECT_EQ(PJRT_Extension_Type_Custom_Partitioner, 2);
  EXPECT_EQ(PJRT_Extension_Type_Stream, 3);
  EXPECT_EQ(PJRT_Extension_Type_Layouts, 4);
  EXPECT_EQ(PJRT_Extension_Type_FFI, 5);
  EXPECT_EQ(PJRT_Extension_Type_MemoryDescriptions, 6);
  EXPECT_EQ(PJRT_Extension_Type_Triton, 7);
  EXPECT_EQ(PJRT_Extension_Type_RawBuffer, 8);
  EXPECT_EQ(PJRT_Extension_Type_PhaseCompile, 9);
  EXPECT_EQ(PJRT_Extension_Type_Example, 10);
  EXPECT_EQ(PJRT_Extension_Type_Unknown, 11);
  EXPECT_EQ(PJRT_Extension_Type_CrossHostTransfers, 12);
  EXPECT_EQ(PJRT_Extension_Type_ExecutableMetadata, 13);
  EXPECT_EQ(PJRT_Extension_Type_Callback, 14);
  EXPECT_EQ(PJRT_Extension_Type_HostAllocator, 15);
  EXPECT_EQ(PJRT_Extension_Type_TpuTopology, 16);
  EXPECT_EQ(PJRT_Extension_Type_TpuExecutable, 17);
  EXPECT_EQ(PJRT_Extension_Type_Megascale, 18);
  EXPECT_EQ(PJRT_Extension_Type_Shardings, 19);
  EXPECT_EQ(PJRT_Extension_Type_AbiVersion, 20);
  EXPECT_EQ(PJRT_Extension_Type_Collectives, 21);
  EXPECT_EQ(PJRT_Extension_Type_MultiSlice, 22);
  EXPECT_EQ(PJRT_Extension_Type_HostMemoryAllocator, 23);
  EXPECT_EQ(PJRT_Extension_Type_XlaTransform, 24);
  EXPECT_EQ(PJRT_Extension_Type_ExecuteChain, 25);
}

} // namespace
