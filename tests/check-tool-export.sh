#!/usr/bin/env bash
# linli-tool export, end to end and with no display: the report on the
# bundled sample as PDF (A4 and A3, portrait and landscape), PNG pages,
# an Excel workbook and CSV files, checked with poppler's tools against the
# figures and lists `linli-tool info` prints: embedded Chinese fonts, the
# title, the figures and the rows, every page rendered, vector paths and
# no page-sized image, headers repeated on continued pages, page numbers,
# and names gone when they are hidden.
set -eu
tool=$(readlink -f "${1:?linli-tool}")
src=${2:?source dir}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
unset DISPLAY WAYLAND_DISPLAY
sample="$src/data/sample.linli"

"$tool" export "$sample" --pdf report.pdf --csv tables
[ "$(head -c 5 report.pdf)" = "%PDF-" ]

if ! command -v pdfinfo > /dev/null || ! command -v pdftotext > /dev/null; then
  echo "poppler-utils missing: PDF contents not checked"
  exit 0
fi

# A4 in points, as many pages as pdftoppm renders, each with its number.
pdfinfo report.pdf | grep -q 'Page size: *595 x 842 pts'
pages=$(pdfinfo report.pdf | sed -n 's/^Pages: *//p')
[ "$pages" -ge 3 ]
pdftoppm -r 20 -png report.pdf page
[ "$(ls page-*.png | wc -l)" -eq "$pages" ]
for p in $(seq 1 "$pages"); do
  pdftotext -f "$p" -l "$p" report.pdf - | grep -q "Page $p of $pages"
done

# Chinese fonts embedded as subsets.
pdffonts report.pdf | grep -E 'NotoSansCJK' | awk '{ if ($(NF-4) != "yes") exit 1 }'
pdffonts report.pdf | grep -q 'NotoSansCJK'

# The title, the district, and the district's figures as `info` counts them.
pdftotext report.pdf all.txt
grep -q '10-Minute Service Circle Report' all.txt
grep -q '拱宸桥街道' all.txt
read -r _ buildings covered_b _ households covered_h _ <<< "$("$tool" info "$sample" | grep '^district')"
for n in "$households" "$covered_h" "$((households - covered_h))" "$((buildings - covered_b))"; do
  grep -qx "$n" all.txt || { echo "figure $n not in the report"; exit 1; }
done

# Every uncovered building `info` lists is a row: its name and households.
"$tool" info "$sample" --uncovered | sed -n 's/^uncovered \([^ ]*\) \(.*\) households=\([0-9]*\)\( estimated\)\?$/\2\t\3/p' > uncovered.txt
[ "$(wc -l < uncovered.txt)" -eq "$((buildings - covered_b))" ]
pdftotext -layout report.pdf layout.txt
head -n 40 uncovered.txt | while IFS=$'\t' read -r name h; do
  grep -qE "$name +$h\$" layout.txt || { echo "uncovered row $name $h missing"; exit 1; }
done
# The CSV of the same list has a row per building, after its header.
[ "$(head -c 3 tables/uncovered-buildings.csv | od -An -tx1 | tr -d ' \n')" = efbbbf ]
[ "$(wc -l < tables/uncovered-buildings.csv)" -eq "$((buildings - covered_b + 1))" ]

# A table going on to another page says so and repeats its header.
continued=$(grep -c 'Buildings not covered (continued)' all.txt)
[ "$continued" -ge 2 ]
for p in $(seq 2 "$pages"); do
  text=$(pdftotext -layout -f "$p" -l "$p" report.pdf -)
  if grep -q 'Buildings not covered (continued)' <<< "$text"; then
    grep -qE 'Community +Compound +Building +Households' <<< "$text" ||
      { echo "page $p: no header"; exit 1; }
  fi
done

# Vector: no image at all, and the pages draw with path operators.
[ "$(pdfimages -list report.pdf | tail -n +3 | wc -l)" -eq 0 ]
if command -v python3 > /dev/null; then
  python3 - report.pdf << 'PY'
import re, sys, zlib
data = open(sys.argv[1], 'rb').read()
paths = 0
for m in re.finditer(rb'stream\r?\n(.*?)\r?\nendstream', data, re.S):
    try:
        body = zlib.decompress(m.group(1))
    except zlib.error:
        continue
    paths += len(re.findall(rb'[0-9.] (?:m|l|c|re)\b', body))
