#!/usr/bin/env python3
"""Deterministic generator of the bundled sample inputs of unefois (samples/).

Standard library only. Re-running it produces byte-identical files: the random
generator has a fixed seed and every iteration is over lists or sorted keys.

All places, addresses, phone numbers, e-mails, SIRET numbers and people are
INVENTED. Only the communes (INSEE codes, names, outlines) are real; they are
read from /work/shared/realdata/geo/.

Usage: python3 tools/generate_samples.py [--out samples] [--geo DIR]
"""

import argparse
import datetime as dt
import json
import math
import os
import random
import sys
import uuid
from xml.sax.saxutils import escape as _xml_escape

SEED = 20250101
YEAR = 2025

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_GEO = "/work/shared/realdata/geo"

# ---------------------------------------------------------------------------
# Geometry helpers
# ---------------------------------------------------------------------------

# Lambert-93 (EPSG:2154) constants, see /work/shared/notes/FORMATS.md
L93_E = 0.0818191910428158
L93_N = 0.7256077650532670
L93_C = 11754255.426096
L93_XS = 700000.0
L93_YS = 12655612.049876
L93_LON0 = math.radians(3.0)


def wgs84_to_l93(lon, lat):
    """Forward Lambert Conformal Conic 2SP (GRS80) projection to Lambert-93."""
    phi = math.radians(lat)
    esin = L93_E * math.sin(phi)
    iso_lat = math.log(math.tan(math.pi / 4 + phi / 2) * ((1 - esin) / (1 + esin)) ** (L93_E / 2))
    r = L93_C * math.exp(-L93_N * iso_lat)
    gamma = L93_N * (math.radians(lon) - L93_LON0)
    return L93_XS + r * math.sin(gamma), L93_YS - r * math.cos(gamma)


def point_in_ring(lon, lat, ring):
    """Even-odd ray casting test on one linear ring of [lon, lat] pairs."""
    inside = False
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i][0], ring[i][1]
        x2, y2 = ring[(i + 1) % n][0], ring[(i + 1) % n][1]
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def point_in_geometry(lon, lat, geom):
    """Point in a GeoJSON Polygon / MultiPolygon (holes respected)."""
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    for poly in polys:
        if point_in_ring(lon, lat, poly[0]) and not any(point_in_ring(lon, lat, h) for h in poly[1:]):
            return True
    return False


def offset_point(lon, lat, dist_m, bearing_deg):
    """Move a point by dist_m metres towards bearing (local flat approximation)."""
    b = math.radians(bearing_deg)
    dlat = dist_m * math.cos(b) / 111132.0
    dlon = dist_m * math.sin(b) / (111320.0 * math.cos(math.radians(lat)))
    return lon + dlon, lat + dlat


def distance_m(lon1, lat1, lon2, lat2):
    k = 111320.0 * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot((lon2 - lon1) * k, (lat2 - lat1) * 111132.0)


# ---------------------------------------------------------------------------
# Small value helpers
# ---------------------------------------------------------------------------

