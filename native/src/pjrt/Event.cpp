//===- Event.cpp - PJRT_Event --------------------------------------------===//
//
// Execution and transfers run synchronously, so the plugin's own events are
// born ready. Events made by PJRT_Event_Create start pending and become ready
// through PJRT_Event_Set; OnReady callbacks registered before that run on the
// setting thread, afterwards inline on the registering thread.
//
//===----------------------------------------------------------------------===//

#include "pjrt/Entries.h"
#include "pjrt/Objects.h"

namespace axle::pjrt {
namespace {

// A fresh error for the event's status (null when it succeeded): every
// caller owns and destroys the error it receives.
PJRT_Error *statusOf(PJRT_Error_Code code, const std::string &message) {
  return code == PJRT_Error_Code_OK ? nullptr : makeError(code, message);
}

// Marks `event` ready and runs the callbacks registered so far.
PJRT_Error *setReady(PJRT_Event *event, PJRT_Error_Code code,
                     std::string message) {
  std::vector<std::pair<PJRT_Event_OnReadyCallback, void *>> callbacks;
  {
    std::lock_guard<std::mutex> lock(event->mutex);
    if (event->ready)
      return failedPrecondition("PJRT_Event_Set: the event is already set");
    event->ready = true;
    event->code = code;
    event->message = std::move(message);
    callbacks.swap(event->callbacks);
  }
  event->readyChanged.notify_all();
  for (auto &callback : callbacks)
    callback.first(statusOf(code, event->message), callback.second);
  return nullptr;
}

} // namespace

PJRT_Event *makeReadyEvent(PJRT_Error_Code code, std::string message) {
  auto *event = new PJRT_Event;
  event->ready = true;
  event->code = code;
  event->message = std::move(message);
  return event;
}

PJRT_Event *makePendingEvent(int owners) {
  auto *event = new PJRT_Event;
  event->owners = owners;
  return event;
}

void completeAndRelease(PJRT_Event *event) {
  if (PJRT_Error *error = setReady(event, PJRT_Error_Code_OK, {})) {
    PJRT_Error_Destroy_Args destroy{}; // Already set: nobody to tell.
    destroy.struct_size = PJRT_Error_Destroy_Args_STRUCT_SIZE;
    destroy.error = error;
    errorDestroy(&destroy);
  }
  PJRT_Event_Destroy_Args args{};
  args.struct_size = PJRT_Event_Destroy_Args_STRUCT_SIZE;
  args.event = event;
  eventDestroy(&args);
}

PJRT_Error *eventDestroy(PJRT_Event_Destroy_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Event_Destroy_Args);
  PJRT_Event *event = args->event;
  if (!event)
    return nullptr;
  // A zero-copy transfer's event is also owned by the buffer's storage,
  // which sets it when it lets go of the host memory.
  if (event->owners.fetch_sub(1) != 1)
    return nullptr;
  // Nobody can set an event once it is destroyed; tell pending waiters so
  // rather than never calling them.
  std::vector<std::pair<PJRT_Event_OnReadyCallback, void *>> callbacks;
  {
    std::lock_guard<std::mutex> lock(event->mutex);
    callbacks.swap(event->callbacks);
  }
  for (auto &callback : callbacks)
    callback.first(makeError(PJRT_Error_Code_CANCELLED,
                             "PJRT_Event destroyed before it was set"),
                   callback.second);
  delete event;
  return nullptr;
}

PJRT_Error *eventIsReady(PJRT_Event_IsReady_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Event_IsReady_Args);
  AXLE_REQUIRE(args->event, "PJRT_Event_IsReady", "event");
  std::lock_guard<std::mutex> lock(args->event->mutex);
  args->is_ready = args->event->ready;
  return nullptr;
}

PJRT_Error *eventError(PJRT_Event_Error_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Event_Error_Args);
  AXLE_REQUIRE(args->event, "PJRT_Event_Error", "event");
  std::lock_guard<std::mutex> lock(args->event->mutex);
  if (!args->event->ready)
    return failedPrecondition(
        "PJRT_Event_Error: the event is not ready; await it first");
  return statusOf(args->event->code, args->event->message);
}

PJRT_Error *eventAwait(PJRT_Event_Await_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Event_Await_Args);
  AXLE_REQUIRE(args->event, "PJRT_Event_Await", "event");
  PJRT_Event *event = args->event;
  std::unique_lock<std::mutex> lock(event->mutex);
  event->readyChanged.wait(lock, [event] { return event->ready; });
  return statusOf(event->code, event->message);
}

PJRT_Error *eventOnReady(PJRT_Event_OnReady_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Event_OnReady_Args);
  AXLE_REQUIRE(args->event, "PJRT_Event_OnReady", "event");
  AXLE_REQUIRE(reinterpret_cast<const void *>(args->callback),
               "PJRT_Event_OnReady", "callback");
  PJRT_Event *event = args->event;
  PJRT_Error *status = nullptr;
  {
    std::lock_guard<std::mutex> lock(event->mutex);
    if (!event->ready) {
      event->callbacks.emplace_back(args->callback, args->user_arg);
      return nullptr;
    }
    status = statusOf(event->code, event->message);
  }
  // Outside the lock: the callback may use or even destroy the event.
  args->callback(status, args->user_arg);
  return nullptr;
}

PJRT_Error *eventCreate(PJRT_Event_Create_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Event_Create_Args);
  args->event = new PJRT_Event;
  return nullptr;
}

PJRT_Error *eventSet(PJRT_Event_Set_Args *args) {
  AXLE_CHECK_ARGS(args, PJRT_Event_Set_Args);
  AXLE_REQUIRE(args->event, "PJRT_Event_Set", "event");
  std::string message;
  if (args->error_code != PJRT_Error_Code_OK && args->error_message)
    message.assign(args->error_message, args->error_message_size);
  return setReady(args->event, args->error_code, std::move(message));
}

} // namespace axle::pjrt