assert paths > 5000, paths
PY
fi

# No two words overlap on any page: map labels give way to each other and
# to the scale bar, and tables keep to their columns.
if command -v python3 > /dev/null; then
  overlaps() {
    pdftotext -bbox "$1" - | python3 -c '
import re, sys
bad = 0
for page in sys.stdin.read().split("<page ")[1:]:
    boxes = [tuple(map(float, m.groups())) for m in re.finditer(
        r"xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" yMax=\"([\d.]+)\"", page)]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1:
                bad += 1
print(bad)'
  }
fi

# Paper and orientation.  Under the sanitizers (LINLI_SANITIZED=1) the tool
# runs several times slower: the other papers, PNG pages and Excel, which
# share the report's code with the PDF, are left to the plain build.
sanitized=${LINLI_SANITIZED:-0}
if [ "$sanitized" = 0 ]; then
  "$tool" export "$sample" --pdf a3.pdf --page a3 --landscape
  pdfinfo a3.pdf | grep -q 'Page size: *1191 x 842 pts'
fi
"$tool" export "$sample" --pdf deck.pdf --deck
pdfinfo deck.pdf | grep -q 'Page size: *842 x 595 pts'
pdftotext deck.pdf - | grep -q 'District overview'
if command -v python3 > /dev/null; then
  [ "$(overlaps report.pdf)" -eq 0 ] || { echo "overlapping words in the report"; exit 1; }
  [ "$(overlaps deck.pdf)" -eq 0 ] || { echo "overlapping words in the deck"; exit 1; }
fi

# PNG pages of the size and resolution asked.
if [ "$sanitized" = 0 ]; then
  "$tool" export "$sample" --deck --png 'slide-%d.png' --size 1600x900 --dpi 120
  [ -e slide-1.png ] && [ -e slide-2.png ]
  [ "$(head -c 24 slide-1.png | tail -c 8 | od -An -tx1 | tr -d ' \n')" = 0000064000000384 ]
  # pHYs after IHDR: 120 dpi is 4724 px a metre (0x1274), in metres (1).
  [ "$(head -c 54 slide-1.png | tail -c 21 | od -An -tx1 | tr -d ' \n' | cut -c1-34)" = 0000000970485973000012740000127401 ]

  # Excel: a zip with a sheet per table.
  "$tool" export "$sample" --xlsx tables.xlsx
  [ "$(head -c 2 tables.xlsx)" = PK ]
  if command -v python3 > /dev/null; then
    python3 -c "
import sys, zipfile
z = zipfile.ZipFile('tables.xlsx')
sheets = [n for n in z.namelist() if n.startswith('xl/worksheets/sheet')]
assert len(sheets) >= 5, sheets
assert '社区' in z.read('xl/sharedStrings.xml').decode()
"
  fi
fi

# Hidden names: the secretaries the plain report names are gone.
cut -d, -f2 tables/communities.csv | tail -n +2 | grep -v '^$' > names.txt
[ -s names.txt ]
while read -r name; do grep -qF "$name" all.txt || { echo "$name not in the report"; exit 1; }; done < names.txt
"$tool" export "$sample" --pdf hidden.pdf --csv hidden --hide-names
pdftotext hidden.pdf hidden.txt
while read -r name; do
  if grep -qF "$name" hidden.txt hidden/*.csv; then echo "$name shown with names hidden"; exit 1; fi
done < names.txt

# Errors: a usage error or an unreadable file is 2, an unwritable output 1.
status=0; "$tool" export "$sample" --pdf x.pdf --page a5 2> err.txt || status=$?
[ "$status" -eq 2 ] && grep -q -- '--page' err.txt
status=0; "$tool" export "$sample" --png one.png 2> err.txt || status=$?
[ "$status" -eq 1 ] && grep -q 'one.png' err.txt && [ ! -e one.png ]
status=0; "$tool" export "$sample" --png 'p-%d.png' --dpi 5 2> err.txt || status=$?
[ "$status" -eq 2 ]
status=0; "$tool" export no-such.linli --pdf x.pdf 2> err.txt || status=$?
[ "$status" -eq 2 ] && grep -q 'no-such.linli' err.txt && [ ! -e x.pdf ]
status=0; "$tool" export "$sample" --pdf no-such-dir/x.pdf 2> err.txt || status=$?
[ "$status" -eq 1 ] && grep -q 'no-such-dir' err.txt
echo ok
