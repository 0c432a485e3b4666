//===- ApiTest.cpp - The PJRT_Api table, plugin attributes, errors, events ===//

#include "PluginFixture.h"

#include <set>

namespace axle::test {
namespace {

TEST(ApiTable, ReportsHeaderVersionAndSize) {
  EXPECT_EQ(api().struct_size, static_cast<size_t>(PJRT_Api_STRUCT_SIZE));
  EXPECT_EQ(api().pjrt_api_version.major_version, PJRT_API_MAJOR);
  EXPECT_EQ(api().pjrt_api_version.minor_version, PJRT_API_MINOR);
  EXPECT_EQ(api().pjrt_api_version.struct_size,
            static_cast<size_t>(PJRT_Api_Version_STRUCT_SIZE));
}

TEST(ApiTable, NoSlotIsNull) {
  // Slot i sits at byte 40 + 8 * i; every slot up to struct_size must be set.
  const char *base = reinterpret_cast<const char *>(&api());
  size_t slots = (api().struct_size - 40) / sizeof(void *);
  ASSERT_EQ(slots, 138u);
  for (size_t i = 0; i < slots; ++i) {
    const void *slot = nullptr;
    std::memcpy(&slot, base + 40 + i * sizeof(void *), sizeof(slot));
    EXPECT_NE(slot, nullptr) << "slot " << i;
  }
}

TEST(ApiTable, UnimplementedSlotsSayWhich) {
  auto serialize = AXLE_ARGS(PJRT_Executable_Serialize_Args);
  ErrorInfo error = takeError(api().PJRT_Executable_Serialize(&serialize));
  EXPECT_EQ(error.code, PJRT_Error_Code_UNIMPLEMENTED);
  EXPECT_NE(error.message.find("PJRT_Executable_Serialize"), std::string::npos)
      << error.message;

  auto topology = AXLE_ARGS(PJRT_TopologyDescription_Create_Args);
  error = takeError(api().PJRT_TopologyDescription_Create(&topology));
  EXPECT_EQ(error.code, PJRT_Error_Code_UNIMPLEMENTED);
  EXPECT_NE(error.message.find("PJRT_TopologyDescription_Create"),
            std::string::npos);
}

TEST(ApiTable, StructSizeTooSmallIsInvalidArgument) {
  auto args = AXLE_ARGS(PJRT_Client_Create_Args);
  args.struct_size = PJRT_Client_Create_Args_STRUCT_SIZE - 8;
  ErrorInfo error = takeError(api().PJRT_Client_Create(&args));
  EXPECT_EQ(error.code, PJRT_Error_Code_INVALID_ARGUMENT);
  EXPECT_NE(error.message.find("PJRT_Client_Create_Args"), std::string::npos)
      << error.message;
  EXPECT_NE(
      error.message.find(std::to_string(PJRT_Client_Create_Args_STRUCT_SIZE)),
      std::string::npos);
  EXPECT_NE(error.message.find(
                std::to_string(PJRT_Client_Create_Args_STRUCT_SIZE - 8)),
            std::string::npos);
  EXPECT_EQ(args.client, nullptr);

  EXPECT_EQ(takeError(api().PJRT_Client_Create(nullptr)).code,
            PJRT_Error_Code_INVALID_ARGUMENT);
}

TEST(ApiTable, NullRequiredPointerIsInvalidArgument) {
  auto args = AXLE_ARGS(PJRT_Client_PlatformName_Args);
  ErrorInfo error = takeError(api().PJRT_Client_PlatformName(&args));
  EXPECT_EQ(error.code, PJRT_Error_Code_INVALID_ARGUMENT);
  EXPECT_NE(error.message.find("client"), std::string::npos);
}

TEST(Plugin, Attributes) {
  auto args = AXLE_ARGS(PJRT_Plugin_Attributes_Args);
  AXLE_ASSERT_OK(api().PJRT_Plugin_Attributes(&args));
  std::set<std::string> names;
  for (size_t i = 0; i < args.num_attributes; ++i) {
    const PJRT_NamedValue &value = args.attributes[i];
    std::string name(value.name, value.name_size);
    EXPECT_TRUE(names.insert(name).second) << "duplicate " << name;
    if (name == "xla_version") {
      EXPECT_EQ(value.type, PJRT_NamedValue_kInt64);
      EXPECT_EQ(value.int64_value, 2);
    } else {
      EXPECT_EQ(value.type, PJRT_NamedValue_kInt64List) << name;
      ASSERT_EQ(value.value_size, 3u) << name;
      EXPECT_GE(value.int64_array_value[0], 0);
    }
  }
  EXPECT_EQ(names,
            (std::set<std::string>{"xla_version", "stablehlo_current_version",
                                   "stablehlo_minimum_version"}));
}

TEST(Errors, FunctionTableMatchesApiSlots) {
  auto args = AXLE_ARGS(PJRT_Client_PlatformName_Args);
  PJRT_Error *error = api().PJRT_Client_PlatformName(&args);
  ASSERT_NE(error, nullptr);
  ASSERT_NE(error->vtable, nullptr);
  EXPECT_EQ(error->vtable->get_code(error), PJRT_Error_Code_INVALID_ARGUMENT);
  const char *message = nullptr;
  size_t size = 0;
  error->vtable->message(error, &message, &size);
  EXPECT_GT(size, 0u);
  std::string fromTable(message, size);
  ErrorInfo info = takeError(error); // destroyed through the API slot
  EXPECT_EQ(info.message, fromTable);

  PJRT_Error *second = api().PJRT_Client_PlatformName(&args);
  ASSERT_NE(second, nullptr);
  second->vtable->destroy(second); // and through the table
}

// Records what an OnReady callback received.
struct Received {
  int calls = 0;
  ErrorInfo error;
};
void recordCallback(PJRT_Error *error, void *userArg) {
  auto *received = static_cast<Received *>(userArg);
  ++received->calls;
  received->error = takeError(error);
}

class EventTest : public PluginTest {};

TEST_F(EventTest, CreatedEventRunsCallbacksWhenSet) {
  auto create = AXLE_ARGS(PJRT_Event_Create_Args);
  AXLE_ASSERT_OK(api().PJRT_Event_Create(&create));
  PJRT_Event *event = create.event;

  auto isReady = AXLE_ARGS(PJRT_Event_IsReady_Args);
  isReady.event = event;
  AXLE_ASSERT_OK(api().PJRT_Event_IsReady(&isReady));
  EXPECT_FALSE(isReady.is_ready);

  Received received;
  auto onReady = AXLE_ARGS(PJRT_Event_OnReady_Args);
  onReady.event = event;
  onReady.callback = recordCallback;
  onReady.user_arg = &received;
  AXLE_ASSERT_OK(api().PJRT_Event_OnReady(&onReady));
  EXPECT_EQ(received.calls, 0);

  const std::string message = "disk on fire";
  auto set = AXLE_ARGS(PJRT_Event_Set_Args);
  set.event = event;
  set.error_code = PJRT_Error_Code_DATA_LOSS;
  set.error_message = message.data();
  set.error_message_size = message.size();
  AXLE_ASSERT_OK(api().PJRT_Event_Set(&set));
  EXPECT_EQ(received.calls, 1);
  EXPECT_EQ(received.error.code, PJRT_Error_Code_DATA_LOSS);
  EXPECT_EQ(received.error.message, message);

  auto await = AXLE_ARGS(PJRT_Event_Await_Args);
  await.event = event;
  EXPECT_EQ(takeError(api().PJRT_Event_Await(&await)).code,
            PJRT_Error_Code_DATA_LOSS);
  auto eventError = AXLE_ARGS(PJRT_Event_Error_Args);
  eventError.event = event;
  EXPECT_EQ(takeError(api().PJRT_Event_Error(&eventError)).message, message);
  // Setting twice is a caller bug, reported rather than ignored.
  EXPECT_EQ(takeError(api().PJRT_Event_Set(&set)).code,
            PJRT_Error_Code_FAILED_PRECONDITION);

  // Registered after the fact: runs inline.
  Received late;
  onReady.user_arg = &late;
  AXLE_ASSERT_OK(api().PJRT_Event_OnReady(&onReady));
  EXPECT_EQ(late.calls, 1);
  EXPECT_EQ(late.error.code, PJRT_Error_Code_DATA_LOSS);
  destroy(event);
}

TEST_F(EventTest, DestroyingAPendingEventCancelsCallbacks) {
  auto create = AXLE_ARGS(PJRT_Event_Create_Args);
  AXLE_ASSERT_OK(api().PJRT_Event_Create(&create));
  Received received;
  auto onReady = AXLE_ARGS(PJRT_Event_OnReady_Args);
  onReady.event = create.event;
  onReady.callback = recordCallback;
  onReady.user_arg = &received;
  AXLE_ASSERT_OK(api().PJRT_Event_OnReady(&onReady));
  destroy(create.event);
  EXPECT_EQ(received.calls, 1);
  EXPECT_EQ(received.error.code, PJRT_Error_Code_CANCELLED);
}

} // namespace
} // namespace axle::test
