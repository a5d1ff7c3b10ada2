#!/usr/bin/env bash
# The core library must stay free of GTK: no GTK, GDK, libadwaita or libshumate
# include in app/core, and no such library in what linli-core links.
set -eu
src=${1:?source dir}
build=${2:?build dir}
if grep -rnE '#[[:space:]]*include[[:space:]]*[<"](gtk|gdk|adwaita|shumate|gsk|graphene)' "$src/app/core"; then
  echo "app/core includes a GUI header"; exit 1
fi
ninja_file="$build/build.ninja"
args=$(awk '/^build app\/core\/liblinli-core\.a\.p\//{f=1} f && /^ ARGS/{print; f=0}' "$ninja_file")
[ -n "$args" ] || { echo "no compile lines for linli-core found in $ninja_file"; exit 1; }
if printf '%s\n' "$args" | grep -qE 'gtk-4|adwaita|shumate'; then
  echo "linli-core is compiled against GUI libraries"; exit 1
fi
echo "app/core is GLib-only"
