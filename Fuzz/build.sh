#!/bin/sh
# Builds one libFuzzer target: Fuzz/build.sh xlsx|xlsx-sheet|gpkg-blob  →  .build/fuzz/<target>
# The library's sources are compiled into the target (one module), with the C shims' module
# maps on the include path and Bundle.module stubbed (Fuzz/support).
set -eu
cd "$(dirname "$0")/.."
target="$1"
mkdir -p .build/fuzz
swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name UneFoisFuzz \
  -I Sources/CSQLite -I Sources/CLibXML2 -I Sources/CZlib -Xcc -I/usr/include/libxml2 \
  $(find Sources/UneFois -name '*.swift' | sort) Fuzz/support/*.swift "Fuzz/$target/main.swift" \
  -o ".build/fuzz/$target"
