#!/usr/bin/env python3
"""Generates N mixed packages for bench/packages.sh: H5P archives and folders, SCORM and
QTI zips, plain zips of native lessons, and zips nested in zips, built from small templates
with seeded variations (made-up French and English sentences). Nothing here is committed
data: run it into a scratch folder.

    gen_packages.py OUT_DIR N [--seed S]
"""
import argparse
import io
import json
import os
import random
import zipfile

FR = ("le chat", "la maison", "mon ami", "le marché", "la gare", "notre école", "le café",
      "la terrasse", "un livre", "la cuisine", "le jardin", "une lettre")
FR_V = ("est", "regarde", "cherche", "aime", "trouve", "prend", "ouvre")
FR_ADJ = ("grand", "petit", "vert", "calme", "bondé", "ancien", "joli", "néanmoins loin")
EN = ("the cat", "the house", "my friend", "the market", "the station", "our school",
      "the coffee", "a book", "the kitchen", "the garden", "a letter")
EN_V = ("is", "watches", "looks for", "likes", "finds", "takes", "opens")
EN_ADJ = ("big", "small", "green", "quiet", "crowded", "old", "nevertheless far")


def sentence(r, lang):
    if lang == "fr":
        return f"{r.choice(FR).capitalize()} {r.choice(FR_V)} {r.choice(FR)} {r.choice(FR_ADJ)}."
    return f"{r.choice(EN).capitalize()} {r.choice(EN_V)} {r.choice(EN)} {r.choice(EN_ADJ)}."


def h5p_files(r, lang, level):
    meta = {"title": f"Exercise {level}", "language": lang, "mainLibrary": "H5P.QuestionSet",
            "preloadedDependencies": [{"machineName": "H5P.QuestionSet", "majorVersion": "1",
                                       "minorVersion": "20"}]}
    questions = []
    for i in range(20):
        s = sentence(r, lang).split(" ")
        k = r.randrange(len(s))
        s[k] = f"*{s[k]}*"
        kind = i % 3
        if kind == 0:
            questions.append({"library": "H5P.Blanks 1.14", "params": {
                "text": "<p>" + sentence(r, lang) + "</p>",
                "questions": ["<p>" + " ".join(s) + "</p>"]}})
        elif kind == 1:
            questions.append({"library": "H5P.MultiChoice 1.16", "params": {
                "question": "<p>" + sentence(r, lang) + "</p>",
                "answers": [{"text": f"<div>{sentence(r, lang)}</div>", "correct": j == 0}
                            for j in range(3)]}})
        else:
            questions.append({"library": "H5P.TrueFalse 1.8", "params": {
                "question": "<p>" + sentence(r, lang) + "</p>", "correct": "true"}})
    content = {"introPage": {"introduction": "<p>" + sentence(r, lang) + "</p>"},
               "questions": questions}
    return {"h5p.json": json.dumps(meta, ensure_ascii=False, indent=1),
            "content/content.json": json.dumps(content, ensure_ascii=False, indent=1),
            "H5P.QuestionSet-1.20/library.json": "{}",
            "content/images/photo.jpg": os.urandom(2048)}


def scorm_files(r, lang, level):
    pages = {f"sco{i}/page.html": "<html><head><title>Page</title><script>var a=1;</script>"
             "</head><body>" + "".join(f"<p>{sentence(r, lang)}</p>\n" for _ in range(30))
             + "</body></html>" for i in range(5)}
    res = "".join(f'<resource identifier="r{i}" type="webcontent" adlcp:scormtype="sco" '
                  f'href="{p}"><file href="{p}"/></resource>\n' for i, p in enumerate(pages))
    manifest = f"""<?xml version="1.0"?>
<manifest identifier="m" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
 xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
<metadata><lom xmlns="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"><general>
<title><langstring>Course {level}</langstring></title><language>{lang}</language></general></lom></metadata>
<organizations/><resources>{res}</resources></manifest>"""
    return {"imsmanifest.xml": manifest, **pages}


def qti_files(r, lang, level):
    items = {}
    for i in range(10):
        choices = "".join(f'<simpleChoice identifier="c{j}">{sentence(r, lang)}</simpleChoice>'
                          for j in range(3))
        items[f"items/q{i}.xml"] = f"""<?xml version="1.0"?>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="q{i}" title="Q"
 adaptive="false" timeDependent="false">
<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
<correctResponse><value>c0</value></correctResponse></responseDeclaration>
<itemBody><choiceInteraction responseIdentifier="RESPONSE" maxChoices="1">
<prompt>{sentence(r, lang)}</prompt>{choices}</choiceInteraction></itemBody></assessmentItem>"""
    res = "".join(f'<resource identifier="r{i}" type="imsqti_item_xmlv2p1" href="{p}">'
                  f'<file href="{p}"/></resource>\n' for i, p in enumerate(items))
    manifest = f"""<?xml version="1.0"?>
<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="m"><metadata>
<lom xmlns="http://ltsc.ieee.org/xsd/LOM"><general><language>{lang}</language>
<keyword><string>{level}</string></keyword></general></lom></metadata>
<organizations/><resources>{res}</resources></manifest>"""
    return {"imsmanifest.xml": manifest, **items}


def native_files(r, lang, level):
    out = {}
    for i in range(5):
        items = "".join(f'  - kind: text\n    text: "{sentence(r, lang)} {sentence(r, lang)}"\n'
                        for _ in range(20))
        out[f"lessons/l{i}.yaml"] = f"language: {lang}\nlevel: {level}\nitems:\n{items}"
    return out


def zip_of(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    r = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    for i in range(a.n):
        lang = r.choice(("fr", "en"))
        level = r.choice(("A1", "A2", "B1", "B2"))
        kind = i % 6
        if kind == 0:
            data, name = zip_of(h5p_files(r, lang, level)), f"p{i:05}.h5p"
        elif kind == 1:
            folder = os.path.join(a.out, f"p{i:05}_h5p")
            for n, d in h5p_files(r, lang, level).items():
                p = os.path.join(folder, n)
                os.makedirs(os.path.dirname(p), exist_ok=True)
                with open(p, "wb") as f:
                    f.write(d.encode() if isinstance(d, str) else d)
            continue
        elif kind == 2:
            data, name = zip_of(scorm_files(r, lang, level)), f"p{i:05}_scorm.zip"
        elif kind == 3:
            data, name = zip_of(qti_files(r, lang, level)), f"p{i:05}_qti.zip"
        elif kind == 4:
            data, name = zip_of(native_files(r, lang, level)), f"p{i:05}_lessons.zip"
        else:
            inner = zip_of(h5p_files(r, lang, level))
            data = zip_of({"inner/exercise.h5p": inner, **native_files(r, lang, level)})
            name = f"p{i:05}_nested.zip"
        with open(os.path.join(a.out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
