#!/usr/bin/env bash
# Runs one libFuzzer target for a while. Seeds are read from Fuzz/corpus/<target>/ (committed);
# inputs libFuzzer finds interesting go to Fuzz/.build/corpus/<target>/ (not committed, kept
# between runs); crashing inputs go to a temporary folder whose path is printed at the end.
# Usage: Fuzz/run.sh <target> [seconds=180] [extra libFuzzer flags...]
set -euo pipefail
target="${1:?usage: Fuzz/run.sh <target> [seconds]}"
seconds="${2:-180}"
shift $(( $# >= 2 ? 2 : 1 ))
here="$(cd "$(dirname "$0")" && pwd)"
[ -x "$here/.build/$target" ] || "$here/build.sh" "$target"
seeds="$here/corpus/$target"
corpus="$here/.build/corpus/$target"
mkdir -p "$corpus" "$seeds"
artifacts="$(mktemp -d "${TMPDIR:-/tmp}/unefois-fuzz-$target-XXXXXX")"
dict=()
[ -f "$here/$target/dict" ] && dict=("-dict=$here/$target/dict")
set +e
"$here/.build/$target" "$corpus" "$seeds" "${dict[@]}" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 "$@"
status=$?
set -e
echo "artifacts (crashes, timeouts, OOMs): $artifacts"
ls -l "$artifacts"
exit $status
