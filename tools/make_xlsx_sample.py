#!/usr/bin/env python3
"""Builds the .xlsx sample and test fixtures, deterministically (byte-identical on rerun).

- samples/mediatheques/coop-activites-2025.xlsx: La Coop's activity workbook, built from
  samples/mediatheques/coop-activites-2025.csv (Windows-1252, `;`). Same rows and defects:
  dates are serial numbers with a date style, except the cell already typed as a number
  (`45678`, General format) that the CSV shows as a serial; the blank row is a gap in the
  row numbers; the ragged row simply has fewer cells; the multi-line cell keeps its newline;
  the "Total" row stays at the bottom. A first sheet « Filtres » precedes « Activités ».
- Tests/UneFoisTests/Fixtures/xlsx/*.xlsx: tiny workbooks for XLSXReader's tests.
- Tests/UneFoisTests/Fixtures/zip/*.zip: archives for ZipArchive's tests (stored, deflated,
  zip-slip, zip bomb, lying size, truncated, bad CRC).

Only the standard library: zipfile + hand-written XML. Run from the repository root:
    python3 tools/make_xlsx_sample.py
"""
import csv
import datetime
import io
import os
import re
import struct
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STAMP = (1980, 1, 1, 0, 0, 0)
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def write_zip(path, members, method=zipfile.ZIP_DEFLATED):
    """members: list of (name, bytes). Fixed timestamps and attributes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = method
            info.external_attr = 0o600 << 16
            info.create_system = 0
            z.writestr(info, data, compress_type=method, compresslevel=6)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(buf.getvalue())
    return buf.getvalue()


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


class Strings:
    def __init__(self):
        self.index = {}
        self.items = []
        self.count = 0

    def add(self, s):
        self.count += 1
        if s not in self.index:
            self.index[s] = len(self.items)
            self.items.append(s)
        return self.index[s]

    def xml(self, rich=None):
        out = [DECL, '<sst %s count="%d" uniqueCount="%d">' % (NS, self.count, len(self.items))]
        for s in self.items:
            if rich and s in rich:
                out.append(rich[s])
            else:
                sp = ' xml:space="preserve"' if s != s.strip() or "\n" in s else ""
                out.append("<si><t%s>%s</t></si>" % (sp, escape(s)))
        out.append("</sst>")
        return "".join(out).encode("utf-8")


def content_types(n_sheets, shared=True):
    parts = ['<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
             '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>']
    if shared:
        parts.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    for i in range(n_sheets):
        parts.append('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1))
    return (DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>' + "".join(parts) + "</Types>").encode()


ROOT_RELS = (DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
             '</Relationships>').encode()


def workbook(names, date1904=False):
    sheets = "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(n, {'"': "&quot;"}), i + 1, i + 1)
                     for i, n in enumerate(names))
    pr = '<workbookPr date1904="1"/>' if date1904 else '<workbookPr defaultThemeVersion="164011"/>'
    return (DECL + "<workbook %s %s>%s<sheets>%s</sheets></workbook>" % (NS, NS_R, pr, sheets)).encode()


def workbook_rels(n, shared=True):
    rels = ['<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1)
            for i in range(n)]
    rels.append('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' % (n + 1))
    if shared:
        rels.append('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' % (n + 2))
    return (DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(rels) + "</Relationships>").encode()


# cellXfs: 0 General, 1 built-in date 14, 2 bold header, 3 custom dd/mm/yyyy (164),
# 4 built-in datetime 22, 5 built-in time 20, 6 custom "hh:mm" (165, time only), 7 "0.00" (2).
STYLES = (DECL + "<styleSheet %s>" % NS
          + '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/>'
            '<numFmt numFmtId="165" formatCode="[$-40C]hh:mm;@"/></numFmts>'
          + '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
          + '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
          + '<borders count="1"><border/></borders>'
          + '<cellStyleXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
          + '<cellXfs count="8"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
            '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
            '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
            '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
            '<xf numFmtId="20" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
            '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
            '<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
          + "</styleSheet>").encode()


def sheet_xml(rows, dim="A1"):
    """rows: list of (r, [cell xml])."""
    body = "".join('<row r="%d">%s</row>' % (r, "".join(cells)) if cells else '<row r="%d"/>' % r
                   for r, cells in rows)
    return (DECL + '<worksheet %s %s><dimension ref="%s"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/><sheetData>%s</sheetData></worksheet>' % (NS, NS_R, dim, body)).encode()


def serial(d):
    return (d - datetime.date(1899, 12, 30)).days


def valid_date(v):
    """An impossible date (31/02) typed in Excel stays text: keep it as a string cell."""
    try:
        datetime.datetime.strptime(v, "%d/%m/%Y")
        return True
    except ValueError:
        return False


def coop_sample():
    src = os.path.join(ROOT, "samples/mediatheques/coop-activites-2025.csv")
    with open(src, encoding="cp1252", newline="") as f:
        records = list(csv.reader(f, delimiter=";"))
    strings = Strings()
    rows = []
    header = records[0]
    width = len(header)
    for ri, rec in enumerate(records):
        r = ri + 1
        if all(v == "" for v in rec):
            continue  # a blank row is a gap in the row numbers, as Excel stores it
        cells = []
        for ci, v in enumerate(rec):
            if v == "":
                continue
            ref = "%s%d" % (col_name(ci), r)
            if ri == 0:
                cells.append('<c r="%s" s="2" t="s"><v>%d</v></c>' % (ref, strings.add(v)))
            elif ci == 1 and re.fullmatch(r"\d\d/\d\d/\d{4}", v) and valid_date(v):
                d = datetime.datetime.strptime(v, "%d/%m/%Y").date()
                cells.append('<c r="%s" s="1"><v>%d</v></c>' % (ref, serial(d)))
            elif ci in (1, 9, 10) and re.fullmatch(r"-?\d+", v):
                cells.append('<c r="%s"><v>%s</v></c>' % (ref, v))  # General: 45678 stays a number
            else:
                cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, strings.add(v)))
        rows.append((r, cells))
    last = len(records)
    notice = Strings()
    filtres = [(1, ['<c r="A1" t="inlineStr"><is><t>Export La Coop de la médiation numérique</t></is></c>']),
               (3, ['<c r="A3" t="inlineStr"><is><t>Période</t></is></c>',
                    '<c r="B3" t="inlineStr"><is><t>01/01/2025 – 31/12/2025</t></is></c>']),
               (4, ['<c r="A4" t="inlineStr"><is><t>Lieux</t></is></c>',
                    '<c r="B4" t="inlineStr"><is><t>Médiathèques du réseau LMV</t></is></c>'])]
    members = [
        ("[Content_Types].xml", content_types(2)),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook(["Filtres", "Activités"])),
        ("xl/_rels/workbook.xml.rels", workbook_rels(2)),
        ("xl/styles.xml", STYLES),
        ("xl/sharedStrings.xml", strings.xml()),
        ("xl/worksheets/sheet1.xml", sheet_xml(filtres, "A1:B4")),
        ("xl/worksheets/sheet2.xml", sheet_xml(rows, "A1:%s%d" % (col_name(width - 1), last))),
    ]
    write_zip(os.path.join(ROOT, "samples/mediatheques/coop-activites-2025.xlsx"), members)


def fixtures():
    out = os.path.join(ROOT, "Tests/UneFoisTests/Fixtures/xlsx")
    # cells.xlsx: one sheet « Feuil1 » with every cell kind.
    s = Strings()
    for v in ["nom", "date", "quand", "heure", "nombre", "vrai", "texte", "nom"]:
        s.add(v)
    rich = '<si><r><rPr><b/></rPr><t>Média</t></r><r><t xml:space="preserve">thèque </t></r><r><t>d’Oppède</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>'
    s.add("RICH")
    hdr = ['<c r="%s1" t="s"><v>%d</v></c>' % (col_name(i), i) for i in range(7)] + ['<c r="I1" t="s"><v>0</v></c>']
    rows = [
        (1, hdr),
        (2, ['<c r="A2" t="s"><v>7</v></c>', '<c r="B2" s="1"><v>45661</v></c>', '<c r="C2" s="4"><v>45661.5</v></c>',
             '<c r="D2" s="5"><v>0.5</v></c>', '<c r="E2"><v>45</v></c>', '<c r="F2" t="b"><v>1</v></c>',
             '<c r="G2" t="inlineStr"><is><t>en ligne</t></is></c>']),
        (3, ['<c r="A3" t="inlineStr"><is><r><t>riche </t></r><r><t>inline</t></r></is></c>',
             '<c r="B3" s="3"><v>45678</v></c>', '<c r="E3" s="7"><v>45.5</v></c>',
             '<c r="G3" t="str"><f>A3</f><v>formule</v></c>']),
        (4, []),
        (6, ['<c r="A6" t="inlineStr"><is><t>après trou</t></is></c>', '<c r="E6"><v>1.0000000000000001E-3</v></c>',
             '<c r="F6" t="b"><v>0</v></c>', '<c r="G6" t="e"><v>#N/A</v></c>', '<c r="C6" s="6"><v>0.75</v></c>']),
        (7, ['<c r="A7" t="inlineStr"><is><t>trop</t></is></c>', '<c r="K7" t="inlineStr"><is><t>en trop</t></is></c>']),
        (8, ['<c r="A8" t="inlineStr"><is><t>sans ref</t></is></c>', '<c><v>3</v></c>', '<c><v>4</v></c>']),
        (9, ['<c r="A9" t="inlineStr"><is><t>ligne_x000D_coupée</t></is></c>', '<c r="B9" t="d"><v>2025-03-02T00:00:00</v></c>',
             '<c r="E9"><v>-12</v></c>']),
    ]
    write_zip(os.path.join(out, "cells.xlsx"), [
        ("[Content_Types].xml", content_types(1)),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook(["Feuil1"])),
        ("xl/_rels/workbook.xml.rels", workbook_rels(1)),
        ("xl/styles.xml", STYLES),
        ("xl/sharedStrings.xml", s.xml(rich={"RICH": rich})),
        ("xl/worksheets/sheet1.xml", sheet_xml(rows, "A1:I9")),
    ])
    # title-above-header.xlsx: title row then header on row 3; no sharedStrings part, date1904.
    rows = [(1, ['<c r="A1" t="inlineStr"><is><t>Titre du tableau</t></is></c>']),
            (3, ['<c r="A3" t="inlineStr"><is><t>id</t></is></c>', '<c r="B3" t="inlineStr"><is><t>date</t></is></c>']),
            (4, ['<c r="A4" t="inlineStr"><is><t>a</t></is></c>', '<c r="B4" s="1"><v>0</v></c>'])]
    write_zip(os.path.join(out, "date1904.xlsx"), [
        ("[Content_Types].xml", content_types(1, shared=False)),
        ("xl/workbook.xml", workbook(["Données"], date1904=True)),
        ("xl/_rels/workbook.xml.rels", workbook_rels(1, shared=False)),
        ("xl/styles.xml", STYLES),
        ("xl/worksheets/sheet1.xml", sheet_xml(rows)),
    ])
    # doctype.xlsx: a sheet with a DOCTYPE (XXE attempt) must be refused.
    xxe = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
           b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>')
    write_zip(os.path.join(out, "doctype.xlsx"), [
        ("xl/workbook.xml", workbook(["Feuil1"])),
        ("xl/_rels/workbook.xml.rels", workbook_rels(1, shared=False)),
        ("xl/worksheets/sheet1.xml", xxe),
    ])
    # not-a-workbook.xlsx: a valid zip without xl/workbook.xml.
    write_zip(os.path.join(out, "not-a-workbook.xlsx"), [("readme.txt", b"pas un classeur\n")])


def zip_fixtures():
    out = os.path.join(ROOT, "Tests/UneFoisTests/Fixtures/zip")
    text = ("Bonjour la médiathèque\n" * 50).encode()
    write_zip(os.path.join(out, "stored.zip"), [("a.txt", b"stored content\n"), ("dir/b.txt", text)], zipfile.ZIP_STORED)
    good = write_zip(os.path.join(out, "deflate.zip"), [("a.txt", b"stored content\n"), ("dir/b.txt", text)])
    write_zip(os.path.join(out, "zip-slip.zip"), [("ok.txt", b"ok"), ("../../evil.txt", b"evil")])
    write_zip(os.path.join(out, "absolute-name.zip"), [("/etc/evil.txt", b"evil")])
    # 20 MiB of zeros: ratio ~1000:1.
    write_zip(os.path.join(out, "bomb.zip"), [("zeros.bin", b"\0" * (20 << 20))])
    # The same, its sizes rewritten to claim 1 000 bytes: inflation must stop early.
    data = bytearray(open(os.path.join(out, "bomb.zip"), "rb").read())
    eocd = data.rfind(b"PK\x05\x06")
    cd = struct.unpack_from("<I", data, eocd + 16)[0]
    struct.pack_into("<I", data, cd + 24, 1000)
    struct.pack_into("<I", data, 22, 1000)
    with open(os.path.join(out, "lying-size.zip"), "wb") as f:
        f.write(data)
    with open(os.path.join(out, "truncated.zip"), "wb") as f:
        f.write(good[: len(good) // 2])
    # Bad CRC: flip one byte of the first (stored) member's data in a stored archive.
    st = bytearray(open(os.path.join(out, "stored.zip"), "rb").read())
    off = 30 + len("a.txt")
    st[off] ^= 0x20
    with open(os.path.join(out, "bad-crc.zip"), "wb") as f:
        f.write(st)


if __name__ == "__main__":
    coop_sample()
    fixtures()
    zip_fixtures()
