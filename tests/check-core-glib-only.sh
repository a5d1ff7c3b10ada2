#!/usr/bin/env bash
# The core library keeps its boundaries:
# - no GTK, GDK, libadwaita or libshumate include in app/core, and no such library in what
#   linli-core is compiled against;
# - app/core/base (geometry, indexes, readers) includes no header of the model or any other
#   core folder, so everything above can use it;
# - the solver in app/core/plan includes no model header, except the one file that turns a
#   project into a planning instance (linli-plan-project.c).
set -eu
src=${1:?source dir}
build=${2:?build dir}
core="$src/app/core"
if grep -rnE '#[[:space:]]*include[[:space:]]*[<"](gtk|gdk|adwaita|shumate|gsk|graphene|cairo|pango)' "$core"; then
  echo "app/core includes a GUI header"; exit 1
fi

# Headers of each core folder, by file name.
headers_of() { find "$core/$1" -name '*.h' -printf '%f\n' 2>/dev/null; }
includes_any() {  # FILES... -- HEADERS...: print the lines of FILES that include one of HEADERS
  local files=() heads=() seen=0
  for a in "$@"; do
    if [ "$a" = -- ]; then seen=1; elif [ $seen = 0 ]; then files+=("$a"); else heads+=("$a"); fi
  done
  [ ${#heads[@]} -gt 0 ] && [ ${#files[@]} -gt 0 ] || return 0
  local pat
  pat=$(printf '%s\n' "${heads[@]}" | sed 's/[.]/[.]/g' | paste -sd'|')
  grep -nE "#[[:space:]]*include[[:space:]]*\"($pat)\"" "${files[@]}" || true
}

above_base=()
for dir in model io analysis plan sample grid org partner scenario; do
  while read -r h; do above_base+=("$h"); done < <(headers_of "$dir")
done
mapfile -t base_files < <(find "$core/base" -name '*.[ch]')
hits=$(includes_any "${base_files[@]}" -- "${above_base[@]}")
[ -z "$hits" ] || { printf '%s\n' "$hits"; echo "app/core/base includes a header from above it"; exit 1; }

model_like=()
for dir in model io analysis sample grid org partner scenario; do
  while read -r h; do model_like+=("$h"); done < <(headers_of "$dir")
done
mapfile -t solver_files < <(find "$core/plan" -name '*.[ch]' ! -name 'linli-plan-project.[ch]' ! -name 'linli-plan-io.[ch]')
hits=$(includes_any "${solver_files[@]}" -- "${model_like[@]}")
[ -z "$hits" ] || { printf '%s\n' "$hits"; echo "the solver includes a model header"; exit 1; }

ninja_file="$build/build.ninja"
args=$(awk '/^build app\/core\/liblinli-core\.a\.p\//{f=1} f && /^ ARGS/{print; f=0}' "$ninja_file")
[ -n "$args" ] || { echo "no compile lines for linli-core found in $ninja_file"; exit 1; }
if printf '%s\n' "$args" | grep -qE 'gtk-4|adwaita|shumate|cairo|pango'; then
  echo "linli-core is compiled against GUI libraries"; exit 1
fi
echo "app/core is GLib-only; base/ and the solver include no model header"
