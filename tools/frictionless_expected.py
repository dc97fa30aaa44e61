#!/usr/bin/env python3
"""Records what `frictionless validate --schema <schema> <file>` says about every CSV the
`unefois validate` agreement test checks, into
Tests/UneFoisTests/Fixtures/validate/expected-frictionless.json (committed, reviewed as a diff).

Run with frictionless v5 in a private venv:
    python3 -m venv /tmp/fl-venv && /tmp/fl-venv/bin/pip install -q frictionless
    /tmp/fl-venv/bin/python tools/frictionless_expected.py

The schema is chosen as unefois does: v0.1.1 when the header has a column only v0.1 has
(`cle_ban`, `courriel`...), v1.0.2 otherwise.
"""
import glob, json, os, sys
import frictionless

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMAS = os.path.join(ROOT, "Sources", "UneFois", "Resources", "schemas", "standard-mediation-num")
FIXTURES = os.path.join(ROOT, "Tests", "UneFoisTests", "Fixtures", "validate")
REALDATA = os.path.normpath(os.path.join(ROOT, "..", "shared", "realdata", "standard-mediation-num"))
V0_ONLY = {"cle_ban", "courriel", "publics_accueillis", "conditions_acces", "labels_nationaux",
           "labels_autres", "accessibilite"}


def schema_for(path):
    with open(path, "rb") as f:
        head = f.read(4096).decode("utf-8", "replace").splitlines()
    first = head[0] if head else ""
    labels = {c.strip().strip('"') for sep in ",;" for c in first.split(sep)}
    return "schema_v0.1.1.json" if labels & V0_ONLY else "schema_v1.0.2.json"


def main():
    files = sorted(glob.glob(os.path.join(FIXTURES, "*.csv")))
    files += sorted(glob.glob(os.path.join(REALDATA, "*.csv")))
    # The bundled samples: most are not standard files, which exercises the header checks.
    files += sorted(glob.glob(os.path.join(ROOT, "samples", "**", "*.csv"), recursive=True))
    out = {"frictionless": frictionless.__version__, "files": {}}
    for path in files:
        schema = schema_for(path)
        with frictionless.system.use_context(trusted=True):
            report = frictionless.validate(path, schema=os.path.join(SCHEMAS, schema), limit_errors=1_000_000)
        task = report.tasks[0] if report.tasks else None
        errors = []
        for e in (task.errors if task else report.errors):
            errors.append({"code": e.type, "row": getattr(e, "row_number", None),
                           "field": getattr(e, "field_name", None), "note": e.note})
        key = os.path.relpath(path, ROOT)
        out["files"][key] = {
            "schema": schema,
            "valid": report.valid,
            "codes": sorted({e["code"] for e in errors}),
            "counts": {c: sum(1 for e in errors if e["code"] == c) for c in sorted({e["code"] for e in errors})},
            "errors": errors[:20],
        }
        print(f"{'valide' if report.valid else 'INVALIDE':9} {sorted({e['code'] for e in errors})} {key}", file=sys.stderr)
    with open(os.path.join(FIXTURES, "expected-frictionless.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
