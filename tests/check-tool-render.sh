#!/usr/bin/env bash
# linli-tool render, end to end and with no display: PNG and PDF of the
# bundled sample, the size asked, errors that name the file, and the legend
# in Chinese under zh_CN when the translations are built.
set -eu
tool=$(readlink -f "${1:?linli-tool}")
src=${2:?source dir}
po=${3:-}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
unset DISPLAY WAYLAND_DISPLAY

"$tool" render "$src/data/sample.linli" --out map.png --size 640x400
# The PNG signature, then the IHDR chunk's width and height.
[ "$(head -c 8 map.png | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
[ "$(head -c 24 map.png | tail -c 8 | od -An -tx1 | tr -d ' \n')" = 0000028000000190 ]

"$tool" render "$src/data/sample.linli" --out map.pdf --size 800x600 --center 30.3208,120.1396 --zoom 16 --no-legend
[ "$(head -c 5 map.pdf)" = "%PDF-" ]
if command -v pdfinfo > /dev/null; then
  pdfinfo map.pdf | grep -q 'Page size: *800 x 600 pts'
fi

if "$tool" render "$src/data/sample.linli" --out map.jpg 2> err.txt; then
  echo "a .jpg name was accepted"; exit 1
fi
grep -q 'map.jpg: the name must end in .png or .pdf' err.txt
[ ! -e map.jpg ]
if "$tool" render "$src/data/sample.linli" --out big.png --size 9000x10 2> err.txt; then
  echo "a 9000 px wide image was accepted"; exit 1
fi
grep -q -- '--size' err.txt
if "$tool" render "$src/data/sample.linli" --out x.png --center 91,0 2> err.txt; then
  echo "latitude 91 was accepted"; exit 1
fi
if "$tool" render no-such.linli --out x.png 2> err.txt; then
  echo "a missing project was accepted"; exit 1
fi
grep -q 'no-such.linli' err.txt

# Under zh_CN the legend is in Chinese, its font embedded.
if [ -n "$po" ] && [ -e "$po/zh_CN/LC_MESSAGES/linli.mo" ] && command -v pdftotext > /dev/null &&
   locale -a 2> /dev/null | grep -qi '^zh_CN.utf-\?8$'; then
  LANG=zh_CN.UTF-8 LANGUAGE=zh_CN LC_ALL=zh_CN.UTF-8 LINLI_LOCALEDIR="$po" \
    "$tool" render "$src/data/sample.linli" --out zh.pdf
  pdftotext zh.pdf - | grep -q '图例'
else
  echo "zh_CN legend not checked (no translations, locale or pdftotext)"
fi
echo ok
