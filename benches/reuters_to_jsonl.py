#!/usr/bin/env python3
"""Turn Reuters-21578 (the original SGML) into newsdex article JSON Lines.

Usage: reuters_to_jsonl.py SOURCE [-o OUT.jsonl] [--copies N] [--passages-ndjson FILE]

SOURCE is reuters21578.tar.gz or the directory it unpacks to (the one holding
reut2-000.sgm ... reut2-021.sgm; its parent works too). Articles go to OUT, or
to stdout; counts go to stderr. One object per story:

  {"id": "reuters-<NEWID>", "title", "date", "topics", "places", "body"}

* date: the raw <DATE> text, untouched (junk included), so that newsdex's
  lenient date parser is what gets tested.
* body: dateline + body, entities decoded, control characters gone,
  paragraphs joined by a blank line, the closing "Reuter" signature dropped.
  A story without a BODY (TYPE="BRIEF") gets its title as body. A story with
  neither (TYPE="UNPROC") is skipped and counted.

--copies N writes every story N times (ids reuters-<NEWID>, then
reuters-<NEWID>-c1 ... -c<N-1>) to make a bigger corpus for benchmarks.
--passages-ndjson FILE also writes one paragraph per line for peer engines:
{"id": "<article id>#<paragraph, from 0>", "title", "body", "date"}, date in
RFC 3339 (the wire time, taken as UTC; midnight when the time is garbled).

Standard library only. The traps (shared/data/reuters21578/README.md): files
are Latin-1 (one 0xFC byte), dates carry spaces and teletype junk, BRIEF and
UNPROC texts lack a body, and &#127; sometimes stands where a letter or a
space was lost; every control character becomes a space so no words merge.
"""

import argparse
import html
import json
import re
import sys
import tarfile
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

FILE_NAME = re.compile(r"reut2-\d{3}\.sgm$")
EXPECTED_FILES = 22
EXPECTED_STORIES = 21578

STORY = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
NEWID = re.compile(r'\bNEWID="(\d+)"')
TEXT_TYPE = re.compile(r'<TEXT\b[^>]*\bTYPE="([A-Z]+)"')
D_VALUE = re.compile(r"<D>(.*?)</D>", re.S)
ENTITY = re.compile(r"&(#\d+|lt|gt|amp|quot|apos);")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# A paragraph starts on a line indented by at least four spaces.
PARAGRAPH_BREAK = re.compile(r"\n(?= {4})")
# "Reuter" closes most stories; a few spell it REUTER, REUTERS, REUTE or
# with a typo, and some follow it with "..." or a literal "^M".
SIGNATURE = re.compile(r"\s+(?:reuters?|reute|reuiter|reueter)(?:\s|\.|\^M)*\Z", re.I)
MONTHS = {m: i for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), start=1)}
WIRE_DATE = re.compile(
    r"^\s*(\d{1,2})-([A-Z]{3})-(\d{4})\s+(\d{1,3}):(\d{2}):(\d{2})")


def read_sources(source: Path) -> list:
    """Return [(file name, text)] for the reut2-*.sgm files, in name order."""
    files = []
    if source.is_dir():
        candidates = sorted(source.glob("reut2-*.sgm")) or sorted(
            source.glob("*/reut2-*.sgm"))
        for path in candidates:
            if FILE_NAME.search(path.name):
                files.append((path.name, path.read_bytes().decode("latin-1")))
    else:
        try:
            with tarfile.open(source, "r:*") as tar:
                for member in tar.getmembers():
                    name = Path(member.name).name
                    if member.isfile() and FILE_NAME.search(name):
                        handle = tar.extractfile(member)
                        if handle is not None:
                            files.append((name, handle.read().decode("latin-1")))
        except (OSError, tarfile.TarError) as err:
            sys.exit(f"reuters_to_jsonl: cannot read {source}: {err}")
        files.sort()
    if not files:
        sys.exit(f"reuters_to_jsonl: no reut2-*.sgm files in {source} "
                 "(give reuters21578.tar.gz or the directory it unpacks to)")
    if len(files) != EXPECTED_FILES:
        print(f"reuters_to_jsonl: warning: {len(files)} data files, expected "
              f"{EXPECTED_FILES}", file=sys.stderr)
    return files


def element(story: str, tag: str):
    """Inner text of the first <TAG>...</TAG>, or None when absent."""
    m = re.search(rf"<{tag}>(.*?)</{tag}>", story, re.S)
    return m.group(1) if m else None


def decode(text: str) -> str:
    """SGML entities to characters; control characters (written or raw) to spaces."""
    def entity(m):
        name = m.group(1)
        if name.startswith("#"):
            code = int(name[1:])
            return chr(code) if code < 0x110000 else " "
        return html.unescape(f"&{name};")
    return CONTROL.sub(" ", ENTITY.sub(entity, text))


