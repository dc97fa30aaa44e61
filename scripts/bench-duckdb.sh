#!/usr/bin/env bash
# Comparative benchmark (not part of the tests): the whole nightly job of unefois (release build)
# against DuckDB reading the same national-standard CSV and writing the same four published files
# (lieux.csv, structures.json and services.json as JSON arrays, lieux.geojson), alternating the
# two, at 100k, 300k and 1M places (territory filter off, one source).
#
#   scripts/bench-duckdb.sh [N...]            sizes in places (default: 100000 300000 1000000)
#   UNEFOIS_BENCH_RUNS=3 scripts/bench-duckdb.sh 300000    three alternated runs each, best kept
#   UNEFOIS_BENCH_DIR=/tmp/x                  where generated CSVs and outputs go
#   UNEFOIS_BENCH_NUIT2=1                     also a second night: `unefois run` into a folder,
#                                             then again with one name changed (the journal
#                                             compares tonight's places with the state's)
#
# DuckDB comes from PyPI into the referees' venv (.venv-referees, created when missing).
# Times are wall clock, memory is the peak resident set (/usr/bin/time). Runs under nice: the
# machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${*:-"100000 300000 1000000"}
runs=${UNEFOIS_BENCH_RUNS:-1}
work=${UNEFOIS_BENCH_DIR:-${TMPDIR:-/tmp}/unefois-bench-duckdb}
venv=${UNEFOIS_BENCH_VENV:-.venv-referees}
mkdir -p "$work"
[ -x /usr/bin/time ] || { echo "/usr/bin/time manque : apt-get install time" >&2; exit 1; }
if ! "$venv/bin/python" -c "import duckdb" >/dev/null 2>&1; then
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install -q duckdb
fi
swift build -c release --product unefois >/dev/null
bin=.build/release/unefois
echo "unefois $(git rev-parse --short HEAD 2>/dev/null || echo '?') ; DuckDB $("$venv/bin/python" -c 'import duckdb; print(duckdb.__version__)') ; $(nproc) cœurs"

# measure LABEL OUTFILE CMD...: runs CMD under /usr/bin/time, prints "seconds peakKiB".
measure() {
    local log="$work/time.$1"; shift
    local out="$1"; shift
    nice /usr/bin/time -f "%e %M" -o "$log" "$@" >"$out" 2>&1 || { echo "échec : $* (voir $out)" >&2; tail -n 20 "$out" >&2; exit 1; }
    cat "$log"
}
best() { sort -n | head -n 1; }

summary=()
for n in $sizes; do
    csv="$work/lieux-$n.csv"
    [ -s "$csv" ] || "$bin" bench --generer --lignes "$n" --fichier "$csv" >/dev/null
    mb=$(awk -v b="$(stat -c %s "$csv")" 'BEGIN { printf "%.0f", b / 1e6 }')
    echo
    echo "== $n lieux ($csv, $mb Mo)"
    ut=(); dt=(); um=0; dm=0
    for r in $(seq 1 "$runs"); do
        # Alternate which one goes first, so neither always has the warm cache.
        for who in $( [ $((r % 2)) -eq 1 ] && echo "unefois duckdb" || echo "duckdb unefois"); do
            rm -rf "$work/out-$who-$n"
            if [ "$who" = unefois ]; then
                read -r s k < <(measure unefois "$work/unefois-$n.log" "$bin" bench --chaine --lignes "$n" --fichier "$csv" --sortie "$work/out-unefois-$n")
                ut+=("$s"); [ "$k" -gt "$um" ] && um=$k
                echo "unefois : $s s, pic mémoire $((k / 1024)) Mio"
            else
                read -r s k < <(measure duckdb "$work/duckdb-$n.log" "$venv/bin/python" scripts/bench-duckdb.py "$csv" "$work/out-duckdb-$n")
                dt+=("$s"); [ "$k" -gt "$dm" ] && dm=$k
                echo "DuckDB  : $s s, pic mémoire $((k / 1024)) Mio"
            fi
        done
    done
    if [ "${UNEFOIS_BENCH_NUIT2:-0}" = 1 ]; then
        nuit="$work/nuit-$n"; rm -rf "$nuit"
        read -r s1 k1 < <(measure nuit1 "$work/nuit1-$n.log" "$bin" run --silencieux --source "lieux=mednum:$csv" --out "$nuit")
        sed '2s/Médiathèque n° 0,/Médiathèque n° 0 bis,/' "$csv" > "$work/lieux-$n-nuit2.csv"
        read -r s2 k2 < <(measure nuit2 "$work/nuit2-$n.log" "$bin" run --silencieux --source "lieux=mednum:$work/lieux-$n-nuit2.csv" --out "$nuit")
        echo "unefois run, première nuit : $s1 s, pic mémoire $((k1 / 1024)) Mio ; seconde nuit (un nom changé) : $s2 s, pic mémoire $((k2 / 1024)) Mio"
        rm -rf "$nuit" "$work/lieux-$n-nuit2.csv"
    fi
    u=$(printf '%s\n' "${ut[@]}" | best); d=$(printf '%s\n' "${dt[@]}" | best)
    o="$work/out-unefois-$n"
    state=$(awk -v s="$(stat -c %s "$o/unefois.sqlite")" -v c="$(stat -c %s "$o/lieux.csv")" 'BEGIN { printf "%.2f", s / c }')
    html=$(awk -v b="$(stat -c %s "$o/rapport.html")" 'BEGIN { printf "%.1f", b / 1e6 }')
    ratio=$(awk -v u="$u" -v d="$d" 'BEGIN { printf "%.1f", u / d }')
    echo "Étapes de unefois (dernière exécution) :"
    sed -n '/^Étapes/,/^Mémoire/p' "$work/unefois-$n.log" | sed '1d;$d'
    summary+=("$(printf '%-8s %6s Mo %9s s %9s s %6s× %8s Mio %8s Mio %10s× %9s Mo' "$n" "$mb" "$u" "$d" "$ratio" "$((um / 1024))" "$((dm / 1024))" "$state" "$html")")
done
echo
printf '%-8s %9s %11s %11s %7s %12s %12s %11s %12s\n' lieux CSV unefois DuckDB ratio "pic unefois" "pic DuckDB" "sqlite/csv" rapport.html
printf '%s\n' "${summary[@]}"
