#!/usr/bin/env python3
"""Turn the Cranfield 1400 collection into newsdex inputs.

Usage: prepare.py SOURCE OUT_DIR

SOURCE is cranfield.tar.gz or the directory it unpacks to (the one holding
cran.all.1400, cran.qry and cranqrel). Writes to OUT_DIR:

  articles.jsonl  one {"id", "title", "body"} object per non-empty abstract;
                  title and body whitespace-collapsed, the body one paragraph
  queries.tsv     "<position 1..225>\t<query words>": the query text with
                  every character other than ASCII letters and digits replaced
                  by a space (see below)
  qrels.txt       TREC qrels "qid 0 docid grade", qid = query position

Standard library only. The traps handled here are described in
shared/data/cranfield/README.md: cran.qry has CRLF endings; cranqrel numbers
queries by position, not by their .I; docs 471 and 995 are empty; inside a
.W abstract, stray .A/.B/.W marker lines (docs 240, 576, 578) are dropped and
the text after them is kept as abstract text.

Query text is sanitised here rather than in newsdex: Cranfield queries are
natural-language questions, but newsdex reads a query with tantivy's query
syntax, where `'` and `"` quote, `/x/` is a regex, `( ) : + - ^ ?` are
operators, and `AND`/`OR`/`NOT` combine clauses. The queries are lower-case
(so no operator words) and newsdex's tokenizer splits words at every
non-alphanumeric character anyway, so replacing those characters with spaces
keeps exactly the words newsdex would index ("pitot-static" -> "pitot static",
"biot's" -> "biot s"). The one change in meaning: tantivy would have read a
hyphenated word as a phrase; here its parts are separate words like all others.
newsdex has no lenient "plain text" query mode on purpose (a user's quotes and
operators mean something); a benchmark feeding it free text sanitises it.
All three systems get these same sanitised queries (baselines.py).
"""

import json
import re
import sys
import tarfile
from pathlib import Path

FILES = ("cran.all.1400", "cran.qry", "cranqrel")
EXPECTED_QUERIES = 225
FIELD_MARKERS = {".T", ".A", ".B", ".W"}


def read_sources(source: Path) -> dict:
    """Return {file name: text} for the three Cranfield files."""
    texts = {}
    if source.is_dir():
        for name in FILES:
            path = source / name
            if not path.is_file():
                sys.exit(f"prepare: {path} not found (expected the unpacked cranfield directory)")
            texts[name] = path.read_bytes().decode("ascii")
        return texts
    try:
        with tarfile.open(source, "r:gz") as tar:
            for member in tar.getmembers():
                name = Path(member.name).name
                if name in FILES and member.isfile():
                    handle = tar.extractfile(member)
                    if handle is not None:
                        texts[name] = handle.read().decode("ascii")
    except (OSError, tarfile.TarError) as err:
        sys.exit(f"prepare: cannot read {source}: {err}")
    missing = [n for n in FILES if n not in texts]
    if missing:
        sys.exit(f"prepare: {source} lacks {', '.join(missing)}")
    return texts


def collapse(lines) -> str:
    return " ".join(" ".join(lines).split())


def parse_docs(text: str):
    """Yield (id, title, body) for every .I record of cran.all.1400."""
    doc_id = None
    fields = {}
    field = None
    for raw in text.replace("\r", "").split("\n"):
        marker = raw.strip()
        if marker.startswith(".I ") or marker == ".I":
            if doc_id is not None:
                yield doc_id, collapse(fields.get(".T", [])), collapse(fields.get(".W", []))
            doc_id = marker[2:].strip()
            fields = {}
            field = None
        elif marker in FIELD_MARKERS and field != ".W":
            field = marker
            fields.setdefault(field, [])
        elif marker in FIELD_MARKERS:
            # Once the abstract starts, only .I ends it: doc 240 repeats .A
            # and .B inside it, 576 and 578 have a second .W, and the lines
            # after those markers are abstract text.
            continue
        elif field is not None:
            fields[field].append(raw)
    if doc_id is not None:
        yield doc_id, collapse(fields.get(".T", [])), collapse(fields.get(".W", []))


def parse_queries(text: str):
    """Return [(original .I, text)] in file order; the position is the qrels id."""
    queries = []
    current = None
    for raw in text.replace("\r", "").split("\n"):
        marker = raw.strip()
        if marker.startswith(".I"):
            current = [marker[2:].strip(), []]
            queries.append(current)
        elif marker == ".W":
            continue
        elif current is not None:
            current[1].append(raw)
    return [(orig, collapse(lines)) for orig, lines in queries]


def query_words(text: str) -> str:
    """The query with tantivy query-syntax characters (all non-alphanumerics) removed."""
    return " ".join(re.findall(r"[A-Za-z0-9]+", text.lower()))


def parse_qrels(text: str):
    """Return [(qid, docid, grade)] from cranqrel's 'qid docid grade ' lines."""
    rows = []
    for number, raw in enumerate(text.replace("\r", "").split("\n"), start=1):
        fields = raw.split()
        if not fields:
            continue
        if len(fields) != 3:
            sys.exit(f"prepare: cranqrel:{number}: expected 'qid docid grade', found {raw!r}")
        try:
            qid, docid, grade = (int(f) for f in fields)
        except ValueError:
            sys.exit(f"prepare: cranqrel:{number}: expected three integers, found {raw!r}")
        rows.append((qid, docid, grade))
    return rows


def main(argv) -> int:
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    source, out = Path(argv[1]), Path(argv[2])
    texts = read_sources(source)
    out.mkdir(parents=True, exist_ok=True)

    kept, empty = 0, []
    with open(out / "articles.jsonl", "w", encoding="utf-8") as f:
        for doc_id, title, body in parse_docs(texts["cran.all.1400"]):
            if not body:
                empty.append(doc_id)
                continue
            f.write(json.dumps({"id": doc_id, "title": title, "body": body}) + "\n")
            kept += 1

    queries = parse_queries(texts["cran.qry"])
    if len(queries) != EXPECTED_QUERIES:
        sys.exit(f"prepare: cran.qry has {len(queries)} queries, expected {EXPECTED_QUERIES}")
    with open(out / "queries.tsv", "w", encoding="utf-8") as f:
        for position, (_orig, text) in enumerate(queries, start=1):
            f.write(f"{position}\t{query_words(text)}\n")

    qrels = parse_qrels(texts["cranqrel"])
    bad = sorted({q for q, _, _ in qrels if not 1 <= q <= len(queries)})
    if bad:
        sys.exit(f"prepare: cranqrel names queries outside 1..{len(queries)}: {bad[:5]}")
    with open(out / "qrels.txt", "w", encoding="utf-8") as f:
        for qid, docid, grade in qrels:
            f.write(f"{qid} 0 {docid} {grade}\n")

    print(
        f"prepare: {kept} articles ({len(empty)} empty skipped: {', '.join(empty) or 'none'}), "
        f"{len(queries)} queries, {len(qrels)} judgements -> {out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
