#!/usr/bin/env bash
# kill -9 of a 30,000-place run at several moments: after each kill the output folder must agree
# with its datapackage.json (every file's size and SHA-256), or carry the marker of a publication
# interrupted during its final renames, which the next run finishes (then it must agree).
# Usage: scripts/tuer-en-cours.sh [LIEUX (30000)] [DÉLAIS en secondes...]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-30000}; shift || true
delays=${*:-"0.3 0.8 1.5 2.5 3.5 5 7 9 12"}
swift build -c release --product unefois >/dev/null
bin=.build/release/unefois
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gen() {  # gen FILE VARIANT: ROWS places in the standard's shape, names depending on VARIANT
    python3 - "$1" "$2" "$rows" <<'PY'
import csv, sys
path, variant, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
cols = ["id","pivot","nom","commune","code_postal","code_insee","adresse","complement_adresse","latitude","longitude","typologie","telephone","courriels","site_web","horaires","presentation_resume","presentation_detail","structure_parente","formations_labels","autres_formations_labels","date_maj","services","publics_specifiquement_adresses","prise_en_charge_specifique","frais_a_charge","dispositif_programmes_nationaux","itinerance","modalites_acces","modalites_accompagnement","fiche_acces_libre","prise_rdv","mutualisation"]
with open(path, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(cols)
    for i in range(rows):
        r = dict.fromkeys(cols, "")
        r.update(id=f"lieu-{i}", nom=f"Lieu {variant} n° {i}", commune="Cavaillon", code_postal="84300", code_insee="84035",
                 adresse=f"{i} avenue du Pont", latitude=f"43.8{i % 1000:03d}", longitude=f"5.03{i % 1000:03d}",
                 date_maj="2025-06-12", services="Aide aux démarches administratives", frais_a_charge="Gratuit")
        w.writerow([r[c] for c in cols])
PY
}
gen "$work/a.csv" A
gen "$work/b.csv" B
check() {  # check DIR: prints "accord", "renommage-interrompu" or the disagreements
    python3 - "$1" <<'PY'
import hashlib, json, os, sys
d = sys.argv[1]
if os.path.exists(os.path.join(d, ".unefois-generation")):
    print("renommage-interrompu"); sys.exit(0)
pkg = json.load(open(os.path.join(d, "datapackage.json")))
bad, listed = [], set()
for r in pkg["resources"]:
    p = os.path.join(d, r["path"]); listed.add(r["path"])
    b = open(p, "rb").read()
    if len(b) != r["bytes"] or "sha256:" + hashlib.sha256(b).hexdigest() != r["hash"]:
        bad.append(r["path"])
# retours/ (messages to each partner) is written after the publication, outside the generation.
bad += [n + " (absent du paquet)" for n in os.listdir(d) if not n.startswith(".") and n not in ("datapackage.json", "retours") and n not in listed]
print("accord" if not bad else "DÉSACCORD : " + ", ".join(bad)); sys.exit(1 if bad else 0)
PY
}
out="$work/sortie"
"$bin" run --source "lieux=mednum:$work/a.csv" --out "$out" 2>/dev/null
check "$out" || { echo "ÉCHEC : le premier dossier publié ne s'accorde pas avec son datapackage.json"; exit 1; }
echo "$rows lieux ; exécution complète : $( { /usr/bin/time -f %e "$bin" run --source "lieux=mednum:$work/b.csv" --out "$out" 2>&1 >/dev/null | tail -n1; } ) s"
ko=0; i=0
for delay in $delays; do
    i=$((i + 1)); input=$([ $((i % 2)) -eq 0 ] && echo a || echo b)
    "$bin" run --accepter-baisse --source "lieux=mednum:$work/$input.csv" --out "$out" >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null && state="tué" || state="déjà fini"
    wait "$pid" 2>/dev/null || true
    verdict=$(check "$out") || true
    echo "kill -9 après ${delay} s ($state) : $verdict"
    case "$verdict" in accord) ;; renommage-interrompu)
        "$bin" run --accepter-baisse --source "lieux=mednum:$work/$input.csv" --out "$out" >/dev/null 2>&1 || true
        v2=$(check "$out") || true; echo "  exécution suivante : $v2"; [ "$v2" = accord ] || ko=$((ko + 1)) ;;
    *) ko=$((ko + 1)) ;; esac
done
if [ -x .venv-referees/bin/frictionless ]; then
    (cd "$out" && "$OLDPWD/.venv-referees/bin/frictionless" validate datapackage.json >/dev/null) && echo "frictionless validate datapackage.json : valide" || { echo "ÉCHEC : frictionless"; ko=$((ko + 1)); }
fi
echo "désaccords : $ko"
[ "$ko" -eq 0 ]
