#!/usr/bin/env bash
# First command of the README: installs what is missing, builds unefois (release) and runs the
# nightly job on the bundled samples into ./sortie.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
unefois_install_build_deps
swift build -c release --product unefois
set +e
.build/release/unefois run --config samples/unefois.json --out sortie
code=$?
set -e
echo "Code de sortie : $code. Résultats : sortie/ (ouvrez sortie/rapport.html)."
exit $code
