#!/usr/bin/env bash
# The fuzzing smoke run by .ci/run: installs AFL++ when missing, builds and instruments the fuzz target, fuzzes each
# reader for FUZZ_SMOKE_SECONDS (45) seconds, and fails unless AFL ran every target instrumented, for at least
# FUZZ_SMOKE_MIN_EXECS (10000) executions, without a crash. Crash inputs are saved as regression files, as by run.sh.
# The whole smoke keeps within FUZZ_SMOKE_BUDGET (170) seconds: when the build was slow (a busy machine), each reader
# gets less time, never under 15 s; the execution count still has to be reached.
set -euo pipefail
source "$(dirname "$0")/common.sh"

seconds=${FUZZ_SMOKE_SECONDS:-45}
budget=${FUZZ_SMOKE_BUDGET:-170}
min_execs=${FUZZ_SMOKE_MIN_EXECS:-10000}
export FUZZ_NAME_CRASHES=${FUZZ_NAME_CRASHES:-5}
started=$SECONDS
ensure_afl
work=$(mktemp -d -t incidentpolicy-fuzz-smoke.XXXXXX)
trap 'rm -rf "$work"' EXIT
build_target "$work/build"
built=$((SECONDS - started))
# About 5 s per reader go to AFL's start-up and to naming the exception of each crash found.
share=$(((budget - built) / ${#fuzz_targets[@]} - 5))
[ "$share" -lt "$seconds" ] && seconds=$share
[ "$seconds" -lt 15 ] && seconds=15
echo "built and instrumented in $built s; fuzzing each reader for $seconds s"

failed=0
for target in "${fuzz_targets[@]}"; do
  out="$work/afl-$target" log="$work/afl-$target.log"
  run_afl "$target" "$seconds" "$work/build" "$out" "$log" || echo "$target: afl-fuzz exited with $?" >&2
  if ! check_instrumented "$out" "$log"; then
    echo "$target: FAILED: AFL did not fuzz it instrumented" >&2
    failed=1
    continue
  fi
  if seeds=$(crashing_seeds "$log"); then
    echo "$target: FAILED: seeds that crash (AFL skipped them; FuzzCorpusTests fails on them too):" $seeds >&2
    failed=1
  fi
  stats="$out/default/fuzzer_stats"
  execs=$(stat_value "$stats" execs_done)
  echo "$target: ${execs:-0} execs ($(stat_value "$stats" execs_per_sec)/s), $(stat_value "$stats" edges_found) edges," \
    "$(stat_value "$stats" corpus_count) queue entries, $(stat_value "$stats" saved_hangs) hangs"
  if [ "${execs:-0}" -lt "$min_execs" ]; then
    echo "$target: FAILED: ${execs:-0} executions, fewer than $min_execs" >&2
    failed=1
  fi
  save_crashes "$target" "$out" "$work/build"
  if [ "$crash_count" -gt 0 ]; then
    echo "$target: FAILED: $crash_count crash(es), saved as regression files in fuzz/regressions/$target (listed above)" >&2
    failed=1
  fi
done

echo "fuzzing smoke: $([ "$failed" -eq 0 ] && echo ok || echo FAILED) in $((SECONDS - started)) s"
exit "$failed"
