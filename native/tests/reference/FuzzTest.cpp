//===- FuzzTest.cpp - Malformed programs never crash the compiler ---------===//
//
// A seeded, bounded mini fuzzer: valid programs (the managed lowering's
// golden files and random differential programs) are mutated token by token
// (deletions, swaps, duplications, numbers replaced by edge values) and fed
// to axle::compileProgram. Each mutant must come back, compiled or with an
// error status; a signal (or a hang) in the compiler fails the test with
// the mutant as reproducer.
//
// Mutants run in batches in a forked child that reports the index of the
// mutant it is on, so one crash costs one fork, not one per mutant.
//
//===----------------------------------------------------------------------===//

#include "RandomProgram.h"

#include "Compiler.h"

#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <sys/wait.h>
#include <unistd.h>

namespace axle::reference {
namespace {

/// Splits `text` into tokens: runs of word characters, or single other
/// characters (whitespace included), so that joining them gives `text`.
std::vector<std::string> tokenize(const std::string &text) {
  std::vector<std::string> tokens;
  auto word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
  };
  for (size_t i = 0; i < text.size();) {
    size_t j = i + 1;
    if (word(text[i]))
      while (j < text.size() && word(text[j]))
        ++j;
    tokens.push_back(text.substr(i, j - i));
    i = j;
  }
  return tokens;
}

bool isSpace(const std::string &t) {
  return t.size() == 1 && std::isspace(static_cast<unsigned char>(t[0]));
}

bool isNumber(const std::string &t) {
  size_t start = !t.empty() && t[0] == '-' ? 1 : 0;
  if (start >= t.size())
    return false;
  for (size_t i = start; i < t.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(t[i])))
      return false;
  return true;
}

/// One to three random edits of `text`'s non-space tokens.
std::string mutate(const std::string &text, std::mt19937_64 &rng) {
  std::vector<std::string> tokens = tokenize(text);
  std::vector<size_t> solid;
  for (size_t i = 0; i < tokens.size(); ++i)
    if (!isSpace(tokens[i]))
      solid.push_back(i);
  if (solid.empty())
    return text;
  static const std::vector<std::string> numbers = {
      "0", "1", "-1", "2", "7", "64", "2147483648", "-9223372036854775808",
      "99999999999", "4294967295"};
  auto pick = [&](size_t n) {
    return static_cast<size_t>(std::uniform_int_distribution<size_t>(0, n - 1)(rng));
  };
  int edits = 1 + static_cast<int>(pick(3));
  for (int e = 0; e < edits; ++e) {
    size_t a = solid[pick(solid.size())], b = solid[pick(solid.size())];
    switch (pick(4)) {
    case 0:
      tokens[a].clear();
      break;
    case 1:
      std::swap(tokens[a], tokens[b]);
      break;
    case 2:
      tokens[a] += " " + tokens[b];
      break;
    default: {
      std::vector<size_t> numeric;
      for (size_t i : solid)
        if (isNumber(tokens[i]))
          numeric.push_back(i);
      if (!numeric.empty())
        tokens[numeric[pick(numeric.size())]] = numbers[pick(numbers.size())];
      break;
    }
    }
  }
  std::string out;
  for (const std::string &t : tokens)
    out += t;
  return out;
}

std::vector<std::string> seedPrograms() {
  std::vector<std::string> programs;
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const auto &entry : fs::directory_iterator(AXLE_GOLDEN_DIR, ec))
    if (entry.path().extension() == ".mlir") {
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      programs.push_back(text.str());
    }
  for (const std::string &op : generatedOps())
    programs.push_back(generateProgram(op, 1000).text);
  return programs;
}

constexpr int kMutantsPerProgram = 12;
/// Per mutant: longer means the compiler hangs.
constexpr int kMutantTimeoutSeconds = 20;

/// Compiles mutants[first..] in a child, writing each index before its
/// compile. Returns the index the child was on when it died, or -1 if it
/// finished them all.
long runBatch(const std::vector<std::string> &mutants, size_t first, std::string &how) {
  int fds[2];
  if (::pipe(fds) != 0) {
    how = "pipe failed";
    return static_cast<long>(first);
  }
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    for (size_t i = first; i < mutants.size(); ++i) {
      uint32_t index = static_cast<uint32_t>(i);
      if (::write(fds[1], &index, sizeof index) != sizeof index)
        ::_exit(3);
      ::alarm(kMutantTimeoutSeconds);
      Status status;
      std::unique_ptr<Executable> exe = compileProgram(mutants[i], "mlir", status);
      if (!exe && status.ok())
        ::_exit(2); // A failure must say why.
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  long last = -1;
  uint32_t index;
  while (::read(fds[0], &index, sizeof index) == sizeof index)
    last = index;
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
    return -1;
  how = WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM
            ? "no answer within " + std::to_string(kMutantTimeoutSeconds) + " s"
        : WIFSIGNALED(status) ? std::string("signal ") + strsignal(WTERMSIG(status))
        : WEXITSTATUS(status) == 2 ? std::string("null executable with an OK status")
                                   : "exit status " + std::to_string(WEXITSTATUS(status));
  return last < 0 ? static_cast<long>(first) : last;
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

TEST(Fuzz, MutatedProgramsNeverCrashTheCompiler) {
  std::vector<std::string> seeds = seedPrograms();
  ASSERT_GE(seeds.size(), 10u);
  std::mt19937_64 rng(20240611);
  std::vector<std::string> mutants;
  for (const std::string &seed : seeds)
    for (int i = 0; i < kMutantsPerProgram; ++i)
      mutants.push_back(mutate(seed, rng));
  auto started = std::chrono::steady_clock::now();
  int crashes = 0;
  std::string first;
  for (size_t next = 0; next < mutants.size();) {
    std::string how;
    long at = runBatch(mutants, next, how);
    if (at < 0)
      break;
    if (crashes++ == 0)
      first = how + " compiling:\n" + mutants[static_cast<size_t>(at)];
    next = static_cast<size_t>(at) + 1;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(crashes, 0) << crashes << " of " << mutants.size()
                        << " mutants crashed the compiler; first:\n" << first;
  // Sanitized builds (test-native-asan) run several times slower; the budget
  // is for normal builds.
  EXPECT_LT(seconds, kSanitized ? 100.0 : 10.0)
      << mutants.size() << " mutants took " << seconds << " s";
}

TEST(Fuzz, MutationIsDeterministicAndChangesTheText) {
  std::string text = generateProgram("add", 3).text;
  std::mt19937_64 a(5), b(5);
  std::string ma = mutate(text, a);
  EXPECT_EQ(ma, mutate(text, b));
  int changed = 0;
  std::mt19937_64 rng(9);
  for (int i = 0; i < 20; ++i)
    changed += mutate(text, rng) != text;
  EXPECT_GE(changed, 15);
}

} // namespace
} // namespace axle::reference
