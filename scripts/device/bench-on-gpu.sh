#!/usr/bin/env bash
# Runs the bench, time to quality or the eval CLI on a lent NVIDIA machine:
# unpacks the runtime that pack.sh made, points Chromium at the NVIDIA Vulkan
# driver, probes which flags put WebGPU on the GPU, and runs the script with
# them. Writes under $OUT.
# Usage: [ENTRY=bench|timeToQuality|eval] bash scripts/device/bench-on-gpu.sh [its arguments…]
#   Run it once per runtime part, carrying .dev/p1, then .dev/p2, …, and with the last part
#   .dev/app and .dev/data (each call within the time the machine stays warm): the calls
#   before the last only stash their part. Time to quality and eval read the real corpora
#   from .dev/data. PROBE_ONLY=1 unpacks and probes, so that several runs can then go side
#   by side (LOG names each one's log under $OUT); FLAGS overrides the probe's choice.
set -uo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-/tmp/mtl-out}; mkdir -p "$OUT"
R=/tmp/mtl-runtime
if [ ! -x "$R/chromium/chromium" ]; then
  # One part travels per call: each call's parts are kept in $S while the machine is warm,
  # and the runtime is unpacked in the call that brings the last one.
  S=/tmp/mtl-parts; mkdir -p "$S"
  cp .dev/p*/runtime.tar.xz.part-* .dev/p*/parts "$S/" 2>/dev/null
  total=$(cat "$S/parts" 2>/dev/null || echo '?')
  have=$(ls "$S"/runtime.tar.xz.part-* 2>/dev/null | wc -l)
  if [ "$total" = '?' ] || [ "$have" -lt "$total" ]; then
    echo "runtime parts here: $have of $total; call again while the machine is warm, carrying the next .dev/pN"
    exit 0
  fi
  cat "$S"/runtime.tar.xz.part-* | xz -d -T0 | tar -x -C /tmp || { echo "unpacking the runtime failed" >&2; exit 1; }
  mv /tmp/root "$R" && rm -rf "$S"
fi
# The Vulkan loader ships inside Chromium's folder; Dawn (WebGPU) looks for it on the library path.
libs="$R/lib:$R/lib/nss:$R/chromium"
for d in /usr/local/nvidia/lib64 /usr/local/nvidia/lib; do [ -d "$d" ] && libs="$libs:$d"; done
ldconfig -p | grep -q 'libstdc++.so.6 ' || libs="$libs:$R/lib-fallback"
export LD_LIBRARY_PATH="$libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
icd=$(ls /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd*.json /etc/vulkan/icd.d/nvidia_icd*.json /usr/share/vulkan/icd.d/nvidia_icd*.json 2>/dev/null | head -1)
egl=$(ls /usr/local/nvidia/share/glvnd/egl_vendor.d/*nvidia*.json /usr/share/glvnd/egl_vendor.d/*nvidia*.json 2>/dev/null | head -1)
[ -n "$icd" ] && export VK_ICD_FILENAMES="$icd" VK_DRIVER_FILES="$icd"
[ -n "$egl" ] && export __EGL_VENDOR_LIBRARY_FILENAMES="$egl"
mkdir -p /tmp/fc-cache
printf '<?xml version="1.0"?>\n<fontconfig><dir>%s/fonts</dir><cachedir>/tmp/fc-cache</cachedir></fontconfig>\n' "$R" > "$R/fonts.conf"
export FONTCONFIG_FILE="$R/fonts.conf" CHROMIUM_PATH="$R/chromium/chromium"
NODE="$R/bin/node"
{
  echo "vulkan driver: ${icd:-none found}; egl vendor: ${egl:-none found}"
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.max.sm --format=csv 2>&1
  "$CHROMIUM_PATH" --version 2>&1; "$NODE" --version
} | tee "$OUT/machine.txt"

# RUN: a command to run in this environment instead (diagnosis), e.g. RUN='"$NODE" some.mjs'.
if [ -n "${RUN:-}" ]; then eval "$RUN"; exit; fi

# Flag sets to try, most specific first (Chrome's guidance for WebGPU on NVIDIA in headless mode first).
sets=(
  "--use-angle=vulkan --enable-features=Vulkan --use-vulkan=native --disable-vulkan-surface --ignore-gpu-blocklist"
  "--use-angle=vulkan --enable-features=Vulkan --disable-vulkan-surface --ignore-gpu-blocklist"
  "--enable-features=Vulkan --use-vulkan=native --disable-vulkan-surface --ignore-gpu-blocklist --use-angle=gl-egl"
  "--ignore-gpu-blocklist"
  ""
)
# The probe's answer is kept while the machine is warm, so a second bench call skips it.
if [ ! -f "$R/probe.txt" ]; then
  DEBUG=pw:browser "$NODE" .dev/app/gpuProbe.mjs .dev/app/dist "${sets[@]}" > "$R/probe.txt" 2> "$OUT/probe-browser.log"
fi
cp "$R/probe.txt" "$OUT/probe.txt"; cat "$OUT/probe.txt"
best=${FLAGS:-$(sed -n 's/^BEST: //p' "$OUT/probe.txt")}  # FLAGS overrides the probe's choice
if [ -z "$best" ] || [ "$best" = none ]; then
  echo "no flag set put WebGPU on the GPU; see probe-browser.log" >&2
  grep -v dbus "$OUT/probe-browser.log" | tail -40 >&2
  rm -f "$R/probe.txt"
  exit 2
fi
entry=${ENTRY:-bench}
# The real corpora (pack.sh's .dev/data), for time to quality and the eval CLI only, unpacked once.
export MTL_DATA_DIR=/tmp/mtl-data
if [ "$entry" != bench ] && [ ! -d "$MTL_DATA_DIR/sst2" ]; then
  mkdir -p "$MTL_DATA_DIR" && xz -d < .dev/data/corpora.tar.xz | tar -x -C "$MTL_DATA_DIR" ||
    { echo "unpacking the corpora failed (.dev/data carried?)" >&2; exit 1; }
fi
# Eval configs name ../shared/data/…, as beside a developer's checkout.
if [ "$entry" = eval ] && [ ! -e ../shared/data ]; then mkdir -p ../shared && ln -s "$MTL_DATA_DIR" ../shared/data; fi
[ "${PROBE_ONLY:-}" = 1 ] && exit 0
echo "$entry with: $best"
# LOG names the log under $OUT, so that runs side by side keep their own.
CHROMIUM_EXTRA_ARGS="$best" "$NODE" ".dev/app/$entry.mjs" --prebuilt .dev/app/dist "$@" 2> >(tee "$OUT/${LOG:-$entry.log}" >&2)
