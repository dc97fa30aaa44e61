"""DuckDB's side of scripts/bench-duckdb.sh: reads a standard CSV and writes the four files
unefois publishes (lieux.csv, structures.json and services.json as JSON arrays, lieux.geojson).
Usage: python bench-duckdb.py PLACES.csv OUT_DIR"""
import os
import sys

import duckdb

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
con = duckdb.connect()
con.execute("SET preserve_insertion_order = true")
con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?, header = true, all_varchar = true)", [src])
cols = [r[0] for r in con.execute("DESCRIBE t").fetchall()]


def q(name):
    return '"' + name.replace('"', '""') + '"'


def lst(c):
    return f"nullif(string_split({q(c)}, '|'), [])"


def path(name):
    return os.path.join(out, name).replace("'", "''")


# Members structures and services share (as unefois's Publisher.lieuMembers).
shared = """adresse, code_insee, code_postal, commune, complement_adresse, courriels AS courriel, date_maj,
  horaires AS horaires_accueil, try_cast(latitude AS DOUBLE) AS latitude, try_cast(longitude AS DOUBLE) AS longitude, telephone"""
con.execute(f"COPY t TO '{path('lieux.csv')}' (HEADER)")
con.execute(f"""COPY (SELECT {shared},
  CASE WHEN fiche_acces_libre LIKE 'http%' THEN fiche_acces_libre END AS accessibilite_lieu,
  left(coalesce(presentation_detail, presentation_resume), 10000) AS description, id, NULL AS lien_source, left(nom, 150) AS nom,
  {lst('dispositif_programmes_nationaux')} AS reseaux_porteurs, "pivot" AS siret, site_web, 'unefois-lmv' AS source FROM t)
  TO '{path('structures.json')}' (FORMAT JSON, ARRAY true)""")
con.execute(f"""COPY (SELECT {shared},
  'Accompagnement au numérique : ' || coalesce(replace(services, '|', ', '), '') || '.' AS description,
  lower(frais_a_charge) AS frais, id || '--accompagnement-numerique' AS id, ['en-presentiel'] AS modes_accueil,
  {lst('modalites_acces')} AS modes_mobilisation, 'Accompagnement au numérique' AS nom,
  {lst('publics_specifiquement_adresses')} AS publics, 'unefois-lmv' AS source, id AS structure_id,
  {lst('services')} AS thematiques, 'accompagnement' AS type FROM t)
  TO '{path('services.json')}' (FORMAT JSON, ARRAY true)""")
props = ", ".join(f"'{c}', {q(c)}" for c in cols if c not in ("latitude", "longitude"))
geojson = con.execute(f"""SELECT '{{"type":"FeatureCollection","features":[' || string_agg(json_object('type', 'Feature', 'id', id,
  'geometry', CASE WHEN try_cast(latitude AS DOUBLE) IS NOT NULL AND try_cast(longitude AS DOUBLE) IS NOT NULL
    THEN json_object('type', 'Point', 'coordinates', json_array(try_cast(longitude AS DOUBLE), try_cast(latitude AS DOUBLE))) END,
  'properties', json_object({props}))::VARCHAR, ',') || ']}}' FROM t""").fetchone()[0]
with open(os.path.join(out, "lieux.geojson"), "w", encoding="utf-8") as f:
    f.write(geojson)
