#!/bin/sh
# Fetches the Hunspell dictionaries cefrlint ships (English, French, Spanish) from Debian
# through apt, and puts their .aff/.dic files and Debian copyright files under
# rules/dicts/<lang>/. Run from the repository root:  sh tools/fetch_dictionaries.sh
#
# Only dictionaries whose licence allows shipping them inside an MIT/Apache-2.0 binary are
# fetched: en_US (SCOWL, permissive), fr (Dicollecte, MPL-2.0), es (GPL-3+ or LGPL-3+ or
# MPL-1.1+, used under the MPL). The German (GPL-2+) and Italian (GPL-3) dictionaries are
# never shipped: cefrlint reads them from --dict-dir or /usr/share/hunspell when installed.
#
# The versions fetched are whatever the apt sources serve; rules/SOURCES.md records the
# versions committed (Debian bookworm: hunspell-en-us 1:2020.12.07-2,
# hunspell-fr-classical 1:7.0-1, hunspell-es 1:7.5.0-1). Review the diff of SOURCES.md
# before committing new versions.
set -eu

root=$(pwd)
[ -d "$root/rules" ] || { echo "run from the repository root" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# package  lang  file stem in /usr/share/hunspell
set -- \
  "hunspell-en-us en en_US" \
  "hunspell-fr-classical fr fr" \
  "hunspell-es es es_ES"

for spec in "$@"; do
  # shellcheck disable=SC2086
  set -- $spec
  pkg=$1 lang=$2 stem=$3
  (cd "$work" && apt-get download "$pkg" >/dev/null)
  deb=$(ls "$work"/"${pkg}"_*.deb)
  version=$(dpkg-deb -f "$deb" Version)
  mkdir -p "$work/x-$pkg"
  dpkg-deb -x "$deb" "$work/x-$pkg"
  dest="$root/rules/dicts/$lang"
  mkdir -p "$dest"
  # -L: some stems are symbolic links (fr_FR -> fr).
  cp -L "$work/x-$pkg/usr/share/hunspell/$stem.aff" "$dest/$lang.aff"
  cp -L "$work/x-$pkg/usr/share/hunspell/$stem.dic" "$dest/$lang.dic"
  cp "$work/x-$pkg/usr/share/doc/$pkg/copyright" "$dest/copyright"
  printf 'package: %s\nversion: %s\nfile: %s\n' "$pkg" "$version" "$stem" > "$dest/VERSION"
  echo "$lang: $pkg $version ($stem.aff, $stem.dic)"
done
