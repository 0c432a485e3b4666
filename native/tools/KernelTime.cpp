//===- KernelTime.cpp - Time one program on the compiler, no PJRT, no .NET -===//
//
// axle_kernel_time FILE [REPS] [THREADS]: compiles a StableHLO module (generic
// form, func.func @main) with the plugin's compiler, fills every input with
// the same deterministic bytes, executes it REPS times (default 200) and prints
// the median and the fastest time (AXLE_PRINT_OPTIMIZED=FILE also writes the
// optimized program). THREADS as the client option cpu_threads
// (default 0: one per core). For splitting a kernel's time into its parts
// (bench/RESULTS.md: row logsumexp), where bench/Plugin measures whole
// programs through the C API.
//
//===----------------------------------------------------------------------===//

#include "compiler/Compiler.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include <time.h>

int main(int argc, char **argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: axle_kernel_time FILE [REPS] [THREADS]\n");
    return 2;
  }
  std::ifstream file(argv[1]);
  if (!file) {
    std::fprintf(stderr, "axle_kernel_time: cannot read %s\n", argv[1]);
    return 2;
  }
  std::stringstream text;
  text << file.rdbuf();
  int reps = argc > 2 ? std::max(1, std::atoi(argv[2])) : 200;
  axle::CompileOptions options;
  if (argc > 3)
    options.threads = std::atoi(argv[3]);

  axle::Status status;
  auto exe = axle::compileProgram(text.str(), "mlir", status, options);
  if (!exe) {
    std::fprintf(stderr, "axle_kernel_time: %s\n", status.message.c_str());
    return 1;
  }
  // AXLE_PRINT_OPTIMIZED=FILE writes the program as the pipeline left it.
  if (const char *path = std::getenv("AXLE_PRINT_OPTIMIZED")) {
    std::ofstream optimized(path);
    optimized << exe->optimizedProgram();
  }
  // Small floats in [-4, 4) whatever the element type reads them as: the
  // same bytes every run, no NaNs for f32.
  std::vector<std::vector<float>> inputs;
  std::vector<const void *> in;
  for (const axle::TensorSpec &p : exe->parameters()) {
    std::vector<float> data((p.byteSize() + 3) / 4);
    for (size_t i = 0; i < data.size(); ++i)
      data[i] = float((i * 2654435761u) % 8000) / 1000.f - 4.f;
    inputs.push_back(std::move(data));
    in.push_back(inputs.back().data());
  }
  std::vector<std::vector<char>> outputs;
  std::vector<void *> out;
  for (const axle::TensorSpec &r : exe->results()) {
    outputs.emplace_back(r.byteSize());
    out.push_back(outputs.back().data());
  }

  // Thread CPU time next to wall time: on a shared machine the CPU time of a
  // single-threaded program is what another process's load disturbs least.
  auto cpuMs = [] {
    timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
  };
  std::vector<double> ms, cpu;
  for (int r = 0; r < reps; ++r) {
    auto start = std::chrono::steady_clock::now();
    double cpuStart = cpuMs();
    axle::Status run = exe->execute(in.data(), out.data());
    cpu.push_back(cpuMs() - cpuStart);
    ms.push_back(std::chrono::duration<double, std::milli>(
                     std::chrono::steady_clock::now() - start)
                     .count());
    if (!run.ok()) {
      std::fprintf(stderr, "axle_kernel_time: %s\n", run.message.c_str());
      return 1;
    }
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  std::printf("%s: median %.3f ms, fastest %.3f ms over %d runs (thread CPU "
              "time: median %.3f ms, fastest %.3f ms)\n",
              argv[1], ms[ms.size() / 2], ms.front(), reps, cpu[cpu.size() / 2],
              cpu.front());
  return 0;
}
