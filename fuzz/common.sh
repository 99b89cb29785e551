# Shared by fuzz/build.sh, fuzz/run.sh and fuzz/smoke.sh: sourced, not run. See fuzz/README.md.

fuzz_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$fuzz_dir/.." && pwd)
fuzz_targets=(policy eventlog postmortem command)

# AFL++ in a container, as root, against a .NET target:
# - no CPU frequency governor and no core-dump handler to tune here, so skip those checks;
# - no status screen, since the output goes to a log;
# - the target binary is the `dotnet` host, which carries no AFL marker: the instrumentation lives in
#   IncidentPolicy.dll and shows in the coverage map, which the dry run checks ("No instrumentation detected");
# - do not bind to a core: the machine's two cores are shared.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

is_target() {
  local name
  for name in "${fuzz_targets[@]}"; do [ "$name" = "$1" ] && return 0; done
  return 1
}

# Installs AFL++ from the Debian package when afl-fuzz is missing (as root; CI runs as root too).
ensure_afl() {
  command -v afl-fuzz >/dev/null 2>&1 && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "afl-fuzz is missing: install the Debian package afl++ (apt-get install afl++)" >&2
    return 1
  fi
  echo "installing afl++ (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq afl++ >/dev/null || {
    echo "apt-get install afl++ failed" >&2
    return 1
  }
  command -v afl-fuzz >/dev/null 2>&1 || { echo "afl++ installed but afl-fuzz is not on PATH" >&2; return 1; }
}

# Publishes the fuzz target (Release) into the empty or missing folder $1 and instruments IncidentPolicy.dll there.
build_target() {
  local out=$1
  if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
    # A second publish would not overwrite an instrumented IncidentPolicy.dll that is newer than the build's.
    echo "build folder $out is not empty" >&2
    return 1
  fi
  mkdir -p "$out"
  (cd "$repo_root" && dotnet tool restore >/dev/null) || { echo "dotnet tool restore failed" >&2; return 1; }
  dotnet publish "$fuzz_dir/IncidentPolicy.Fuzz/IncidentPolicy.Fuzz.csproj" -c Release -o "$out" --nologo -v quiet || {
    echo "dotnet publish of the fuzz target failed" >&2
    return 1
  }
  (cd "$repo_root" && dotnet tool run sharpfuzz "$out/IncidentPolicy.dll") || {
    echo "sharpfuzz could not instrument $out/IncidentPolicy.dll" >&2
    return 1
  }
  # An instrumented assembly refers to SharpFuzz.Common, where the coverage map lives.
  grep -q "SharpFuzz.Common" "$out/IncidentPolicy.dll" || {
    echo "$out/IncidentPolicy.dll does not look instrumented" >&2
    return 1
  }
}

# Runs afl-fuzz on one target for $2 seconds: build folder $3, AFL output folder $4 (must not exist), log file $5.
run_afl() {
  local target=$1 seconds=$2 build=$3 out=$4 log=$5
  # -D turns on AFL's deterministic stages (off by default in AFL++ 4): walking every byte of the small seeds with
  # +-1 and every dictionary word is what moves a date to the end of the calendar, which the coverage map cannot
  # guide (the date arithmetic is NodaTime's, not instrumented). -V stops AFL after the given time; `timeout` only
  # guards against AFL itself hanging.
  timeout --kill-after=10 $((seconds + 120)) \
    afl-fuzz -D -i "$fuzz_dir/corpus/$target" -o "$out" -x "$fuzz_dir/dictionaries/$target.dict" \
      -t "${FUZZ_TIMEOUT_MS:-10000}" -m none -V "$seconds" \
      -- "$(command -v dotnet)" "$build/IncidentPolicy.Fuzz.dll" "$target" >"$log" 2>&1
}

# Prints the corpus files that crashed AFL's dry run (AFL skips them and fuzzes on), given the log $1; fails when there
# are none.
crashing_seeds() {
  grep "results in a crash" "$1" | sed -n "s/.*orig:\([^']*\)'.*/\1/p" | grep .
}

# One value of AFL's fuzzer_stats file $1, or empty.
stat_value() {
  sed -n "s/^$2 *: *//p" "$1" 2>/dev/null | head -n 1
}

# Checks that AFL ran instrumented: prints why not and fails, given the AFL output folder $1 and the log $2.
check_instrumented() {
  local out=$1 log=$2 stats="$1/default/fuzzer_stats"
  if grep -q "No instrumentation detected" "$log"; then
    echo "AFL found no instrumentation: no coverage came back from IncidentPolicy.dll" >&2
    return 1
  fi
  if [ ! -f "$stats" ]; then
    echo "AFL did not start fuzzing; the end of its log:" >&2
    tail -n 15 "$log" | sed 's/\x1b\[[0-9;]*m//g' >&2
    return 1
  fi
  local edges
  edges=$(stat_value "$stats" edges_found)
  if [ "${edges:-0}" -le 0 ]; then
    echo "AFL saw no edges: the target is not instrumented" >&2
    return 1
  fi
}

# Copies every crash input of the AFL output folder $2 into fuzz/regressions/$1/<sha256 prefix>.txt (a file already
# there is kept) and prints one line per crash, with the exception it throws when the build folder $3 is given (for the
# first FUZZ_NAME_CRASHES, 20 by default: each takes a .NET start). Sets crash_count.
save_crashes() {
  local target=$1 out=$2 build=${3:-} dest="$fuzz_dir/regressions/$1" file sha name first
  crash_count=0
  for file in "$out"/default/crashes/id:*; do
    [ -f "$file" ] || continue
    crash_count=$((crash_count + 1))
    mkdir -p "$dest"
    sha=$(sha256sum "$file" | cut -c 1-16)
    name="$dest/$sha.txt"
    [ -e "$name" ] || cp "$file" "$name"
    first=""
    if [ -n "$build" ] && [ "$crash_count" -le "${FUZZ_NAME_CRASHES:-20}" ]; then
      # Outside afl-fuzz the target runs the check once on standard input, and the runtime prints the exception.
      first=$(dotnet "$build/IncidentPolicy.Fuzz.dll" "$target" <"$file" 2>&1 | grep -m 1 "^Unhandled exception" || true)
    fi
    echo "  ${name#"$repo_root"/}${first:+  ${first#Unhandled exception. }}"
  done
}
