#!/usr/bin/env bash
# Incremental rebuilds of `tolk serve` on a generated site: one-page body edits, a title
# change, a menu weight change, a page added and removed. Prints serve's own log lines, which
# say how long each rebuild took ("rebuilt 1 page in 14 ms (...)").
#
#   bench/serve.sh [PAGES_PER_LOCALE] [DIR]      # defaults: 10000 and /dev/shm/tolk-serve-bench
#
# The site has nb and en (PAGES_PER_LOCALE each), from crates/tolk/examples/gensite.rs; the output goes
# beside it. Not part of .ci/run.
set -euo pipefail

pages="${1:-10000}"
dir="${2:-/dev/shm/tolk-serve-bench}"
here="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$here/target}"

cargo build --release --quiet --manifest-path "$here/Cargo.toml" --bin tolk --example gensite
rm -rf "$dir"
"$target/release/examples/gensite" --out "$dir/site" --pages "$pages" --locales nb,en >/dev/null
cd "$dir/site"

log="$dir/serve.log"
"$target/release/tolk" serve --port 0 --out "$dir/public" >"$log" 2>&1 &
serve=$!
trap 'kill "$serve" 2>/dev/null || true' EXIT
until grep -q '^serving' "$log"; do
    kill -0 "$serve" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 1
done

# A page in no menu, and a section page (in the main menu).
page="$(find content/nb -name '*.md' ! -name '_index.md' | sort | awk 'NR == 1')"
section="$(grep -l '^menu:' content/nb/*/_index.md | sort | awk 'NR == 1')"

echo "== ten body edits of $page"
for i in $(seq 1 10); do
    printf '\nOne more sentence, %s.\n' "$i" >>"$page"
    sleep 1.5
done
echo "== its title"
sed -i '0,/^title: /s/^title: "\(.*\)"$/title: "\1 (edited)"/' "$page"
sleep 3
echo "== the menu weight of $section"
sed -i '0,/weight: /s/weight: [0-9]*/weight: 99/' "$section"
sleep 30
echo "== a page added, then removed"
printf -- '---\ntitle: A new page\n---\nNew.\n' >content/nb/new-page.md
sleep 10
rm content/nb/new-page.md
sleep 10
cat "$log"