def collapse(text: str) -> str:
    return " ".join(text.split())


def paragraphs(dateline: str, body: str) -> list:
    """Body paragraphs, hard-wrapped lines joined; the dateline opens the first."""
    body = decode(body).rstrip()
    # Some stories are signed twice ("...said. REUTER\n Reuter").
    while (unsigned := SIGNATURE.sub("", body)) != body:
        body = unsigned
    paras = [collapse(p) for p in PARAGRAPH_BREAK.split(body)]
    paras = [p for p in paras if p]
    dateline = collapse(decode(dateline))
    if dateline:
        if paras:
            paras[0] = f"{dateline} {paras[0]}"
        else:
            paras = [dateline]
    return paras


def rfc3339(raw_date: str):
    """'26-FEB-1987 15:01:01.79' -> '1987-02-26T15:01:01Z'; None if no day."""
    m = WIRE_DATE.match(raw_date)
    if not m or m.group(2) not in MONTHS:
        return None
    day, month, year = int(m.group(1)), MONTHS[m.group(2)], int(m.group(3))
    hour, minute, second = (int(m.group(i)) for i in (4, 5, 6))
    try:
        stamp = datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)
    except ValueError:
        try:
            # 31-MAR-1987 605:12:19.12: the day is sound, the time is not.
            stamp = datetime(year, month, day, tzinfo=timezone.utc)
        except ValueError:
            return None
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def stories(files, counts):
    """Yield one article dict per story that has a title or a body."""
    for _name, text in files:
        for m in STORY.finditer(text):
            counts["stories"] += 1
            attrs, story = m.group(1), m.group(2)
            newid = NEWID.search(attrs)
            if not newid:
                counts["no NEWID (skipped)"] += 1
                continue
            kind = TEXT_TYPE.search(story)
            counts[f"TEXT TYPE={kind.group(1) if kind else 'NORM'}"] += 1
            raw_title = element(story, "TITLE")
            raw_body = element(story, "BODY")
            title = collapse(decode(raw_title)) if raw_title is not None else ""
            paras = paragraphs(element(story, "DATELINE") or "", raw_body or "") \
                if raw_body is not None else []
            if not paras and not title:
                counts["neither title nor body (skipped)"] += 1
                continue
            if not paras:
                counts["title only"] += 1
                paras = [title]
            topics_el = element(story, "TOPICS") or ""
            places_el = element(story, "PLACES") or ""
            yield {
                "id": f"reuters-{newid.group(1)}",
                "title": title,
                "date": element(story, "DATE") or "",
                "topics": [collapse(v) for v in D_VALUE.findall(topics_el)],
                "places": [collapse(v) for v in D_VALUE.findall(places_el)],
                "body": "\n\n".join(paras),
            }


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Reuters-21578 SGML to newsdex article JSON Lines.")
    parser.add_argument("source", type=Path,
                        help="reuters21578.tar.gz or the unpacked directory")
    parser.add_argument("-o", "--output", type=Path,
                        help="article JSONL to write (default: stdout)")
    parser.add_argument("--copies", type=int, default=1, metavar="N",
                        help="write every story N times (default 1)")
    parser.add_argument("--passages-ndjson", type=Path, metavar="FILE",
                        help="also write one paragraph per line for peer engines")
    args = parser.parse_args()
    if args.copies < 1:
        parser.error("--copies must be at least 1")

    counts = Counter()

    files = read_sources(args.source)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    passages = open(args.passages_ndjson, "w", encoding="utf-8") \
        if args.passages_ndjson else None
    try:
        for article in stories(files, counts):
            when = rfc3339(article["date"])
            if when is None:
                counts["date not parsed for passages"] += 1
            body_paras = article["body"].split("\n\n")
            for k in range(args.copies):
                record = dict(article)
                if k > 0:
                    record["id"] = f"{article['id']}-c{k}"
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                counts["articles written"] += 1
                if passages is None:
                    continue
                for i, para in enumerate(body_paras):
                    passage = {"id": f"{record['id']}#{i}", "title": article["title"],
                               "body": para}
                    if when is not None:
                        passage["date"] = when
                    passages.write(json.dumps(passage, ensure_ascii=False) + "\n")
                    counts["passages written"] += 1
    except BrokenPipeError:
        # `| head` is a normal way to look at the output.
        sys.stderr.close()
        sys.exit(0)
    finally:
        if args.output:
            out.close()
        if passages is not None:
            passages.close()

    print(f"reuters_to_jsonl: {len(files)} files", file=sys.stderr)
    for key, value in counts.items():
        print(f"  {key}: {value}", file=sys.stderr)
    if counts["stories"] != EXPECTED_STORIES:
        print(f"reuters_to_jsonl: warning: {counts['stories']} stories, expected "
              f"{EXPECTED_STORIES}", file=sys.stderr)


if __name__ == "__main__":
    main()
