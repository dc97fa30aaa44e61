"""Checks structures.json and services.json of an output folder against the data·inclusion v1
JSON Schemas (draft 2020-12, with format checks). Usage: valider_datainclusion.py SCHEMAS DOSSIER"""
import json
import sys

from jsonschema import Draft202012Validator, FormatChecker

schemas, folder = sys.argv[1], sys.argv[2]
ok = True
for name in ("structure", "service"):
    validator = Draft202012Validator(json.load(open(f"{schemas}/{name}.json", encoding="utf-8")), format_checker=FormatChecker())
    items = json.load(open(f"{folder}/{name}s.json", encoding="utf-8"))
    errors = [(i, e.message, list(e.path)) for i, item in enumerate(items) for e in validator.iter_errors(item)]
    print(f"jsonschema : {name}s.json, {len(items)} objets, {len(errors)} erreur(s)")
    for e in errors[:20]:
        print("   ", e)
    ok = ok and not errors
sys.exit(0 if ok else 1)
