#!/usr/bin/env python3
"""Builds the GeoPackage test fixtures and the Lizmap sample GeoPackage, deterministically.

- Tests/UneFoisTests/Fixtures/gpkg/: lieux-4326.gpkg (3 points: little- and big-endian,
  envelopes, Z), lieux-2154.gpkg (point, polygon, ISO multipoint Z, EWKB point, empty point,
  NULL geometry), attributes-only.gpkg, srs-3857.gpkg (unexpected CRS),
  geometry-garbage.gpkg (unreadable blobs), no-application-id.gpkg, corrupt.gpkg (bytes
  overwritten in the middle of a b-tree page: quick_check fails), truncated.gpkg,
  not-a-gpkg.gpkg (plain text).
- samples/lizmap/lieux-mediation.gpkg: the layer of samples/lizmap/lieux-mediation-l93.geojson
  in EPSG:2154, table lieux_mediation.

Standard library only (sqlite3, struct). Run from the repository root:
    python3 tools/make_gpkg_fixtures.py
"""
import json
import math
import os
import sqlite3
import struct

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests/UneFoisTests/Fixtures/gpkg")
STAMP = "2025-06-01T00:00:00.000Z"

WKT_4326 = ('GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
            'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]')
WKT_2154 = ('PROJCS["RGF93 v1 / Lambert-93",GEOGCS["RGF93 v1",DATUM["Reseau_Geodesique_Francais_1993_v1",'
            'SPHEROID["GRS 1980",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],'
            'PROJECTION["Lambert_Conformal_Conic_2SP"],PARAMETER["latitude_of_origin",46.5],'
            'PARAMETER["central_meridian",3],PARAMETER["standard_parallel_1",49],PARAMETER["standard_parallel_2",44],'
            'PARAMETER["false_easting",700000],PARAMETER["false_northing",6600000],UNIT["metre",1],'
            'AUTHORITY["EPSG","2154"]]')
WKT_3857 = 'PROJCS["WGS 84 / Pseudo-Mercator",AUTHORITY["EPSG","3857"]]'


def gp_blob(srs, wkb, little=True, envelope=None, empty=False):
    """GeoPackageBinary: 'GP', version 0, flags, srs_id, envelope, WKB."""
    env = envelope or []
    kind = {0: 0, 4: 1, 6: 2, 8: 4}[len(env)]
    flags = (1 if little else 0) | (kind << 1) | (0x10 if empty else 0)
    e = "<" if little else ">"
    return b"GP" + bytes([0, flags]) + struct.pack(e + "i", srs) + struct.pack(e + "%dd" % len(env), *env) + wkb


def wkb_point(x, y, little=True, z=None, iso=True):
    e = "<" if little else ">"
    if z is None:
        return bytes([1 if little else 0]) + struct.pack(e + "Idd", 1, x, y)
    t = 1001 if iso else 0x80000001
    return bytes([1 if little else 0]) + struct.pack(e + "Iddd", t, x, y, z)


def wkb_polygon(points, little=True):
    e = "<" if little else ">"
    body = struct.pack(e + "II", 3, 1) + struct.pack(e + "I", len(points))
    for x, y in points:
        body += struct.pack(e + "dd", x, y)
    return bytes([1 if little else 0]) + body


def wkb_multipoint_z(points, little=True):
    e = "<" if little else ">"
    body = bytes([1 if little else 0]) + struct.pack(e + "II", 1004, len(points))
    for x, y, z in points:
        body += wkb_point(x, y, little, z)
    return body


def create(path, app_id=True):
    if os.path.exists(path):
        os.remove(path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    db = sqlite3.connect(path)
    if app_id:
        db.execute("PRAGMA application_id = 1196444487")
        db.execute("PRAGMA user_version = 10300")
    db.executescript("""
    CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
      organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
      definition TEXT NOT NULL, description TEXT);
    CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
      identifier TEXT UNIQUE, description TEXT DEFAULT '',
      last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
      CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
    CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
      geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
      CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
      CONSTRAINT uk_gc_table_name UNIQUE (table_name),
      CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
      CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
    """)
    db.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", [
        ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
        ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
        ("WGS 84 geodetic", 4326, "EPSG", 4326, WKT_4326, "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
    ])
    return db


