#!/usr/bin/env python3
"""Writes the tiny defect fixtures of `unefois validate` (one defect per file, named after it)
under Tests/UneFoisTests/Fixtures/validate/. Rerun after editing, then regenerate the expected
results with tools/frictionless_expected.py and review both diffs."""
import csv, io, os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "UneFoisTests", "Fixtures", "validate")

V1 = ["id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse", "complement_adresse",
      "latitude", "longitude", "typologie", "telephone", "courriels", "site_web", "horaires",
      "presentation_resume", "presentation_detail", "source", "itinerance", "structure_parente",
      "date_maj", "services", "publics_specifiquement_adresses", "prise_en_charge_specifique",
      "frais_a_charge", "dispositif_programmes_nationaux", "formations_labels",
      "autres_formations_labels", "modalites_acces", "modalites_accompagnement",
      "fiche_acces_libre", "prise_rdv"]

def row(**kw):
    base = {
        "id": "lmv-1", "pivot": "20004044200018", "nom": "Médiathèque La Durance",
        "commune": "Cavaillon", "code_postal": "84300", "code_insee": "84035",
        "adresse": "88 rue Véran Rousset", "latitude": "43.8377", "longitude": "5.0386",
        "typologie": "BIB", "telephone": "+33490710000", "courriels": "mediatheque@example.fr",
        "site_web": "https://www.example.fr", "horaires": "Tu-Sa 09:00-12:00",
        "date_maj": "2025-03-01",
        "services": "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien",
        "frais_a_charge": "Gratuit", "dispositif_programmes_nationaux": "Conseillers numériques",
        "modalites_acces": "Se présenter|Téléphoner",
        "modalites_accompagnement": "Accompagnement individuel",
    }
    base.update(kw)
    return [base.get(c, "") for c in V1]

def write(name, header, rows, sep=",", encoding="utf-8", raw=None):
    path = os.path.join(OUT, name)
    if raw is not None:
        data = raw
    else:
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=sep, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)
        data = buf.getvalue()
    with open(path, "wb") as f:
        f.write(data.encode(encoding))

def main():
    os.makedirs(OUT, exist_ok=True)
    second = dict(id="lmv-2", nom="France Services de Cavaillon", pivot="00000000000000")
    write("valid-two-rows.csv", V1, [row(), row(**second)])
    write("missing-required-nom.csv", V1, [row(nom="")])
    write("bad-code-postal.csv", V1, [row(code_postal="8430")])
    write("bad-telephone.csv", V1, [row(telephone="04 90 71 00 00")])
    write("bad-pivot.csv", V1, [row(pivot="123")])
    write("duplicate-id.csv", V1, [row(), row(nom="Autre lieu")])
    write("missing-id.csv", V1, [row(id="")])
    r = row(); r.append("en trop")
    write("extra-cell.csv", V1, [r])
    write("missing-cell.csv", V1, [row()[:30]])
    write("blank-row.csv", V1, [row(), [""] * len(V1), row(**second)])
    write("wrong-list-separator-semicolon.csv", V1,
          [row(services="Aide aux démarches administratives;Maîtrise des outils numériques du quotidien")])
    write("unknown-service-label.csv", V1, [row(services="Aide aux démarches")])
    write("bad-date.csv", V1, [row(date_maj="2025-02-30")])
    write("french-date.csv", V1, [row(date_maj="01/03/2025")])
    write("bad-latitude-type.csv", V1, [row(latitude="43,8377")])
    write("too-long-presentation-resume.csv", V1, [row(presentation_resume="x" * 281)])
    h = list(V1); h[3] = "nom"
    write("duplicate-header.csv", h, [row()])
    h = list(V1); h[5] = ""
    write("blank-header.csv", h, [row()])
    h = list(V1); h[2], h[3] = h[3], h[2]
    write("swapped-columns.csv", h, [row()])
    write("missing-label.csv", V1[:31], [row()[:31]])
    r = row(); r.append("x")
    write("extra-label.csv", V1 + ["commentaire"], [r])
    write("header-only.csv", V1, [])
    write("semicolon-separator.csv", V1, [row(), row(**second)], sep=";")
    write("windows-1252.csv", V1, [row(), row(**second)], encoding="cp1252")
    # v0.1.x files (legacy columns, `;` lists).
    v0 = ["id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse", "complement_adresse",
          "latitude", "longitude", "cle_ban", "typologie", "telephone", "courriel", "site_web", "horaires",
          "presentation_resume", "presentation_detail", "source", "structure_parente", "date_maj",
          "services", "publics_accueillis", "conditions_acces", "labels_nationaux", "labels_autres",
          "modalites_accompagnement", "accessibilite", "prise_rdv"]
    def v0row(**kw):
        base = {"id": "lmv-1", "pivot": "20004044200018", "nom": "Médiathèque La Durance",
                "commune": "Cavaillon", "code_postal": "84300", "adresse": "88 rue Véran Rousset",
                "date_maj": "2022-06-02", "labels_nationaux": "CNFS;France Services",
                "services": "Devenir autonome dans les démarches administratives;Prendre en main un smartphone ou une tablette"}
        base.update(kw)
        return [base.get(c, "") for c in v0]
    write("v0-valid.csv", v0, [v0row()])
    write("v0-unknown-service-label.csv", v0, [v0row(services="Aide aux démarches administratives")])
    write("v0-missing-required-services.csv", v0, [v0row(services="")])
    # Lines and cells.
    header = ",".join(V1) + "\n"
    line = ",".join('"%s"' % c if "," in c else c for c in row()) + "\n"
    line2 = ",".join('"%s"' % c if "," in c else c for c in row(**second)) + "\n"
    write("empty-line-in-middle.csv", None, None, raw=header + line + "\n" + line2)
    write("trailing-empty-lines.csv", None, None, raw=header + line + "\n\n")
    write("crlf-line-ends.csv", None, None, raw=(header + line + line2).replace("\n", "\r\n"))
    write("bom-utf8.csv", V1, [row()], encoding="utf-8-sig")
    write("missing-required-cells.csv", V1, [row()[:19]])
    write("quoted-newline-then-bad-postcode.csv", V1,
          [row(complement_adresse="Bâtiment B\nRez-de-chaussée"), row(id="lmv-2", code_postal="843")])
    write("lenient-numbers.csv", V1, [row(latitude=" 43.8377 ", longitude="5.")])
    write("short-date.csv", V1, [row(date_maj="2025-3-1")])
    write("whitespace-required-nom.csv", V1, [row(nom=" ")])
    write("unknown-label-in-list.csv", V1, [row(modalites_acces="Se présenter|Sur rendez-vous")])
    write("empty-file.csv", None, None, raw="")
    write("blank-first-line.csv", None, None, raw="\n" + line)
    write("bad-insee-corse.csv", V1, [row(code_insee="2C004")])

if __name__ == "__main__":
    main()
