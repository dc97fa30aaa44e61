#!/usr/bin/env bash
# Builds one libFuzzer target: Fuzz/<target>/main.swift compiled with the UneFois library's
# modules' sources (minus Bundle.module, which only exists under SwiftPM) and the system C libraries.
# Usage: Fuzz/build.sh <target>     → Fuzz/.build/<target>
set -euo pipefail
target="${1:?usage: Fuzz/build.sh <target>}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
[ -f "$here/$target/main.swift" ] || { echo "no such target: $here/$target/main.swift" >&2; exit 64; }
mkdir -p "$here/.build/$target-module-cache"
# Every library module's sources, compiled as one module (their `import UneFois…` lines dropped),
# except the one that needs the SwiftPM resource bundle; the stub stands in.
flat="$here/.build/$target-sources"
rm -rf "$flat" && mkdir -p "$flat"
while IFS= read -r f; do
    rel="${f#$root/Sources/}"
    grep -v '^import UneFois' "$f" > "$flat/${rel//\//_}"
done < <(find "$root"/Sources/UneFois "$root"/Sources/UneFoisCore "$root"/Sources/UneFoisModel "$root"/Sources/UneFoisIngest \
    "$root"/Sources/UneFoisConsolidate "$root"/Sources/UneFoisPublish "$root"/Sources/UneFoisReport \
    -name '*.swift' ! -path '*/Pipeline/Resources.swift' | sort)
mapfile -t sources < <(find "$flat" -name '*.swift' | sort)
extra=()
[ -d "$here/$target/extra" ] && mapfile -t extra < <(find "$here/$target/extra" -name '*.swift' | sort)
swiftc -sanitize=fuzzer,address -parse-as-library -O -g \
    -module-name UneFoisFuzz -package-name unefois -swift-version 6 \
    -module-cache-path "$here/.build/$target-module-cache" \
    -I "$root/Sources/CSQLite" -I "$root/Sources/CLibXML2" -I "$root/Sources/CZlib" \
    -Xcc -I/usr/include/libxml2 \
    "${sources[@]}" "$here/Support/ResourcesStub.swift" "${extra[@]}" "$here/$target/main.swift" \
    -lsqlite3 -lxml2 -lz \
    -o "$here/.build/$target"
echo "built $here/.build/$target"
