"""Dumps pydicom's view of specific character sets to JSON (one run; the xunit tests compare HamletPS against it).

usage: /usr/bin/python3 pydicom_charsets.py OUTPUT.json

- files: every text element (SH LO ST LT UT UC PN) of every dataset, at any depth, of pydicom's charset_files: the raw
  bytes, the Specific Character Set in effect (inherited into sequence items), pydicom's decoded values and pydicom's own
  re-encoding of them.
- synthetic: strings encoded by pydicom for many character sets, with pydicom's decoding of those bytes.
- tables: every code of the double-byte sets and of the single-byte upper halves as pydicom's codecs decode them.
"""
import glob
import json
import os
import sys
import warnings

import pydicom
from pydicom import charset
from pydicom.valuerep import PersonName
from pydicom.values import convert_PN, convert_text

warnings.simplefilter("ignore")
TEXT_VRS = {"SH", "LO", "ST", "LT", "UT", "UC", "PN"}


def as_list(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple, pydicom.multival.MultiValue)):
        return [str(v) for v in value]
    return [str(value)]


def encode_values(values, terms, vr):
    encodings = charset.convert_encodings(terms or [""])
    parts = []
    for v in values:
        if vr == "PN":
            parts.append(PersonName(v).encode(encodings))
        else:
            parts.append(charset.encode_string(v, encodings))
    return b"\\".join(parts)


def decode_raw(raw, terms, vr):
    encodings = charset.convert_encodings(terms or [""])
    if vr == "PN":
        return as_list(convert_PN(raw, encodings))
    return as_list(convert_text(raw, encodings, vr))


def walk(ds, terms, path, out, name):
    if "SpecificCharacterSet" in ds:
        sc = ds.SpecificCharacterSet
        terms = [str(v) for v in sc] if isinstance(sc, (list, pydicom.multival.MultiValue)) else [str(sc)]
    for tag in list(ds.keys()):
        raw = ds.get_item(tag)
        elem = ds[tag]
        if elem.VR == "SQ":
            for i, item in enumerate(elem.value):
                walk(item, terms, path + ["%08X" % int(tag), str(i)], out, name)
            continue
        if elem.VR not in TEXT_VRS or not isinstance(raw.value, bytes) or len(raw.value) == 0:
            continue
        values = as_list(elem.value)
        try:
            reencoded = encode_values(values, terms, elem.VR).hex()
        except Exception as e:  # pydicom cannot re-encode: record why
            reencoded = None
        out.append({
            "file": name, "path": "/".join(path + ["%08X" % int(tag)]), "vr": elem.VR, "charset": terms,
            "raw": raw.value.hex(), "values": values, "pydicomEncoded": reencoded,
        })


def files():
    out = []
    for f in sorted(glob.glob(os.path.join(os.path.dirname(pydicom.__file__), "data", "charset_files", "*.dcm"))):
        ds = pydicom.dcmread(f)
        walk(ds, [], [], out, os.path.basename(f))
    return out


def first_char_with_trail_byte(codec, trail):
    for cp in range(0x4E00, 0x9FA6):
        b = chr(cp).encode(codec)
        if len(b) == 2 and b[1] == trail:
            return chr(cp)
    raise RuntimeError("none")


