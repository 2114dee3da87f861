#!/usr/bin/env bash
# Packs what `npm run bench`, time to quality and the eval CLI need on a lent GPU machine
# that has no network and none of the project's dependencies (see the README's bench paragraph):
#   .dev/app/   the built app, the bench, time to quality, the eval CLI and the GPU probe bundled for plain Node, playwright-core
#   .dev/data/  the real corpora that time to quality serves, from ../shared/data (MTL_DATA_DIR), as
#               one xz tarball: ignored by git, for the trip only, never committed
#   .dev/pN/    this machine's Chromium, the libraries it links, Node and three fonts, as
#               one xz tarball cut into parts small enough for one device call each
# Usage: bash scripts/device/pack.sh [MiB]   (the size of each part but the last, default 56, so
#        that a part and the ~6 MiB working tree fit one call's 64 MiB; `app` repacks only .dev/app
#        and .dev/data, which travel with the last, smaller part)
set -euo pipefail
cd "$(dirname "$0")/../.."
part_mib=${1:-56}
rm -rf .dev/app && mkdir -p .dev/app/node_modules
npx vite build --outDir .dev/app/dist --emptyOutDir --logLevel error
for entry in bench timeToQuality eval gpuProbe; do
  npx esbuild "scripts/$entry.ts" --bundle --platform=node --format=esm --target=node20 \
    --alias:@playwright/test=playwright-core --external:playwright-core --external:vite \
    --banner:js="import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" \
    --outfile=".dev/app/$entry.mjs" --log-level=warning
done
cp -a node_modules/playwright-core .dev/app/node_modules/
data=${MTL_DATA_DIR:-../shared/data}
rm -rf .dev/data && mkdir -p .dev/data
tar -C "$data" -cf - sst2 ud-english-ewt uner-english-ewt | xz -9 -T0 > .dev/data/corpora.tar.xz
[ "$part_mib" = app ] && exit 0

chromium_dir=/usr/lib/chromium
[ -x "$chromium_dir/chromium" ] || { echo "Debian's Chromium is missing: apt-get install -y chromium" >&2; exit 1; }
stage=$(mktemp -d)
root="$stage/root"
mkdir -p "$root/chromium" "$root/lib/nss" "$root/lib-fallback" "$root/bin" "$root/fonts"
cp -a "$chromium_dir/." "$root/chromium/"
# Validation layers and the mock driver are for Chromium's own tests; one locale is enough.
rm -f "$root"/chromium/libVkLayer_khronos_validation.so* "$root"/chromium/libVkICD_mock_icd.so*
find "$root/chromium/locales" -type f ! -name 'en-US*' -delete
# Every library Chromium links except glibc's own (the GPU machine's glibc is used).
for lib in $(ldd "$chromium_dir/chromium" | awk '$3 ~ /^\// {print $3}' | sort -u); do
  case $(basename "$lib") in
    libc.so*|libm.so*|libdl.so*|libpthread.so*|librt.so*|libresolv.so*|ld-linux*) ;;
    libstdc++.so*|libgcc_s.so*) cp -L "$lib" "$root/lib-fallback/" ;;  # used only where the machine has none
    *) cp -L "$lib" "$root/lib/" ;;
  esac
done
# GL dispatch (glvnd): the NVIDIA Vulkan and EGL drivers load through it.
for n in libGLdispatch.so.0 libEGL.so.1 libGLX.so.0 libOpenGL.so.0 libGL.so.1 libGLESv2.so.2; do
  cp -L "/usr/lib/x86_64-linux-gnu/$n" "$root/lib/"
done
cp -L /usr/lib/x86_64-linux-gnu/nss/* "$root/lib/nss/" 2>/dev/null || true
cp "$(readlink -f "$(command -v node)")" "$root/bin/node"
cp /usr/share/fonts/truetype/dejavu/DejaVuSans{,-Bold,Mono}.ttf "$root/fonts/"
tar -C "$stage" -cf - root | xz -9e -T0 > "$stage/runtime.tar.xz"
size=$(stat -c %s "$stage/runtime.tar.xz")
rm -rf .dev/p[0-9]*
split -b "${part_mib}M" -d -a 1 "$stage/runtime.tar.xz" "$stage/runtime.tar.xz.part-"
parts=$(ls "$stage"/runtime.tar.xz.part-* | wc -l)
for i in $(seq 1 "$parts"); do
  mkdir -p ".dev/p$i"; mv "$stage/runtime.tar.xz.part-$((i - 1))" ".dev/p$i/"
  echo "$parts" > ".dev/p$i/parts"  # so bench-on-gpu.sh knows when the last part has come
done
rm -rf "$stage"
echo "runtime: $((size / 1048576)) MiB in $parts parts under .dev/p1..p$parts; app: $(du -sh .dev/app | cut -f1)"
