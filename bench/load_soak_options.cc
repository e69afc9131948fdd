// Parsing load_soak's flags.
#include "bench/load_soak_options.h"

#include <chrono>
#include <optional>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

#ifndef KUMPPANI_KUMPPANID
#define KUMPPANI_KUMPPANID ""
#endif

namespace kumppani::bench {
namespace {

absl::Status Bad(const std::string& flag, const std::string& rule) {
  return absl::InvalidArgumentError(absl::StrCat("--", flag, ": ", rule));
}

absl::Status ParseInt(const std::string& flag, const std::string& text, int min, int max,
                      int& out) {
  if (!absl::SimpleAtoi(text, &out) || out < min || out > max) {
    return Bad(flag,
               absl::StrCat("must be an integer in ", min, "..", max, ", got \"", text, "\""));
  }
  return absl::OkStatus();
}

absl::Status ParseDouble(const std::string& flag, const std::string& text, double min,
                         double& out) {
  if (!absl::SimpleAtod(text, &out) || !(out >= min)) {
    return Bad(flag, absl::StrCat("must be a number >= ", min, ", got \"", text, "\""));
  }
  return absl::OkStatus();
}

// Applies one flag that takes a value.
absl::Status Apply(LoadSoakOptions& o, const std::string& name, const std::string& value) {
  if (name == "seconds") return ParseDouble(name, value, 1, o.seconds);
  if (name == "kumppanid") {
    o.kumppanid = value;
    return absl::OkStatus();
  }
  if (name == "target") {
    o.target = value;
    return absl::OkStatus();
  }
  if (name == "token") {
    o.token = value;
    return absl::OkStatus();
  }
  if (name == "command-clients") return ParseInt(name, value, 0, 256, o.command_clients);
  if (name == "append-clients") return ParseInt(name, value, 0, 256, o.append_clients);
  if (name == "query-clients") return ParseInt(name, value, 0, 256, o.query_clients);
  if (name == "live-subscribers") return ParseInt(name, value, 0, 8, o.live_subscribers);
  if (name == "churn-subscribers") return ParseInt(name, value, 0, 4, o.churn_subscribers);
  if (name == "conflict-every") return ParseInt(name, value, 0, 1000000, o.conflict_every);
  if (name == "think-ms") return ParseInt(name, value, 0, 60000, o.think_ms);
  if (name == "rss-every") return ParseDouble(name, value, 0.1, o.rss_every);
  if (name == "max-rss-growth") return ParseDouble(name, value, -1, o.max_rss_growth);
  if (name == "warmup-seconds") return ParseDouble(name, value, -1, o.warmup_seconds);
  if (name == "kumppanid-arg") {
    o.kumppanid_args.push_back(value);
    return absl::OkStatus();
  }
  if (name == "seed") {
    if (!absl::SimpleAtoi(value, &o.seed)) return Bad(name, "must be an unsigned integer");
    return absl::OkStatus();
  }
  return Bad(name, "is not a flag (see --help)");
}

}  // namespace

const char* LoadSoakUsage() {
  return "usage: load_soak [--seconds=60] [--kumppanid=PATH | --target=HOST:PORT [--token=T]]\n"
         "                 [--command-clients=4] [--append-clients=2] [--query-clients=3]\n"
         "                 [--live-subscribers=2] [--churn-subscribers=1] [--conflict-every=10]\n"
         "                 [--think-ms=0] [--rss-every=10] [--warmup-seconds=seconds/5]\n"
         "                 [--max-rss-growth=-1 (off)]\n"
         "                 [--kumppanid-arg=ARG]... [--no-restart-check] [--keep] [--seed=N]\n"
         "Flags take --name=value or --name value. See bench/load_soak.cc.\n";
}

absl::StatusOr<LoadSoakOptions> ParseLoadSoakOptions(int argc, char** argv, bool& help) {
  LoadSoakOptions options;
  options.kumppanid = KUMPPANI_KUMPPANID;
  options.seed = static_cast<uint64_t>(std::chrono::system_clock::now().time_since_epoch().count() %
                                       1000000007);
  help = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      help = true;
      return options;
    }
    if (arg == "--keep") {
      options.keep = true;
      continue;
    }
    if (arg == "--no-restart-check") {
      options.restart_check = false;
      continue;
    }
    if (arg.rfind("--", 0) != 0 || arg.size() == 2) {
      return absl::InvalidArgumentError(absl::StrCat("\"", arg, "\": not a flag (see --help)"));
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      return Bad(name, "needs a value");
    }
    if (absl::Status status = Apply(options, name, *value); !status.ok()) return status;
  }
  if (options.target.empty() && options.kumppanid.empty()) {
    return Bad("kumppanid", "is required (no kumppanid was built beside load_soak)");
  }
  if (options.warmup_seconds >= options.seconds) {
    return Bad("warmup-seconds", "must be less than --seconds");
  }
  if (!options.target.empty() && options.live_subscribers + 2 * options.churn_subscribers > 8) {
    return Bad("live-subscribers",
               "plus twice --churn-subscribers must be at most 8 with --target (one token: the "
               "server's limit of concurrent subscriptions per token)");
  }
  return options;
}

}  // namespace kumppani::bench
