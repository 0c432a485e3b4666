//===- LifetimeTest.cpp - Every object released, in any order -------------===//
//
// A client with buffers, executables (loaded and not) and events is
// destroyed first or last, and the rest released in every order; afterwards
// the plugin's live-object counts are back to zero (the fixture's own client
// aside). Objects outliving their client keep working: the shared client
// state goes away with the last of them.
//
//===----------------------------------------------------------------------===//

#include "PluginFixture.h"

#include <algorithm>

namespace axle::test {
namespace {

const char kScale[] = R"mlir(
func.func public @main(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "stablehlo.add"(%a, %a) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  "func.return"(%0) : (tensor<4xf32>) -> ()
}
)mlir";

class LifetimeTest : public PluginTest {
protected:
  /// Zero everything but the fixture's client.
  void expectOnlyFixtureClientAlive() {
    AxleLiveObjectCounts now = liveCounts();
    EXPECT_EQ(now.clients, before.clients + 1);
    EXPECT_EQ(now.buffers, 0);
    EXPECT_EQ(now.executables, 0);
    EXPECT_EQ(now.loaded_executables, 0);
    EXPECT_EQ(now.events, 0);
    EXPECT_EQ(now.errors, 0);
  }

  PJRT_Client *createClient() {
    auto args = AXLE_ARGS(PJRT_Client_Create_Args);
    EXPECT_EQ(takeError(api().PJRT_Client_Create(&args)).code,
              PJRT_Error_Code_OK);
    return args.client;
  }
  void destroyClient(PJRT_Client *c) {
    auto args = AXLE_ARGS(PJRT_Client_Destroy_Args);
    args.client = c;
    EXPECT_EQ(takeError(api().PJRT_Client_Destroy(&args)).code,
              PJRT_Error_Code_OK);
  }
  PJRT_Executable *executableOf(PJRT_LoadedExecutable *loaded) {
    auto get = AXLE_ARGS(PJRT_LoadedExecutable_GetExecutable_Args);
    get.loaded_executable = loaded;
    EXPECT_EQ(takeError(api().PJRT_LoadedExecutable_GetExecutable(&get)).code,
              PJRT_Error_Code_OK);
    return get.executable;
  }
  /// Starts a device-to-host copy and returns its (unawaited) event.
  PJRT_Event *copyToHost(PJRT_Buffer *buffer, std::vector<float> &into) {
    into.assign(4, 0);
    auto args = AXLE_ARGS(PJRT_Buffer_ToHostBuffer_Args);
    args.src = buffer;
    args.dst = into.data();
    args.dst_size = into.size() * sizeof(float);
    EXPECT_EQ(takeError(api().PJRT_Buffer_ToHostBuffer(&args)).code,
              PJRT_Error_Code_OK);
    return args.event;
  }

  /// A second client makes every kind of object; then the client (0), the
  /// input buffer after one more run (1), the loaded executable (2), the
  /// unloaded executable (3) and a pending copy's event with the outputs (4)
  /// are released in `order`.
  void runScenario(const std::vector<int> &order) {
    PJRT_Client *fixtureClient = client;
    PJRT_Client *other = createClient();
    client = other; // the fixture's helpers act on `client`
    std::vector<float> values = {1, 2, 3, 4};
    PJRT_Buffer *input = upload(PJRT_Buffer_Type_F32, {4}, values);
    PJRT_LoadedExecutable *loaded = compileOk(kScale);
    PJRT_Executable *unloaded = executableOf(loaded);
    std::vector<PJRT_Buffer *> outputs;
    ErrorInfo run = execute(loaded, {input}, outputs);
    EXPECT_EQ(run.code, PJRT_Error_Code_OK) << run.message;
    std::vector<float> copied;
    PJRT_Event *pending =
        outputs.empty() ? nullptr : copyToHost(outputs[0], copied);
    client = fixtureClient;

    bool loadedAlive = true;
    for (int step : order) {
      switch (step) {
      case 0:
        destroyClient(other);
        break;
      case 1:
        // Still usable after its client is gone: run again and check.
        if (loadedAlive) {
          std::vector<PJRT_Buffer *> again;
          ErrorInfo rerun = execute(loaded, {input}, again);
          EXPECT_EQ(rerun.code, PJRT_Error_Code_OK) << rerun.message;
          if (!again.empty()) {
            EXPECT_EQ(downloadAs<float>(again[0]),
                      (std::vector<float>{2, 4, 6, 8}));
            destroy(again[0]);
          }
        }
        destroy(input);
        break;
      case 2:
        destroy(loaded);
        loadedAlive = false;
        break;
      case 3:
        destroy(unloaded);
        break;
      case 4:
        if (pending) {
          auto await = AXLE_ARGS(PJRT_Event_Await_Args);
          await.event = pending;
          EXPECT_EQ(takeError(api().PJRT_Event_Await(&await)).code,
                    PJRT_Error_Code_OK);
          destroy(pending);
        }
        EXPECT_EQ(copied, (std::vector<float>{2, 4, 6, 8}));
        for (PJRT_Buffer *output : outputs)
          destroy(output);
        break;
      }
    }
  }
};

TEST_F(LifetimeTest, EveryReleaseOrderEndsWithZeroLiveObjects) {
  std::vector<int> order = {0, 1, 2, 3, 4};
  int scenarios = 0;
  do {
    SCOPED_TRACE("release order " + std::to_string(order[0]) +
                 std::to_string(order[1]) + std::to_string(order[2]) +
                 std::to_string(order[3]) + std::to_string(order[4]));
    runScenario(order);
    expectOnlyFixtureClientAlive();
    ++scenarios;
  } while (std::next_permutation(order.begin(), order.end()));
  EXPECT_EQ(scenarios, 120);
}

TEST_F(LifetimeTest, ErrorsAndEventsAreCountedAndReleased) {
  ErrorInfo error;
  EXPECT_EQ(compile("not a program", &error), nullptr);
  EXPECT_EQ(error.code, PJRT_Error_Code_INVALID_ARGUMENT);
  // A raw error is counted while alive.
  auto args = AXLE_ARGS(PJRT_Client_Compile_Args);
  args.client = client;
  PJRT_Error *raw = api().PJRT_Client_Compile(&args); // no program
  ASSERT_NE(raw, nullptr);
  EXPECT_EQ(liveCounts().errors, before.errors + 1);
  takeError(raw);
  expectOnlyFixtureClientAlive();
}

TEST_F(LifetimeTest, ManyClientsCreatedAndDestroyedLeaveNothing) {
  for (int i = 0; i < 50; ++i) {
    PJRT_Client *c = createClient();
    ASSERT_NE(c, nullptr);
    destroyClient(c);
  }
  expectOnlyFixtureClientAlive();
}

} // namespace
} // namespace axle::test
