#!/usr/bin/env python3
"""Records the verdict of the reference `jsonschema` validator (Draft 2020-12, with its format
checker) for each case of Tests/UneFoisTests/Fixtures/validate/datainclusion-cases.json, into
datainclusion-expected.json next to it. The Swift test checks that JSONSchemaSubset gives the
same verdict for every case.

    /tmp/fl-venv/bin/python tools/datainclusion_expected.py   # jsonschema comes with frictionless
"""
import json, os
import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMAS = os.path.join(ROOT, "Sources", "UneFois", "Resources", "schemas", "data-inclusion", "v1")
FIXTURES = os.path.join(ROOT, "Tests", "UneFoisTests", "Fixtures", "validate")


def main():
    validators = {}
    for kind in ("structure", "service"):
        with open(os.path.join(SCHEMAS, kind + ".json"), encoding="utf-8") as f:
            validators[kind] = jsonschema.Draft202012Validator(json.load(f), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    with open(os.path.join(FIXTURES, "datainclusion-cases.json"), encoding="utf-8") as f:
        cases = json.load(f)
    out = {}
    for name, obj in cases.items():
        kind = "service" if "structure_id" in obj else "structure"
        errors = sorted(validators[kind].iter_errors(obj), key=lambda e: list(e.path))
        out[name] = {"valid": not errors, "fields": sorted({".".join(map(str, e.path)) for e in errors})}
    with open(os.path.join(FIXTURES, "datainclusion-expected.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