def add_srs(db, srs):
    if srs == 2154:
        db.execute("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)",
                   ("RGF93 v1 / Lambert-93", 2154, "EPSG", 2154, WKT_2154, None))
    elif srs == 3857:
        db.execute("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)",
                   ("WGS 84 / Pseudo-Mercator", 3857, "EPSG", 3857, WKT_3857, None))


def feature_table(db, name, srs, columns, rows, geom_type="POINT", z=0, extent=None):
    cols = ", ".join("%s %s" % c for c in columns)
    db.execute('CREATE TABLE "%s" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom %s%s)'
               % (name, geom_type, (", " + cols) if cols else ""))
    db.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id)"
               " VALUES (?, 'features', ?, '', ?, ?, ?, ?, ?, ?)", (name, name, STAMP) + tuple(extent or (None,) * 4) + (srs,))
    db.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, ?, 0)", (name, geom_type, srs, z))
    names = ["fid", "geom"] + [c[0] for c in columns]
    db.executemany('INSERT INTO "%s" (%s) VALUES (%s)' % (name, ", ".join(names), ", ".join("?" * len(names))), rows)


def finish(db):
    db.commit()
    db.close()


def fixtures():
    cols = [("nom", "TEXT"), ("code_insee", "TEXT"), ("capacite", "INTEGER"), ("surface", "REAL"), ("photo", "BLOB")]
    # 3 points: LE no envelope; BE with xy envelope; LE Point Z (ISO 1001) with xyz envelope.
    db = create(os.path.join(OUT, "lieux-4326.gpkg"))
    feature_table(db, "lieux", 4326, cols, [
        (1, gp_blob(4326, wkb_point(5.0386, 43.8377)), "Médiathèque La Durance", "84035", 12, 350.5, b"\x89PNG"),
        (2, gp_blob(4326, wkb_point(5.1245, 43.8021, little=False), little=False, envelope=[5.1245, 5.1245, 43.8021, 43.8021]),
         "France Services de Cheval-Blanc", "84038", None, 80.0, None),
        (3, gp_blob(4326, wkb_point(5.2195, 43.8672, z=120.0), envelope=[5.2195, 5.2195, 43.8672, 43.8672, 120.0, 120.0]),
         "Espace numérique d’Oppède", "84086", 4, None, None),
    ], z=2, extent=(5.0386, 43.8021, 5.2195, 43.8672))
    finish(db)

    db = create(os.path.join(OUT, "lieux-2154.gpkg"))
    add_srs(db, 2154)
    feature_table(db, "lieux_l93", 2154, [("nom", "TEXT")], [
        (10, gp_blob(2154, wkb_point(863955.73, 6306415.33)), "Point"),
        (11, gp_blob(2154, wkb_polygon([(866104.67, 6302391.53), (866200.0, 6302391.53), (866200.0, 6302500.0), (866104.67, 6302391.53)])), "Polygone"),
        (12, gp_blob(2154, wkb_multipoint_z([(870000.5, 6310000.25, 80.0), (870100.0, 6310100.0, 81.0)], little=False), envelope=[870000.5, 870100.0, 6310000.25, 6310100.0]), "Multipoint Z big-endian"),
        (13, gp_blob(2154, wkb_point(871000.0, 6311000.0, z=90.0, iso=False)), "Point EWKB Z"),
        (14, gp_blob(2154, wkb_point(math.nan, math.nan), empty=True), "Point vide"),
        (15, None, "Sans géométrie"),
    ], geom_type="GEOMETRY", extent=(863955.73, 6302391.53, 871000.0, 6311000.0))
    finish(db)

    db = create(os.path.join(OUT, "attributes-only.gpkg"))
    db.execute("CREATE TABLE activites (fid INTEGER PRIMARY KEY AUTOINCREMENT, lieu TEXT, participants INTEGER, duree REAL)")
    db.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, last_change) VALUES ('activites', 'attributes', 'activites', ?)", (STAMP,))
    db.executemany("INSERT INTO activites VALUES (?,?,?,?)", [(1, "Cavaillon", 5, 1.5), (2, "Oppède", None, 2.0)])
    finish(db)

    db = create(os.path.join(OUT, "srs-3857.gpkg"))
    add_srs(db, 3857)
    feature_table(db, "lieux", 3857, [("nom", "TEXT")], [(1, gp_blob(3857, wkb_point(560900.0, 5439300.0)), "Mercator")])
    finish(db)

    db = create(os.path.join(OUT, "no-application-id.gpkg"), app_id=False)
    feature_table(db, "lieux", 4326, [("nom", "TEXT")], [(1, gp_blob(4326, wkb_point(5.0, 43.8)), "Sans marque")])
    finish(db)

    db = create(os.path.join(OUT, "geometry-garbage.gpkg"))
    feature_table(db, "lieux", 4326, [("nom", "TEXT")], [
        (1, b"hello world", "pas du GP"),
        (2, b"GP\x00\x0f" + struct.pack("<i", 4326) + wkb_point(5.0, 43.0), "enveloppe 7"),
        (3, gp_blob(4326, wkb_point(5.0, 43.0)[:12]), "WKB tronqué"),
        (4, gp_blob(4326, b"\x01" + struct.pack("<I", 99) + b"\0" * 16), "type WKB 99"),
        (5, gp_blob(4326, b"\x07" + struct.pack("<Idd", 1, 5.0, 43.0)), "ordre d'octets 7"),
        (6, gp_blob(4326, wkb_point(5.0462, 43.8339)), "valide"),
    ], geom_type="GEOMETRY")
    finish(db)

    # corrupt.gpkg: a valid file whose 'lieux' table page gets bytes overwritten mid-page.
    src = os.path.join(OUT, "lieux-4326.gpkg")
    data = bytearray(open(src, "rb").read())
    page = struct.unpack(">H", data[16:18])[0]
    page = 65536 if page == 1 else page
    db = sqlite3.connect(src)
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'lieux'").fetchone()[0]
    db.close()
    start = (root - 1) * page
    # Overwrite the b-tree page header's cell count and cell pointers with garbage.
    for i in range(3, 40):
        data[start + i] = 0xA5
    path = os.path.join(OUT, "corrupt.gpkg")
    with open(path, "wb") as f:
        f.write(data)
    check = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    try:
        ok = check.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError:
        ok = "error"
    check.close()
    assert ok != "ok", "corrupt.gpkg passes quick_check"

    full = open(src, "rb").read()
    with open(os.path.join(OUT, "truncated.gpkg"), "wb") as f:
        f.write(full[: len(full) * 2 // 3])

    with open(os.path.join(OUT, "not-a-gpkg.gpkg"), "w") as f:
        f.write("nom;commune\nMédiathèque;Cavaillon\n")


def lizmap_sample():
    src = os.path.join(ROOT, "samples/lizmap/lieux-mediation-l93.geojson")
    doc = json.load(open(src, encoding="utf-8"))
    props = []
    for f in doc["features"]:
        for k in f["properties"]:
            if k != "fid" and k not in props:
                props.append(k)
    rows, xs, ys = [], [], []
    for f in doc["features"]:
        p = f["properties"]
        g = f.get("geometry")
        blob = None
        if g and g.get("type") == "Point":
            x, y = g["coordinates"][:2]
            xs.append(x)
            ys.append(y)
            blob = gp_blob(2154, wkb_point(x, y))
        rows.append((p["fid"], blob) + tuple(p.get(k) for k in props))
    db = create(os.path.join(ROOT, "samples/lizmap/lieux-mediation.gpkg"))
    add_srs(db, 2154)
    feature_table(db, "lieux_mediation", 2154, [(k, "TEXT") for k in props], rows,
                  extent=(min(xs), min(ys), max(xs), max(ys)))
    finish(db)


if __name__ == "__main__":
    fixtures()
    lizmap_sample()