SYNTHETIC = [
    (["ISO_IR 100"], "PN", ["Buc^Jérôme"]),
    (["ISO_IR 100"], "LO", ["Äneas Rüdiger", "ßüñ"]),
    (["ISO_IR 101"], "LO", ["Wałęsa"]),
    (["ISO_IR 109"], "LO", ["antaŭnomo"]),
    (["ISO_IR 110"], "LO", ["vārds"]),
    (["ISO_IR 144"], "PN", ["Люкceмбypг"]),
    (["ISO_IR 127"], "PN", ["قباني^لنزار"]),
    (["ISO_IR 126"], "PN", ["Διονυσιος"]),
    (["ISO_IR 138"], "PN", ["שרון^דבורה"]),
    (["ISO_IR 148"], "LO", ["Çavuşoğlu"]),
    (["ISO_IR 166"], "LO", ["นามสกุล"]),
    (["ISO_IR 13"], "PN", ["ﾔﾏﾀﾞ^ﾀﾛｳ"]),
    (["ISO_IR 192"], "PN", ["Wang^XiaoDong=王^小東="]),
    (["ISO_IR 192"], "LO", ["Grüße 😀 テスト", "second"]),
    (["GB18030"], "PN", ["Wang^XiaoDong=王^小东="]),
    (["GB18030"], "LO", ["A" + first_char_with_trail_byte("gb18030", 0x5C) + "B"]),
    (["GBK"], "LO", ["王小东" + first_char_with_trail_byte("gbk", 0x5C)]),
    (["", "ISO 2022 IR 87"], "PN", ["Yamada^Tarou=山田^太郎=やまだ^たろう"]),
    (["", "ISO 2022 IR 87"], "LO", ["山田", "太郎"]),
    (["", "ISO 2022 IR 87"], "LO", ["ABC山田DEF"]),
    (["ISO 2022 IR 13", "ISO 2022 IR 87"], "PN", ["ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"]),
    (["", "ISO 2022 IR 149"], "PN", ["Hong^Gildong=洪^吉洞=홍^길동"]),
    (["", "ISO 2022 IR 149"], "LO", ["김희중"]),
    (["", "ISO 2022 IR 58"], "PN", ["Zhang^XiaoDong=张^小东="]),
    (["", "ISO 2022 IR 159"], "LO", ["丂乚"]),
    (["", "ISO 2022 IR 87", "ISO 2022 IR 159"], "PN", ["山田^丂乚"]),
    (["ISO 2022 IR 100"], "PN", ["Buc^Jérôme"]),
    (["ISO 2022 IR 100", "ISO 2022 IR 144"], "LO", ["Jérôme Люк"]),
    (["ISO 2022 IR 6", "ISO 2022 IR 126"], "PN", ["Dionysios=Διονυσιος"]),
]


def synthetic():
    out = []
    for terms, vr, values in SYNTHETIC:
        raw = encode_values(values, terms, vr)
        out.append({"charset": terms, "vr": vr, "values": values, "raw": raw.hex(),
                    "pydicomDecoded": decode_raw(raw, terms, vr)})
    return out


def double_byte(fn):
    table = {}
    for a in range(0x21, 0x7F):
        for b in range(0x21, 0x7F):
            try:
                s = fn(bytes([a, b]))
            except Exception:
                continue
            if len(s) == 1 and s != "\ufffd":
                table["%02X%02X" % (a, b)] = s
    return table


def tables():
    t = {
        "ISO 2022 IR 87": double_byte(lambda p: (b"\x1b$B" + p + b"\x1b(B").decode("iso2022_jp")),
        "ISO 2022 IR 159": double_byte(lambda p: (b"\x1b$(D" + p + b"\x1b(B").decode("iso2022_jp_2")),
        "ISO 2022 IR 149": double_byte(lambda p: bytes([p[0] | 0x80, p[1] | 0x80]).decode("euc_kr")),
        "ISO 2022 IR 58": double_byte(lambda p: bytes([p[0] | 0x80, p[1] | 0x80]).decode(charset.python_encoding["ISO 2022 IR 58"])),
    }
    for term in ["ISO_IR 100", "ISO_IR 101", "ISO_IR 109", "ISO_IR 110", "ISO_IR 144", "ISO_IR 127", "ISO_IR 126",
                 "ISO_IR 138", "ISO_IR 148", "ISO_IR 166", "ISO_IR 13"]:
        single = {}
        for b in range(0xA0, 0x100):
            try:
                s = bytes([b]).decode(charset.python_encoding[term])
            except Exception:
                continue
            if len(s) == 1:
                single["%02X" % b] = s
        t[term] = single
    return t


def main():
    result = {"pydicom": pydicom.__version__, "files": files(), "synthetic": synthetic(), "tables": tables()}
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=True, indent=0)


if __name__ == "__main__":
    main()
