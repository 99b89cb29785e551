#!/usr/bin/env bash
# Fuzzes one reader with AFL++ for MINUTES minutes, seeded from fuzz/corpus/TARGET, then copies every crash input into
# fuzz/regressions/TARGET/<sha256 prefix>.txt, where the test suite replays it (FuzzCorpusTests).
# Usage: fuzz/run.sh TARGET MINUTES   (TARGET: policy, eventlog or postmortem)
# Exit 0: no crash; 1: crashes saved, or AFL did not run instrumented; 2: usage. AFL's output folder (queue, crashes,
# hangs, fuzzer_stats) is kept in a temporary folder, printed at the end. FUZZ_TIMEOUT_MS sets AFL's -t (10000).
set -euo pipefail
source "$(dirname "$0")/common.sh"

if [ $# -ne 2 ] || ! is_target "$1" || ! [[ "$2" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: fuzz/run.sh {$(IFS='|'; echo "${fuzz_targets[*]}")} MINUTES" >&2
  exit 2
fi
target=$1
minutes=$2

ensure_afl
work=$(mktemp -d -t "incidentpolicy-fuzz-$target.XXXXXX")
build_target "$work/build"
echo "fuzzing $target for $minutes min (AFL output in $work/afl)"
status=0
run_afl "$target" $((minutes * 60)) "$work/build" "$work/afl" "$work/afl.log" || status=$?
if ! check_instrumented "$work/afl" "$work/afl.log"; then
  echo "log: $work/afl.log" >&2
  exit 1
fi
[ "$status" -eq 0 ] || echo "afl-fuzz exited with $status (log: $work/afl.log)" >&2
if seeds=$(crashing_seeds "$work/afl.log"); then
  echo "$target: seeds that crash, skipped by AFL:" $seeds >&2
  status=1
fi

stats="$work/afl/default/fuzzer_stats"
echo "$target: $(stat_value "$stats" execs_done) execs ($(stat_value "$stats" execs_per_sec)/s)," \
  "$(stat_value "$stats" edges_found) edges, $(stat_value "$stats" corpus_count) queue entries," \
  "$(stat_value "$stats" saved_hangs) hangs (over ${FUZZ_TIMEOUT_MS:-10000} ms, in $work/afl/default/hangs)"
save_crashes "$target" "$work/afl" "$work/build"
if [ "$crash_count" -gt 0 ]; then
  echo "$target: $crash_count crash(es) saved in fuzz/regressions/$target (replayed by FuzzCorpusTests)" >&2
  exit 1
fi
echo "$target: no crash"
exit "$status"