def luhn_ok(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def make_siret(rng):
    """14-digit SIRET with a valid Luhn key (also on its 9-digit SIREN)."""
    while True:
        siren8 = "2" + "".join(str(rng.randrange(10)) for _ in range(7))
        siren = next(siren8 + str(k) for k in range(10) if luhn_ok(siren8 + str(k)))
        nic4 = "".join(str(rng.randrange(10)) for _ in range(4))
        for k in range(10):
            siret = siren + nic4 + str(k)
            if luhn_ok(siret):
                return siret


def phone_spaced(p):      # 0490712345 -> 04 90 71 23 45
    return " ".join(p[i:i + 2] for i in range(0, 10, 2))


def phone_dotted(p):      # 0490712345 -> 04.90.71.23.45
    return ".".join(p[i:i + 2] for i in range(0, 10, 2))


def phone_e164(p):        # 0490712345 -> +33490712345
    return "+33" + p[1:]


ACCENTS = str.maketrans("àâäéèêëîïôöùûüçÀÂÄÉÈÊËÎÏÔÖÙÛÜÇ’", "aaaeeeeiioouuucAAAEEEEIIOOUUUC'")


def strip_accents(s):
    return s.replace("œ", "oe").replace("Œ", "OE").translate(ACCENTS)


def abbreviate_street(s):
    """Street type abbreviations as typed by GIS or CRM operators."""
    for long, short in (("avenue ", "av. "), ("boulevard ", "bd "), ("place ", "pl. "), ("chemin ", "ch. "), ("route ", "rte ")):
        s = s.replace(long, short)
    return s


def xml_escape(s):
    return _xml_escape(s, {"'": "&apos;", '"': "&quot;"})


def csv_cell(value, sep):
    """Quote a cell only when needed (RFC 4180 style, as Excel does)."""
    s = "" if value is None else str(value)
    if any(c in s for c in (sep, '"', "\n", "\r")):
        return '"' + s.replace('"', '""') + '"'
    return s


def csv_line(cells, sep):
    return sep.join(csv_cell(c, sep) for c in cells)


def physical_line_of(lines_before_text):
    """1-based physical line number of the record starting after this text."""
    return lines_before_text.count("\n") + 1


# ---------------------------------------------------------------------------
# Opening hours: one table per place, rendered as OSM or French free text
# ---------------------------------------------------------------------------

DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa"]


def hours_osm(h):
    """Render {day: [(start, end), ...]} as OSM opening_hours, grouping equal days."""
    parts = []
    i = 0
    while i < len(DAYS):
        d = DAYS[i]
        if not h.get(d):
            i += 1
            continue
        j = i
        while j + 1 < len(DAYS) and h.get(DAYS[j + 1]) == h[d]:
            j += 1
        span = d if i == j else (DAYS[i] + "," + DAYS[j] if j == i + 1 else DAYS[i] + "-" + DAYS[j])
        parts.append(span + " " + ",".join(a + "-" + b for a, b in h[d]))
        i = j + 1
    return "; ".join(parts)


def _fr_time(t):
    hh, mm = t.split(":")
    return str(int(hh)) + "h" + ("" if mm == "00" else mm)


def hours_fr(intervals):
    if not intervals:
        return "Fermé"
    return " / ".join(_fr_time(a) + "-" + _fr_time(b) for a, b in intervals)


AM = ("09:00", "12:00")
PM = ("14:00", "17:00")

# ---------------------------------------------------------------------------
# Reference places (invented). Coordinates are checked against the commune
# outlines at run time.
# ---------------------------------------------------------------------------

COMMUNES_OUTSIDE = {
    "84003": ("Apt", "84400"),
    "84054": ("L'Isle-sur-la-Sorgue", "84800"),
}

PLACES = [
    # key, kind, name, insee, street, lon, lat, hours, site slug
    dict(key="bib-cavaillon", kind="bib", nom="Médiathèque La Durance", insee="84035",
         adresse="27 avenue du Pont-de-Durance", lon=5.0412, lat=43.8351,
         hours={"Tu": [("10:00", "12:30"), ("14:00", "18:30")], "We": [("10:00", "18:30")],
                "Th": [("14:00", "18:30")], "Fr": [("14:00", "18:30")], "Sa": [("10:00", "17:00")]}),
    dict(key="bib-cheval-blanc", kind="bib", nom="Médiathèque de Cheval-Blanc", insee="84038",
         adresse="4 place des Micocouliers", lon=5.0640, lat=43.8010,
         hours={"Tu": [("14:00", "18:00")], "We": [("09:30", "12:00"), ("14:00", "18:00")], "Sa": [("09:30", "12:30")]}),
    dict(key="bib-merindol", kind="bib", nom="Médiathèque de Mérindol", insee="84074",
         adresse="9 rue du Vieux-Moulin", lon=5.2035, lat=43.7565,
         hours={"We": [("09:00", "12:00"), ("14:00", "18:00")], "Fr": [("15:00", "18:00")], "Sa": [("09:00", "12:00")]}),
    dict(key="bib-lauris", kind="bib", nom="Médiathèque de Lauris", insee="84065",
         adresse="15 boulevard des Jardins-Suspendus", lon=5.3130, lat=43.7470,
         hours={"Tu": [("15:00", "18:30")], "We": [("10:00", "12:00"), ("14:00", "18:30")], "Sa": [("10:00", "12:30")]}),
    dict(key="bib-robion", kind="bib", nom="Médiathèque de Robion", insee="84099",
         adresse="2 rue de l’Œuvre", lon=5.1090, lat=43.8475,
         hours={"Tu": [("16:00", "18:30")], "We": [("09:00", "12:00"), ("14:00", "18:00")], "Sa": [("09:00", "12:00")]}),
    dict(key="bib-taillades", kind="bib", nom="Médiathèque des Taillades", insee="84131",
         adresse="6 chemin de la Carrière", lon=5.0890, lat=43.8380,
         hours={"We": [("14:00", "18:00")], "Fr": [("16:00", "18:30")], "Sa": [("09:30", "12:00")]}),
    dict(key="bib-lourmarin", kind="bib", nom="Médiathèque de Lourmarin", insee="84068",
         adresse="11 avenue des Amandiers", lon=5.3625, lat=43.7650,
         hours={"Tu": [("14:00", "18:00")], "We": [("10:00", "12:00"), ("14:00", "18:00")], "Th": [("14:00", "18:00")], "Sa": [("10:00", "12:00")]}),
    dict(key="bib-gordes", kind="bib", nom="Médiathèque de Gordes", insee="84050",
         adresse="3 place du Belvédère", lon=5.2000, lat=43.9120,
         hours={"We": [("10:00", "12:00"), ("15:00", "18:00")], "Sa": [("10:00", "12:00")]}),
    dict(key="bib-maubec", kind="bib", nom="Médiathèque de Maubec", insee="84071",
         adresse="18 boulevard du Luberon", lon=5.1340, lat=43.8420,
         hours={"Tu": [("15:00", "18:00")], "We": [("09:00", "12:00"), ("14:00", "18:00")], "Sa": [("09:00", "12:00")]}),
    dict(key="bib-oppede", kind="bib", nom="Médiathèque d'Oppède", insee="84086",
         adresse="7 route des Poulivets", lon=5.1700, lat=43.8280,
         hours={"We": [("14:00", "18:00")], "Th": [("16:00", "18:30")], "Sa": [("09:30", "12:30")]}),
    dict(key="bib-cabrieres", kind="bib", nom="Médiathèque de Cabrières-d'Avignon", insee="84025",
         adresse="5 rue des Lavandes", lon=5.1580, lat=43.8970,
         hours={"We": [("10:00", "12:00"), ("14:00", "17:30")], "Sa": [("10:00", "12:00")]}),
    dict(key="bib-lagnes", kind="bib", nom="Médiathèque de Lagnes", insee="84062",
         adresse="10 avenue de la Fontaine-du-Sud", lon=5.1140, lat=43.8930,
         hours={"Tu": [("16:00", "18:00")], "We": [("14:00", "18:00")], "Sa": [("10:00", "12:00")]}),
    dict(key="fs-cavaillon", kind="fs", nom="France Services de Cavaillon", insee="84035",
         adresse="140 avenue des Maraîchers", complement="Bâtiment B, rez-de-chaussée", lon=5.0345, lat=43.8392,
         hours={"Mo": [AM, PM], "Tu": [AM, PM], "We": [AM, PM], "Th": [AM, PM], "Fr": [AM]}),
    dict(key="fs-merindol", kind="fs", nom="France Services de Mérindol", insee="84074",
         adresse="1 place de la Mairie-Neuve", lon=5.2010, lat=43.7580,
         hours={"Mo": [("08:30", "12:00")], "Tu": [("08:30", "12:00"), ("13:30", "17:00")], "Th": [("08:30", "12:00"), ("13:30", "17:00")], "Fr": [("08:30", "12:00")]}),
    dict(key="fs-coustellet", kind="fs", nom="France Services de Coustellet", insee="84071",
         adresse="38 avenue du Marché-Paysan", complement="Hameau de Coustellet", lon=5.1355, lat=43.8548,
         hours={"Mo": [AM, PM], "Tu": [AM, PM], "We": [AM], "Th": [AM, PM], "Fr": [AM, PM], "Sa": [AM]}),
    dict(key="ccas-cavaillon", kind="ccas", nom="CCAS de Cavaillon", insee="84035",
         adresse="21 boulevard des Cerisiers", lon=5.0386, lat=43.8377,
         hours={"Mo": [("08:30", "12:00"), ("13:30", "17:00")], "Tu": [("08:30", "12:00"), ("13:30", "17:00")],
                "We": [("08:30", "12:00")], "Th": [("08:30", "12:00"), ("13:30", "17:00")], "Fr": [("08:30", "12:00"), ("13:30", "16:00")]}),
    dict(key="asso-cavaillon", kind="asso", nom="La Fabrique Clic & Lien", insee="84035",
         adresse="8 impasse des Melons", lon=5.0301, lat=43.8330,
         hours={"We": [("14:00", "19:00")], "Th": [("14:00", "19:00")], "Fr": [("14:00", "19:00")], "Sa": [("10:00", "13:00")]}),
]

# France Services outside the territory (to exercise the territory filter)
PLACES_OUTSIDE = [
    dict(key="fs-apt", kind="fs", nom="France Services d'Apt", insee="84003",
         adresse="50 avenue des Ocres-Rouges", lon=5.3960, lat=43.8765,
         hours={"Mo": [AM, PM], "Tu": [AM, PM], "We": [AM, PM], "Th": [AM, PM], "Fr": [AM, PM]}),
    dict(key="fs-isle", kind="fs", nom="France Services de L'Isle-sur-la-Sorgue", insee="84054",
         adresse="12 quai des Roues-à-Aubes", lon=5.0520, lat=43.9195,
         hours={"Mo": [AM], "Tu": [AM, PM], "We": [AM, PM], "Th": [AM, PM], "Fr": [AM]}),
]


# ---------------------------------------------------------------------------
# Generator
# ---------------------------------------------------------------------------

class Generator:
    def __init__(self, out_dir, geo_dir):
        self.out = out_dir
        self.rng = random.Random(SEED)
        self.defects = []          # (file, line/location, description)
        self.counts = {}           # file -> number of data rows / features
        self.communes = self._load_communes(geo_dir)
        self.outlines = self._load_outlines(geo_dir)
        self.places = [dict(p) for p in PLACES]
        self.outside = [dict(p) for p in PLACES_OUTSIDE]
        self.by_key = {p["key"]: p for p in self.places + self.outside}
        self._enrich_places()

    # -- reference data ----------------------------------------------------
    @staticmethod
    def _load_communes(geo_dir):
        import csv
        res = {}
        with open(os.path.join(geo_dir, "communes-lmv.csv"), encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                res[row["code_insee"]] = (row["nom_officiel"], row["code_postal"])
        return res

    @staticmethod
    def _load_outlines(geo_dir):
        with open(os.path.join(geo_dir, "communes-lmv.geojson"), encoding="utf-8") as f:
            g = json.load(f)
        return {ft["properties"]["code"]: ft["geometry"] for ft in g["features"]}

    def in_commune(self, lon, lat, insee):
        return point_in_geometry(lon, lat, self.outlines[insee])

    def _enrich_places(self):
        rng = self.rng
        used_phones = set()
        for p in self.places + self.outside:
            if p["insee"] in self.communes:
                p["commune"], p["cp"] = self.communes[p["insee"]]
            else:
                p["commune"], p["cp"] = COMMUNES_OUTSIDE[p["insee"]]
            # Coustellet is a hamlet of several communes; this desk sits in Maubec.
            if p["insee"] in self.outlines and not self.in_commune(p["lon"], p["lat"], p["insee"]):
                raise SystemExit("place %s is outside its commune %s" % (p["key"], p["insee"]))
            while True:
                phone = "0490" + "".join(str(rng.randrange(10)) for _ in range(6))
                if phone not in used_phones:
                    used_phones.add(phone)
                    break
            p["phone"] = phone
            p["siret"] = make_siret(rng)
            slug = p["key"]
            p["email"] = slug.replace("-", ".", 1) + "@exemple-lmv.fr"
            p["site"] = "https://www.exemple-lmv.fr/" + slug
            p.setdefault("complement", "")
            p["osm"] = hours_osm(p["hours"])

    def moved(self, p, lo=20, hi=150):
        """Coordinates of p moved by lo..hi metres, staying inside its commune."""
        for _ in range(100):
            d = self.rng.uniform(lo, hi)
            b = self.rng.uniform(0, 360)
            lon, lat = offset_point(p["lon"], p["lat"], d, b)
            lon, lat = round(lon, 6), round(lat, 6)
            dd = distance_m(p["lon"], p["lat"], lon, lat)
            if lo <= dd <= hi and (p["insee"] not in self.outlines or self.in_commune(lon, lat, p["insee"])):
                return lon, lat
        raise SystemExit("cannot move %s inside its commune" % p["key"])

    # -- output helpers ----------------------------------------------------
    def write(self, rel, data):
        path = os.path.join(self.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)

    def defect(self, rel, where, what):
        self.defects.append((rel, where, what))

    # ======================================================================
    # 1. La Coop de la médiation numérique activity export (cp1252, ;, CRLF)
    # ======================================================================
    def coop(self):
        rel = "mediatheques/coop-activites-2025.csv"
        rng = self.rng
        header = ["ID CRA", "Date", "Type", "Médiateur", "Nom du lieu", "Adresse", "Commune", "Code postal",
                  "Code Insee", "Durée (min)", "Participants", "Nom de l'atelier",
                  "Thématique(s) d'accompagnement", "Nom de la démarche administrative",
                  "Niveau d'autonomie", "Genre", "Tranche d'âge", "Statut du bénéficiaire"]
        # Médiateurs (obviously invented) and the places they serve.
        mediateurs = [
            ("Camille Médiatrice-Test", ["bib-cavaillon", "bib-taillades"]),
            ("Dominique Conseiller-Exemple", ["bib-cheval-blanc", "bib-robion"]),
            ("Alex Fictif-Numérique", ["bib-merindol", "bib-lauris"]),
            ("Sacha Démo-Médiateur", ["bib-lourmarin", "bib-maubec"]),
            ("Morgan Testeur-Cœur", ["bib-oppede", "bib-cabrieres"]),
        ]
        # Name of the place as configured in La Coop (typographic apostrophe for Oppède).
        coop_name = {"bib-oppede": "Médiathèque d’Oppède"}
        themes = ["Prendre en main du matériel", "Navigation sur internet", "E-mail", "Bureautique",
                  "Réseaux sociaux", "Santé", "Banque et achats en ligne", "Trouver un emploi", "Scolarité",
                  "Parentalité", "Sécurité numérique", "Culture numérique",
                  "Aide aux démarches administratives", "Diagnostic numérique"]
        theme_w = [10, 9, 9, 4, 4, 5, 5, 4, 2, 2, 6, 3, 14, 4]
        demarches = ["Déclaration de revenus", "Demande de carte grise", "Dossier retraite",
                     "Demande de prime d'activité", "Renouvellement de passeport", "Création de compte Ameli",
                     "Saisie des vœux Parcoursup", "Inscription à France Travail",
                     "Demande de complémentaire santé solidaire"]
        ateliers = {
            "Les Bons Clics": ["Prendre en main du matériel", "Navigation sur internet", "E-mail"],
            "Parentalité numérique": ["Parentalité", "Réseaux sociaux", "Sécurité numérique"],
            "Éducation aux médias": ["Culture numérique", "Réseaux sociaux"],
            "Numérique écoresponsable": ["Culture numérique", "Prendre en main du matériel"],
        }
        atelier_names = sorted(ateliers)
        autonomie = ["Entièrement accompagné", "Partiellement autonome", "Autonome", ""]
        tranches = ["Moins de 12 ans", "12-18 ans", "18-24 ans", "25-39 ans", "40-59 ans", "60-69 ans",
                    "70 ans et plus", "Non communiqué"]
        tranche_w = [1, 3, 5, 12, 20, 22, 28, 9]
        holidays = {dt.date(YEAR, m, d) for m, d in ((1, 1), (4, 21), (5, 1), (5, 8), (5, 29), (6, 9),
                                                    (7, 14), (8, 15), (11, 1), (11, 11), (12, 25))}

        def stat_for(tranche):
            if tranche in ("Moins de 12 ans", "12-18 ans"):
                return "Scolarisé"
            if tranche in ("60-69 ans", "70 ans et plus"):
                return rng.choices(["Retraité", "En emploi", "Non communiqué"], [8, 1, 1])[0]
            return rng.choices(["Sans emploi", "En emploi", "Scolarisé", "Non communiqué", "Retraité"],
                               [5, 4, 1, 2, 0 if tranche != "Non communiqué" else 2])[0]

        rows = []  # dict(date, place, med, kind, ...)

        def individual(day, key, med):
            chosen = []
            for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
                t = rng.choices(themes, theme_w)[0]
                if t not in chosen:
                    chosen.append(t)
            chosen.sort(key=themes.index)
            dem = ""
            if "Aide aux démarches administratives" in chosen and rng.random() < 0.55:
                if day.month in (4, 5, 6) and rng.random() < 0.6:
                    dem = "Déclaration de revenus"
                elif day.month <= 3 and rng.random() < 0.3:
                    dem = "Saisie des vœux Parcoursup"
                else:
                    dem = rng.choice([d for d in demarches if d not in ("Déclaration de revenus", "Saisie des vœux Parcoursup")])
            tranche = rng.choices(tranches, tranche_w)[0]
            genre = rng.choices(["Féminin", "Masculin", "Non communiqué"], [55, 38, 7])[0]
            return dict(date=day, key=key, med=med, type="Accompagnement individuel",
                        duree=rng.choice(range(15, 91, 5)), participants=1, atelier="",
                        themes=", ".join(chosen), demarche=dem, autonomie=rng.choices(autonomie, [4, 4, 2, 1])[0],
                        genre=genre, tranche=tranche, statut=stat_for(tranche))

        def collective(day, key, med, name):
            th = ateliers.get(name, ["Sécurité numérique", "Culture numérique"])
            chosen = sorted(rng.sample(th, rng.randint(1, min(3, len(th)))), key=themes.index)
            return dict(date=day, key=key, med=med, type="Atelier collectif",
                        duree=rng.choice(range(60, 181, 15)), participants=rng.randint(2, 14), atelier=name,
                        themes=", ".join(chosen), demarche="", autonomie="", genre="", tranche="", statut="")

        # Weekly permanences: each médiateur holds one permanence day per place.
        for med, keys in mediateurs:
            for key in keys:
                p = self.by_key[key]
                open_days = [d for d in DAYS if p["hours"].get(d)]
                perm_day = open_days[rng.randrange(len(open_days))]
                day = dt.date(YEAR, 1, 1)
                while day.year == YEAR:
                    if day.weekday() < 6 and DAYS[day.weekday()] == perm_day:
                        if day not in holidays:
                            summer = day.month == 8 or (day.month == 7 and day.day > 14)
                            n = rng.choices([0, 1, 2, 3], [5, 5, 4, 1] if not summer else [12, 3, 1, 0])[0]
                            for _ in range(n):
                                rows.append(individual(day, key, med))
                            # A collective workshop about one week in four.
                            if not summer and rng.random() < 0.25:
                                rows.append(collective(day, key, med, rng.choice(atelier_names)))
                    day += dt.timedelta(days=1)
        # Theme days: only on their official date.
        for key, med in (("bib-cavaillon", mediateurs[0][0]), ("bib-robion", mediateurs[1][0])):
            rows.append(collective(dt.date(YEAR, 2, 11), key, med, "Safer Internet Day"))
        rows[-1]["themes"] = "Sécurité numérique, Réseaux sociaux"
        rows[-2]["themes"] = "Sécurité numérique"
        for key, med in (("bib-cheval-blanc", mediateurs[1][0]), ("bib-lourmarin", mediateurs[3][0])):
            r = collective(dt.date(YEAR, 3, 15), key, med, "Digital Cleanup Day")
            r["themes"] = "Culture numérique, Prendre en main du matériel"
            rows.append(r)
        # The row whose date Excel turned into a serial number (45678 = 21/01/2025).
        serial_row = individual(dt.date(YEAR, 1, 21), "bib-cavaillon", mediateurs[0][0])
        serial_row["defect"] = "serial"
        rows.append(serial_row)

        rows.sort(key=lambda r: (r["date"], r["key"], r["med"], r["type"], r["duree"], r["themes"]))

        # Identifiers: increasing with gaps (CRAs deleted in the tool leave holes).
        n = 100
        for r in rows:
            n += rng.choice([1, 1, 1, 2, 3])
            r["id"] = "cra-%06d" % n

        # Plant defects on fixed positions (chosen among suitable rows).
        def first_from(start, pred):
            for i in range(start, len(rows)):
                if pred(rows[i]) and "defect" not in rows[i]:
                    return i
            raise SystemExit("no row for defect")

        feb = first_from(0, lambda r: r["date"].month == 2 and r["date"].day >= 20 and r["type"].startswith("Acc"))
        rows[feb]["defect"] = "bad_date"
        i = first_from(len(rows) // 4, lambda r: r["type"].startswith("Acc"))
        rows[i]["defect"] = "duree_abc"
        i = first_from(len(rows) // 3, lambda r: r["type"] == "Atelier collectif")
        rows[i]["defect"] = "neg_participants"
        i = first_from(len(rows) // 2, lambda r: r["type"].startswith("Acc"))
        rows[i]["defect"] = "ragged"
        i = first_from(len(rows) * 3 // 5, lambda r: r["atelier"] == "Les Bons Clics")
        rows[i]["defect"] = "newline"
        blank_after = first_from(len(rows) * 4 // 5, lambda r: True)

        text = csv_line(header, ";") + "\r\n"
        total_participants = 0
        n_records = 0
        for idx, r in enumerate(rows):
            p = self.by_key[r["key"]]
            date_s = r["date"].strftime("%d/%m/%Y")
            duree = str(r["duree"])
            participants = r["participants"]
            atelier = r["atelier"]
            d = r.get("defect")
            line_no = physical_line_of(text)
            if d == "bad_date":
                date_s = "31/02/2025"
                self.defect(rel, line_no, "date impossible `31/02/2025` (%s)" % r["id"])
            elif d == "serial":
                date_s = str((r["date"] - dt.date(1899, 12, 30)).days)
                self.defect(rel, line_no, "date au format numéro de série Excel `%s` (= %s) (%s)"
                            % (date_s, r["date"].strftime("%d/%m/%Y"), r["id"]))
            elif d == "duree_abc":
                duree = "abc"
                self.defect(rel, line_no, "durée non numérique `abc` (%s)" % r["id"])
            elif d == "neg_participants":
                participants = -participants
                self.defect(rel, line_no, "nombre de participants négatif `%d` (%s)" % (participants, r["id"]))
            elif d == "newline":
                atelier = "Les Bons Clics\n(module 2 : e-mail)"
                self.defect(rel, "%d-%d" % (line_no, line_no + 1),
                            "retour à la ligne dans une cellule entre guillemets (Nom de l'atelier) : "
                            "1 enregistrement sur 2 lignes physiques (%s)" % r["id"])
            cells = [r["id"], date_s, r["type"], r["med"], coop_name.get(p["key"], p["nom"]), p["adresse"],
                     p["commune"], p["cp"], p["insee"], duree, str(participants), atelier, r["themes"],
                     r["demarche"], r["autonomie"], r["genre"], r["tranche"], r["statut"]]
            if d == "ragged":
                cells = cells[:11]
                self.defect(rel, line_no, "ligne incomplète : 11 cellules au lieu de 18 (%s)" % r["id"])
            total_participants += participants
            text += csv_line(cells, ";") + "\r\n"
            n_records += 1
            if idx == blank_after:
                self.defect(rel, physical_line_of(text), "ligne entièrement vide `;;;;;;;;;;;;;;;;;`")
                text += ";" * 17 + "\r\n"
        total = ["Total"] + [""] * 9 + [str(total_participants)] + [""] * 7
        self.defect(rel, physical_line_of(text), "ligne « Total » en bas de fichier (somme des participants = %d)"
                    % total_participants)
        text += csv_line(total, ";") + "\r\n"
        self.write(rel, text.encode("cp1252"))
        self.counts[rel] = "%d activités (+ 1 ligne vide, 1 ligne Total)" % n_records

    # ======================================================================
    # 2. ANCT list of France Services (UTF-8 with BOM, ;, LF)
    # ======================================================================
    def fs_list(self):
        rel = "france-services/liste-france-services.csv"
        header = ["id_fs", "lib_fs", "code_postal", "insee_com", "lib_com", "adresse", "complement_adresse",
                  "latitude", "longitude", "telephone", "mail", "labellisation_fs", "commentaire", "format_fs",
                  "prise_rdv", "h_lundi", "h_mardi", "h_mercredi", "h_jeudi", "h_vendredi", "h_samedi"]
        spec = [
            ("fs-apt", "FS-84-0003", "2020-01-01", "Fixe", "Oui", ""),
            ("fs-cavaillon", "FS-84-0012", "2020-01-01", "Fixe", "Oui", "Accueil sans rendez-vous le matin"),
            ("fs-isle", "FS-84-0015", "2021-07-01", "Fixe", "Non", ""),
            ("fs-merindol", "FS-84-0021", "2021-01-01", "Multisites", "Oui", "Antenne de Lauris le 1er jeudi du mois"),
            ("fs-coustellet", "FS-84-0027", "2022-04-01", "Fixe", "Oui", "Hameau de Coustellet (commune de Maubec)"),
        ]
        text = "\ufeff" + ";".join(header) + "\n"
        for key, id_fs, lab, fmt, rdv, comment in spec:
            p = self.by_key[key]
            p["id_fs"] = id_fs
            lon, lat = self.moved(p)
            lib_com = p["commune"]
            line_no = physical_line_of(text)
            if key == "fs-merindol":
                lib_com = "Merindol"
                self.defect(rel, line_no, "Mérindol : lib_com sans accent `Merindol` (insee_com 84074, code_postal 84360)")
            lat_s, lon_s = "%.6f" % lat, "%.6f" % lon
            if key == "fs-cavaillon":
                lat_s, lon_s = lon_s, lat_s
                self.defect(rel, line_no, "latitude et longitude inversées (latitude=%s, longitude=%s)" % (lat_s, lon_s))
            hours = [hours_fr(p["hours"].get(d, [])) for d in DAYS]
            if not p["hours"].get("Sa"):
                hours[5] = ""     # Saturday often left empty when closed
            cells = [id_fs, p["nom"], p["cp"], p["insee"], lib_com, p["adresse"], p["complement"], lat_s, lon_s,
                     phone_spaced(p["phone"]), "france-services." + p["key"][3:] + "@exemple-lmv.fr", lab, comment,
                     fmt, rdv] + hours
            text += csv_line(cells, ";") + "\n"
        self.write(rel, text.encode("utf-8"))
        self.counts[rel] = "%d France Services (3 LMV + 2 hors territoire)" % len(spec)

    # ======================================================================
    # 3. France Services activity 2025 (UTF-8, ;, LF)
    # ======================================================================
    def fs_activity(self):
        rel = "france-services/activite-france-services-2025.csv"
        rng = self.rng
        header = ["date", "id_fs", "nature", "partenaire", "thematique", "nombre", "participants", "duree_min", "avec_rdv"]
        partners = [("DGFiP", "Impôts et fiscalité", 9), ("CAF", "Prestations familiales", 8),
                    ("CPAM", "Assurance maladie", 7), ("MSA", "Protection sociale agricole", 3),
                    ("CARSAT", "Retraite", 6), ("France Travail", "Emploi", 6), ("La Poste", "Services postaux", 3),
                    ("ANTS", "Titres sécurisés", 7), ("Justice", "Accès au droit", 2),
                    ("France Rénov'", "Rénovation de l'habitat", 2)]
        atelier_themes = ["Parentalité numérique", "Sécurité numérique", "Découvrir les services en ligne",
                          "Arnaques et fraudes en ligne"]
        desks = ["fs-cavaillon", "fs-coustellet", "fs-merindol"]
        rows = []
        monday = dt.date(YEAR - 1, 12, 30)
        while monday.year <= YEAR:
            for key in desks:
                p = self.by_key[key]
                open_days = [i for i, d in enumerate(DAYS[:5]) if p["hours"].get(d)]
                k = rng.choices([1, 2, 3, 4], [1, 3, 4, 4])[0]
                chosen = []
                while len(chosen) < k:
                    c = rng.choices(range(len(partners)), [w for _, _, w in partners])[0]
                    if c not in chosen:
                        chosen.append(c)
                for c in sorted(chosen):
                    day = monday + dt.timedelta(days=open_days[rng.randrange(len(open_days))])
                    if day.year != YEAR:
                        continue
                    name, theme, w = partners[c]
                    peak = 2 if (name == "DGFiP" and day.month in (4, 5, 6)) else 1
                    nombre = min(25, max(1, int(rng.triangular(1, 12 * peak, 3 * peak))))
                    rows.append([day.isoformat(), p["id_fs"], "demarche", name, theme, str(nombre), "",
                                 str(5 * round(nombre * rng.uniform(12, 30) / 5)), rng.choice(["oui", "oui", "non"])])
                # Collective workshops (axe 1, action 2.2): about one per desk per month.
                if rng.random() < 0.3:
                    day = monday + dt.timedelta(days=open_days[rng.randrange(len(open_days))])
                    if day.year == YEAR and day.month != 8:
                        rows.append([day.isoformat(), p["id_fs"], "atelier", "", rng.choice(atelier_themes), "1",
                                     str(rng.randint(3, 12)), str(rng.choice([90, 120, 150])), rng.choice(["oui", "non"])])
            monday += dt.timedelta(days=7)
        rows.sort()
        # Planted defects, inserted where an operator would have typed them.
        planted = [
            (len(rows) // 5, ["2025-03-18", "FS-84-0012", "demarche", "URSSAF", "Cotisations", "4", "", "60", "oui"],
             "partenaire inconnu `URSSAF`"),
            (len(rows) * 2 // 5, ["2025-05-20", "FS-84-0021", "demarche", "DGFiP", "Impôts et fiscalité", "", "", "45", "non"],
             "`nombre` vide"),
            (len(rows) * 3 // 5, ["2025-13-01", "FS-84-0027", "demarche", "CAF", "Prestations familiales", "3", "", "40", "oui"],
             "date impossible `2025-13-01`"),
            (len(rows) * 4 // 5, ["2025-10-14", "FS-84-0099", "demarche", "CPAM", "Assurance maladie", "2", "", "30", "oui"],
             "id_fs absent de la liste des France Services `FS-84-0099`"),
        ]
        for pos, row, what in reversed(planted):
            rows.insert(pos, row + [what])
        text = ";".join(header) + "\n"
        for r in rows:
            if len(r) == 10:
                self.defect(rel, physical_line_of(text), r[9])
                r = r[:9]
            text += csv_line(r, ";") + "\n"
        self.write(rel, text.encode("utf-8"))
        self.counts[rel] = "%d lignes" % len(rows)

    # ======================================================================
    # 4. DORA API v2 page of structures (data·inclusion v0 shape)
    # ======================================================================
    def dora(self):
        rel = "dora/dora-structures-page1.json"
        rng = self.rng

        def tz(d):
            return "+02:00" if dt.date(YEAR, 3, 30) <= d < dt.date(YEAR, 10, 26) else "+01:00"

        spec = [
            # key, name as typed in DORA, typologie, labels, thematiques, extra
            ("bib-cavaillon", "Mediatheque la Durance", "BIB", ["conseiller-numerique"],
             ["numerique--prendre-en-main-un-ordinateur", "numerique--utiliser-le-numerique-au-quotidien",
              "numerique--realiser-des-demarches-administratives-avec-un-accompagnement"], {}),
            ("bib-merindol", "Médiathèque municipale de Mérindol", "MUNI", ["conseiller-numerique"],
             ["numerique--prendre-en-main-un-smartphone-ou-une-tablette", "numerique--utiliser-le-numerique-au-quotidien"],
             {"siret": "00000000000000"}),
            ("bib-robion", "MEDIATHEQUE DE ROBION", "BIB", ["conseiller-numerique"],
             ["numerique--approfondir-ma-culture-numerique", "numerique--prendre-en-main-un-ordinateur"],
             {"horaires_suffix": '; "sauf vacances scolaires"'}),
            ("bib-lourmarin", "Médiathèque de Lourmarin", "BIB", [],
             ["numerique--acceder-a-du-materiel", "numerique--acceder-a-une-connexion-internet"], {"siret": None}),
            ("bib-gordes", "Mediatheque de Gordes", "BIB", [],
             ["numerique--acceder-a-une-connexion-internet"], {}),
            ("fs-cavaillon", "France Services Cavaillon", "RFS", ["france-service", "aidants-connect"],
             ["numerique--realiser-des-demarches-administratives-avec-un-accompagnement",
              "numerique--devenir-autonome-dans-les-demarches-administratives",
              "numerique--accompagner-les-demarches-de-sante"], {}),
            ("fs-merindol", "France services - Mérindol", "RFS", ["france-service"],
             ["numerique--realiser-des-demarches-administratives-avec-un-accompagnement"], {}),
            ("fs-coustellet", "France Services Coustellet", "RFS", ["france-service", "conseiller-numerique"],
             ["numerique--realiser-des-demarches-administratives-avec-un-accompagnement",
              "numerique--prendre-en-main-un-smartphone-ou-une-tablette"], {}),
            ("ccas-cavaillon", "CCAS de Cavaillon", "CCAS", ["aidants-connect"],
             ["numerique--realiser-des-demarches-administratives-avec-un-accompagnement",
              "numerique--s-equiper-en-materiel-informatique"], {"commune": "Cavillon"}),
            ("asso-cavaillon", "La Fabrique Clic & Lien", "TIERS_LIEUX", [],
             ["numerique--creer-avec-le-numerique", "numerique--acquerir-un-equipement",
              "numerique--favoriser-mon-insertion-professionnelle"], {"rna": "W8420%05d" % rng.randrange(100000)}),
        ]
        phone_style = [phone_spaced, phone_e164, phone_dotted, lambda s: s]
        results = []
        for i, (key, nom, typo, labels, themes, extra) in enumerate(spec):
            p = self.by_key[key]
            lon, lat = self.moved(p)
            day = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randrange(330))
            date_maj = "%sT%02d:%02d:%02d.%06d%s" % (day.isoformat(), rng.randint(7, 18), rng.randrange(60),
                                                     rng.randrange(60), rng.randrange(1000000), tz(day))
            slug = strip_accents(nom).lower().replace(" - ", "-").replace(" & ", "-").replace(" ", "-").replace("'", "-")
            slug += "-" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(4))
            acces = None
            if key in ("bib-cavaillon", "fs-cavaillon", "bib-lourmarin"):
                acces = ("https://acceslibre.beta.gouv.fr/app/84-%s/a/%s/erp/%s/"
                         % (strip_accents(p["commune"]).lower().replace("'", "-"),
                            "bibliotheque-mediatheque" if p["kind"] == "bib" else "mairie", slug[:-5]))
            desc = {
                "bib": "Permanences d'accompagnement au numérique et ateliers collectifs à la médiathèque.",
                "fs": "Accueil, information et accompagnement dans vos démarches administratives avec les partenaires France Services.",
                "ccas": "Aide aux démarches en ligne pour les publics accompagnés par le CCAS, sur rendez-vous.",
                "asso": "Tiers-lieu associatif : atelier de réparation, ordinateurs reconditionnés, accompagnement numérique.",
            }[p["kind"]]
            obj = {
                "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "siret": extra.get("siret", p["siret"]) if "siret" in extra else p["siret"],
                "rna": extra.get("rna"),
                "nom": nom,
                "commune": extra.get("commune", p["commune"]),
                "code_postal": p["cp"],
                "code_insee": p["insee"],
                "adresse": abbreviate_street(p["adresse"].replace("’", "'").replace("Œ", "Oe")),
                "complement_adresse": p["complement"] or None,
                "longitude": lon,
                "latitude": lat,
                "typologie": typo,
                "telephone": phone_style[i % len(phone_style)](p["phone"]),
                "courriel": p["email"],
                "site_web": p["site"] if p["kind"] != "ccas" else None,
                "presentation_resume": desc,
                "presentation_detail": desc + " Accès libre aux ordinateurs pendant les heures d'ouverture." if p["kind"] == "bib" else None,
                "source": "dora",
                "date_maj": date_maj,
                "antenne": False,
                "lien_source": "https://dora.inclusion.beta.gouv.fr/structures/" + slug,
                "horaires_ouverture": p["osm"] + extra.get("horaires_suffix", ""),
                "accessibilite": acces,
                "labels_nationaux": labels,
                "labels_autres": ["Réseau des médiathèques LMV"] if p["kind"] == "bib" else [],
                "thematiques": sorted(themes),
            }
            results.append(obj)
        # The API served one structure twice (exact duplicate, later in the page).
        dup_src = 0
        results.insert(8, json.loads(json.dumps(results[dup_src])))
        page = {"count": len(results), "next": None, "previous": None, "results": results}
        text = json.dumps(page, ensure_ascii=False, indent=2) + "\n"
        lines = text.split("\n")
        id_lines = [n + 1 for n, l in enumerate(lines) if l.strip() == '"id": "%s",' % results[dup_src]["id"]]
        self.defect(rel, "%d et %d" % tuple(id_lines),
                    "doublon exact : results[%d] == results[8] (« %s »)" % (dup_src, results[dup_src]["nom"]))
        for n, l in enumerate(lines):
            if '"siret": "00000000000000"' in l:
                self.defect(rel, n + 1, "SIRET inconnu `00000000000000`")
            if '"siret": null' in l:
                self.defect(rel, n + 1, "SIRET absent (`null`)")
            if '"commune": "Cavillon"' in l:
                self.defect(rel, n + 1, "commune mal orthographiée `Cavillon` (code_insee 84035 correct)")
            if "sauf vacances scolaires" in l:
                self.defect(rel, n + 1, 'horaires OSM suivis d\'un commentaire libre `; "sauf vacances scolaires"`')
        self.write(rel, text.encode("utf-8"))
        self.counts[rel] = "%d résultats (%d structures + 1 doublon)" % (len(results), len(results) - 1)

    # ======================================================================
    # 5/6. Lizmap layer lieux_mediation: GeoJSON (Lambert-93) and GML2 (WGS84)
    # ======================================================================
    def lizmap_features(self):
        rng = self.rng
        keys = ["bib-cavaillon", "bib-cheval-blanc", "bib-merindol", "bib-lauris", "bib-robion", "bib-taillades",
                "bib-lourmarin", "bib-gordes", "bib-maubec", "bib-oppede", "fs-cavaillon", "fs-merindol",
                "fs-coustellet", "asso-cavaillon"]
        upper = {"bib-cavaillon", "bib-taillades"}
        services_bib = ["Maîtrise des outils numériques du quotidien", "Aide aux démarches administratives",
                        "Parentalité et éducation avec le numérique", "Utilisation sécurisée du numérique",
                        "Accès internet et matériel informatique"]
        feats = []
        fid = 0
        for key in keys:
            p = self.by_key[key]
            fid += rng.choice([1, 1, 2, 3])
            nom = strip_accents(p["nom"]).upper() if key in upper else p["nom"]
            if p["kind"] == "bib":
                services = sorted(rng.sample(services_bib, rng.randint(2, 4)), key=services_bib.index)
                typo = "BIB"
                disp = "Conseillers numériques" if key not in ("bib-gordes", "bib-lauris") else None
            elif p["kind"] == "fs":
                services = ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"]
                typo = "RFS"
                disp = "France Services|Conseillers numériques" if key == "fs-coustellet" else "France Services"
            else:
                services = ["Acquisition de matériel informatique à prix solidaire", "Loisirs et créations numériques",
                            "Maîtrise des outils numériques du quotidien"]
                typo = "ASSO|TIERS_LIEUX"
                disp = None
            props = {
                "fid": fid,
                "nom": nom,
                "adresse": abbreviate_street(p["adresse"].replace("’", "'")),
                "code_postal": p["cp"],
                "commune": p["commune"],
                "code_insee": p["insee"],
                "telephone": phone_dotted(p["phone"]),
                "courriels": p["email"],
                "site_web": p["site"],
                "horaires": p["osm"],
                "typologie": typo,
                "services": "|".join(services),
                "dispositif_programmes_nationaux": disp,
                "date_maj": (dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randrange(340))).isoformat(),
            }
            feats.append((key, p, props))
        return feats

    def lizmap(self):
        rel_json = "lizmap/lieux-mediation-l93.geojson"
        rel_gml = "lizmap/lieux-mediation.gml"
        feats = self.lizmap_features()
        null_geom = "bib-lourmarin"
        wgs_left = "bib-maubec"
        empty_nom = "bib-oppede"
        out = []
        for key, p, props in feats:
            props = dict(props)
            if key == null_geom:
                geom = None
            elif key == wgs_left:
                geom = {"type": "Point", "coordinates": [round(p["lon"], 6), round(p["lat"], 6)]}
            else:
                x, y = wgs84_to_l93(p["lon"], p["lat"])
                geom = {"type": "Point", "coordinates": [round(x, 2), round(y, 2)]}
            if key == empty_nom:
                props["nom"] = ""
            out.append({"type": "Feature", "id": "lieux_mediation.%d" % props["fid"], "geometry": geom,
                        "properties": props})
        fc = {"type": "FeatureCollection", "name": "lieux_mediation",
              "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}},
              "features": out}
        text = json.dumps(fc, ensure_ascii=False, indent=2) + "\n"
        lines = text.split("\n")
        fid_of = {k: pr["fid"] for k, _, pr in feats}
        for key, what in ((null_geom, "géométrie `null`"),
                          (wgs_left, "coordonnées laissées en degrés WGS84 malgré le CRS EPSG:2154"),
                          (empty_nom, "`nom` vide")):
            needle = '"id": "lieux_mediation.%d",' % fid_of[key]
            n = next(i for i, l in enumerate(lines) if l.strip() == needle)
            self.defect(rel_json, n + 1, "%s (lieux_mediation.%d)" % (what, fid_of[key]))
        self.write(rel_json, text.encode("utf-8"))
        self.counts[rel_json] = "%d entités" % len(out)

        # GML2 (WFS 1.0.0), only the features that are valid in the GeoJSON.
        valid = [(k, p, pr) for k, p, pr in feats if k not in (null_geom, wgs_left, empty_nom)]
        lons = [p["lon"] for _, p, _ in valid]
        lats = [p["lat"] for _, p, _ in valid]
        g = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs" xmlns:gml="http://www.opengis.net/gml" '
             'xmlns:qgs="http://www.qgis.org/gml">',
             ' <gml:boundedBy>',
             '  <gml:Box srsName="EPSG:4326">',
             '   <gml:coordinates cs="," ts=" ">%.6f,%.6f %.6f,%.6f</gml:coordinates>'
             % (min(lons), min(lats), max(lons), max(lats)),
             '  </gml:Box>',
             ' </gml:boundedBy>']
        for key, p, props in valid:
            g.append(' <gml:featureMember>')
            g.append('  <qgs:lieux_mediation fid="lieux_mediation.%d">' % props["fid"])
            g.append('   <qgs:geometry>')
            g.append('    <gml:Point srsName="EPSG:4326">')
            g.append('     <gml:coordinates cs="," ts=" ">%.6f,%.6f</gml:coordinates>' % (p["lon"], p["lat"]))
            g.append('    </gml:Point>')
            g.append('   </qgs:geometry>')
            for name in ["fid", "nom", "adresse", "code_postal", "commune", "code_insee", "telephone", "courriels",
                         "site_web", "horaires", "typologie", "services", "dispositif_programmes_nationaux", "date_maj"]:
                v = props[name]
                if v is None:
                    g.append('   <qgs:%s></qgs:%s>' % (name, name))
                else:
                    g.append('   <qgs:%s>%s</qgs:%s>' % (name, xml_escape(str(v)), name))
            g.append('  </qgs:lieux_mediation>')
            g.append(' </gml:featureMember>')
        g.append('</wfs:FeatureCollection>')
        self.write(rel_gml, ("\n".join(g) + "\n").encode("utf-8"))
        self.counts[rel_gml] = "%d entités" % len(valid)

    # ======================================================================
    # 7. National standard v1.0.2 CSV as the national hub has it
    # ======================================================================
    def national(self):
        rel = "national/cartographie-nationale-lmv.csv"
        rng = self.rng
        header = ["id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse", "complement_adresse",
                  "latitude", "longitude", "typologie", "telephone", "courriels", "site_web", "horaires",
                  "presentation_resume", "presentation_detail", "source", "itinerance", "structure_parente",
                  "date_maj", "services", "publics_specifiquement_adresses", "prise_en_charge_specifique",
                  "frais_a_charge", "dispositif_programmes_nationaux", "formations_labels",
                  "autres_formations_labels", "modalites_acces", "modalites_accompagnement", "fiche_acces_libre",
                  "prise_rdv"]
        keys = ["bib-cavaillon", "bib-cheval-blanc", "bib-merindol", "bib-robion", "bib-taillades",
                "bib-lourmarin", "bib-maubec", "bib-oppede", "bib-cabrieres", "fs-cavaillon", "fs-merindol",
                "fs-coustellet"]
        bad_cp = "bib-cheval-blanc"
        bad_tel = "bib-taillades"
        text = ",".join('"%s"' % h for h in header) + "\n"
        n = 0
        for key in keys:
            p = self.by_key[key]
            lon, lat = self.moved(p)
            if p["kind"] == "fs":
                ident = "france-services-%s" % p["id_fs"].split("-")[-1]
                source = "france-services"
                typo = "RFS"
                services = "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien"
                disp = "France Services|Conseillers numériques" if key == "fs-coustellet" else "France Services|Aidants Connect"
                resume = "Guichet France Services : un accueil pour vos démarches avec les administrations partenaires."
                modal_acces = "Se présenter|Téléphoner|Prendre un RDV en ligne"
                modal_acc = "Accompagnement individuel"
                rdv = "https://www.rdv-solidarites.fr/"
                formations = "Formé à « Mon Espace Santé »" if key == "fs-merindol" else ""
            else:
                ident = "conseiller-numerique-" + "%024x" % rng.getrandbits(96)
                source = "conseiller-numerique"
                typo = "BIB"
                services = "|".join(sorted(rng.sample(["Maîtrise des outils numériques du quotidien",
                                                       "Aide aux démarches administratives",
                                                       "Utilisation sécurisée du numérique",
                                                       "Parentalité et éducation avec le numérique",
                                                       "Compréhension du monde numérique"], 3)))
                disp = "Conseillers numériques"
                resume = "Permanences numériques et ateliers collectifs à la médiathèque."
                modal_acces = "Se présenter|Téléphoner"
                modal_acc = "Accompagnement individuel|Dans un atelier collectif"
                rdv = ""
                formations = ""
            adresse = strip_accents(p["adresse"]).upper().replace("'", " ")
            cp = p["cp"]
            tel = phone_e164(p["phone"])
            line_no = physical_line_of(text)
            if key == bad_cp:
                cp = cp[:4]
                self.defect(rel, line_no, "code_postal à 4 chiffres `%s` (schéma : 5 chiffres)" % cp)
            if key == bad_tel:
                tel = "6,12E+08"
                self.defect(rel, line_no, "téléphone abîmé par Excel `6,12E+08`")
            acces = ""
            if key == "bib-cavaillon":
                acces = "https://acceslibre.beta.gouv.fr/app/84-cavaillon/a/bibliotheque-mediatheque/erp/mediatheque-la-durance/"
            row = [ident, p["siret"], p["nom"], p["commune"], cp, p["insee"], adresse, p["complement"],
                   "%.6f" % lat, "%.6f" % lon, typo, tel, p["email"], p["site"], p["osm"], resume, "", source,
                   "Fixe", "", (dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randrange(300))).isoformat(), services,
                   "Seniors|Familles et/ou enfants" if p["kind"] == "bib" else "",
                   "Illettrisme" if key in ("fs-cavaillon", "bib-cavaillon") else "", "Gratuit", disp, formations,
                   "", modal_acces, modal_acc, acces, rdv]
            assert len(row) == len(header)
            text += ",".join('"%s"' % str(v).replace('"', '""') for v in row) + "\n"
            n += 1
        self.write(rel, text.encode("utf-8"))
        self.counts[rel] = "%d lieux" % n

    # ======================================================================
    # 8. Data officer's own log of actions
    # ======================================================================
    def suivi(self):
        rel = "suivi-actions.csv"
        rng = self.rng
        header = ["date", "action", "type", "libelle", "commune", "participants", "duree_heures", "partenaire"]
        lmv = [self.communes[c][0] for c in sorted(self.communes)]
        rows = []

        def day_in(month):
            while True:
                d = dt.date(YEAR, month, rng.randint(1, 28))
                if d.weekday() < 5:
                    return d

        modules = ["Repérer les fragilités numériques", "Orienter vers le bon lieu", "Aidants Connect : prise en main",
                   "Démarches CAF et CPAM en ligne", "Sécurité numérique des usagers"]
        for i, m in enumerate([1, 2, 3, 3, 4, 5, 6, 9, 10, 10, 11, 11]):
            rows.append([day_in(m), "3.1", "formation_aidants", "Formation aidants numériques : " + modules[i % len(modules)],
                         rng.choice(["Cavaillon", "Cavaillon", "Mérindol", "Maubec", "Robion", "Lauris"]),
                         rng.randint(4, 15), rng.choice([3, 3.5, 6, 7]),
                         rng.choice(["CCAS de Cavaillon", "France Services de Mérindol", "France Services de Coustellet", ""])])
        for m, part, com in ((2, "CCAS de Cavaillon", "Cavaillon"), (3, "Mairie de Robion", "Robion"),
                             (4, "France Services de Coustellet", "Maubec"), (6, "Médiathèque de Lauris", "Lauris"),
                             (9, "La Fabrique Clic & Lien", "Cavaillon"), (11, "Mairie de Lourmarin", "Lourmarin")):
            rows.append([day_in(m), "3.2", "signature_charte", "Signature de la charte du réseau d'inclusion numérique",
                         com, rng.randint(2, 6), 1, part])
        for m in (1, 3, 5, 6, 9, 10, 12):
            rows.append([day_in(m), "3.2", "groupe_travail", "Groupe de travail « Réseau des lieux de médiation »",
                         rng.choice(["Cavaillon", "Cavaillon", "Maubec", "Cheval-Blanc"]), rng.randint(6, 14),
                         rng.choice([2, 2.5, 3]), ""])
        for m, lieu, com in ((2, "France Services de Mérindol", "Mérindol"), (4, "Médiathèque La Durance", "Cavaillon"),
                             (5, "CCAS de Cavaillon", "Cavaillon"), (9, "France Services de Coustellet", "Maubec"),
                             (10, "Médiathèque de Robion", "Robion"), (11, "Médiathèque de Lourmarin", "Lourmarin")):
            rows.append([day_in(m), "3.3", "immersion", "Vis mon job : " + lieu, com, rng.randint(1, 2),
                         rng.choice([3.5, 7]), lieu])
        events = [(dt.date(YEAR, 2, 11), "Safer Internet Day", "Cavaillon", ""),
                  (dt.date(YEAR, 3, 15), "Digital Cleanup Day", "Cheval-Blanc", ""),
                  (dt.date(YEAR, 4, 10), "Numérique en Commun[s] Marseille", "", "Hubikoop (exemple)"),
                  (dt.date(YEAR, 6, 19), "Rencontre régionale des conseillers numériques", "", ""),
                  (dt.date(YEAR, 9, 6), "Forum des associations", "Cavaillon", ""),
                  (dt.date(YEAR, 10, 11), "Fête de la science : atelier robots", "Lourmarin", ""),
                  (dt.date(YEAR, 11, 20), "Semaine de l'inclusion numérique", "Gordes", "")]
        for d, lib, com, part in events:
            rows.append([d, "3.4", "evenement", lib, com, rng.randint(15, 120), rng.choice([3, 4, 7]), part])
        rows.sort(key=lambda r: (r[0], r[1], r[3]))
        bad = [day_in(7), "9.9", "groupe_travail", "Réunion bilan de mi-année", "Cavaillon", 8, 2, ""]
        rows.insert(len(rows) // 2, bad + ["defect"])
        text = ";".join(header) + "\n"
        for r in rows:
            if len(r) == 9:
                self.defect(rel, physical_line_of(text), "action inconnue `9.9`")
                r = r[:8]
            cells = [r[0].isoformat(), r[1], r[2], r[3], r[4], str(r[5]), str(r[6]), r[7]]
            assert all(c in lmv for c in [r[4]] if c), r[4]
            text += csv_line(cells, ";") + "\n"
        self.write(rel, text.encode("utf-8"))
        self.counts[rel] = "%d lignes" % len(rows)

    # ======================================================================
    # 9. README (French)
    # ======================================================================
    def readme(self):
        files = [
            ("mediatheques/coop-activites-2025.csv",
             "Export des activités (comptes rendus d'activité) de La Coop de la médiation numérique pour les "
             "médiathèques. Windows-1252, séparateur `;`, fins de ligne CRLF, dates `jj/mm/aaaa`. Contient des "
             "noms de médiateurs (inventés) : données personnelles, à ne jamais publier."),
            ("france-services/liste-france-services.csv",
             "Liste ANCT des France Services (3 de LMV + Apt et L'Isle-sur-la-Sorgue, hors territoire). "
             "UTF-8 avec BOM, `;`, LF, horaires en texte libre par jour."),
            ("france-services/activite-france-services-2025.csv",
             "Activité 2025 des 3 France Services de LMV : démarches par partenaire et ateliers collectifs. "
             "UTF-8 sans BOM, `;`, LF, dates ISO."),
            ("dora/dora-structures-page1.json",
             "Une page de l'API DORA v2 (structures, forme data·inclusion v0), JSON indenté UTF-8."),
            ("lizmap/lieux-mediation-l93.geojson",
             "Couche Lizmap `lieux_mediation` du Département exportée en GeoJSON, coordonnées Lambert-93 (EPSG:2154)."),
            ("lizmap/lieux-mediation.gml",
             "La même couche en réponse WFS 1.0.0 GetFeature (GML2), coordonnées WGS84 `lon,lat` ; seulement "
             "les entités valides du GeoJSON."),
            ("national/cartographie-nationale-lmv.csv",
             "Lieux de LMV tels que les publie le hub national, au standard des lieux de médiation numérique v1.0.2 "
             "(32 colonnes, `,`, tout entre guillemets). Valide avec `frictionless` sauf les 2 lignes piégées."),
            ("suivi-actions.csv",
             "Journal des actions de la chargée de mission (3.1 formations d'aidants, 3.2 charte et groupes de "
             "travail, 3.3 immersions « Vis mon job », 3.4 événements). UTF-8, `;`, LF, décimales avec `.` ; "
             "`commune` vide = événement hors territoire."),
        ]
        md = ["# Fichiers d'exemple (entrées de la chaîne unefois)", "",
              "Générés par `tools/generate_samples.py` (Python 3, bibliothèque standard, graine fixe %d) : "
              "relancer le script redonne des fichiers identiques à l'octet près. **Ne pas modifier à la main** : "
              "modifier le générateur puis le relancer." % SEED, "",
              "**Tous les lieux, adresses, téléphones, courriels, SIRET, RNA et personnes (médiateurs, "
              "bénéficiaires) sont inventés.** Seules les communes (codes INSEE, noms, contours) sont réelles. "
              "Les courriels et sites utilisent le domaine fictif `exemple-lmv.fr`.", "",
              "## Fichiers", "", "| Fichier | Contenu | Volume |", "|---|---|---|"]
        for f, desc in files:
            md.append("| `%s` | %s | %s |" % (f, desc, self.counts.get(f, "")))
        md += ["", "## Un même lieu, plusieurs sources", "",
               "Les mêmes lieux réels de forme (12 médiathèques, 3 France Services dont Coustellet, hameau situé "
               "sur la commune de Maubec 84071, le CCAS de Cavaillon, le tiers-lieu « La Fabrique Clic & Lien ») "
               "apparaissent dans plusieurs fichiers avec les écarts habituels : accents perdus ou casse changée "
               "(« MEDIATHEQUE LA DURANCE », « Mediatheque la Durance »), apostrophe typographique (« Médiathèque "
               "d’Oppède »), formats de téléphone (`04 90 …`, `04.90…`, `+33…`, `0490…`), abréviations de voies "
               "(« av. », « bd », « pl. », « ch. », « rte »), adresses en majuscules sans accents (hub national), "
               "coordonnées déplacées de 20 à 150 m selon la source (toujours dans la bonne commune).", "",
               "## Défauts volontaires", "",
               "Les numéros de ligne sont des lignes physiques (la ligne 1 est l'en-tête pour les CSV).", "",
               "| Fichier | Ligne | Défaut |", "|---|---|---|"]
        for f, where, what in self.defects:
            md.append("| `%s` | %s | %s |" % (f, where, what.replace("|", "\\|")))
        md += ["", "Le GML ne reprend pas les trois défauts du GeoJSON : il ne contient que les entités valides.", "",
               "## Autres formats et configurations", "",
               "- `mediatheques/coop-activites-2025.xlsx` : le même export de La Coop en classeur Excel (fabriqué par "
               "`tools/make_xlsx_sample.py` ; dates en numéros de série avec un format de date). Les numéros de ligne "
               "sont ceux de la feuille : ils diffèrent du CSV après la cellule à retour à la ligne.",
               "- `lizmap/lieux-mediation.gpkg` : la couche du GeoJSON en GeoPackage, EPSG:2154 (fabriquée par "
               "`tools/make_gpkg_fixtures.py`) ; une ligne = un `fid`.",
               "- `unefois.json` : la configuration des exemples (nuit type). `variantes/unefois.json` lit le classeur "
               "et le GeoPackage à la place du CSV et du GeoJSON : les lieux publiés sont identiques. `hub/unefois.json` "
               "lit les quatre exports bruts du hub national depuis `../shared/realdata/` (non copiés ici).", ""]
        self.write("README.md", "\n".join(md).encode("utf-8"))

    def run(self):
        self.coop()
        self.fs_list()
        self.fs_activity()
        self.dora()
        self.lizmap()
        self.national()
        self.suivi()
        self.readme()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(REPO, "samples"))
    ap.add_argument("--geo", default=DEFAULT_GEO)
    args = ap.parse_args()
    # Self-check of the projection against the reference value of FORMATS.md.
    x, y = wgs84_to_l93(5.0386, 43.8377)
    if (round(x, 3), round(y, 3)) != (863955.730, 6306415.329):
        raise SystemExit("Lambert-93 check failed: %.3f %.3f" % (x, y))
    gen = Generator(args.out, args.geo)
    gen.run()
    for f, where, what in gen.defects:
        print("defect  %-52s %-8s %s" % (f, where, what))
    for f in sorted(gen.counts):
        print("file    %-52s %s" % (f, gen.counts[f]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
