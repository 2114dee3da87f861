#!/usr/bin/env bash
# Runs eval jobs two at a time (this machine has two cores), one line of a job
# file per run: OUTPUT_NAME CONFIG [--set key=value ...]. Each run's JSON goes
# to OUT_DIR/OUTPUT_NAME.json and its log beside it; a run whose JSON exists is skipped.
set -u
jobs_file=$1
out_dir=${2:-eval/results/runs}
parallel=${PARALLEL:-2}
mkdir -p "$out_dir"
run_one() {
  local name=$1; shift
  local config=$1; shift
  [ -s "$out_dir/$name.json" ] && return 0
  npx tsx scripts/eval.ts --config "$config" --node --out "$out_dir/$name.json" "$@" > "$out_dir/$name.log" 2>&1 || echo "failed: $name" >&2
}
export -f run_one
export out_dir
grep -v '^\s*#' "$jobs_file" | grep -v '^\s*$' | xargs -P "$parallel" -L 1 bash -c 'run_one "$@"' _
