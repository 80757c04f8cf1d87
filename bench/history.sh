#!/usr/bin/env bash
# Benchmark of history mode (not run in CI): a generated repository with 2 000 source pages,
# their 2 000 English translations without baselines, and 5 000 commits (content changes,
# cosmetic re-wraps, `[skip-l10n]` commits and translation updates), then `tolk status` timed.
# Target: under 2 s on the project's 2-core machine.
#
#   bash bench/history.sh [PAGES] [COMMITS]
#
# The repository is written with one `git fast-import`, into a temporary folder that is removed
# afterwards (keep it with KEEP=1). tolk is built in release mode first.
set -euo pipefail
cd "$(dirname "$0")/.."

PAGES="${1:-2000}"
COMMITS="${2:-5000}"
RUNS="${RUNS:-5}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

cargo build --release --quiet
TOLK="$CARGO_TARGET_DIR/release/tolk"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tolk-bench-XXXXXX")"
if [ "${KEEP:-0}" != 1 ]; then trap 'rm -rf "$WORK"' EXIT; fi
SITE="$WORK/site"
git init -q "$SITE"

echo "generating $PAGES pages and $COMMITS commits in $SITE …" >&2
start=$(date +%s.%N)
# One fast-import stream. Page bodies are ASCII, so awk's length() is the byte count.
LC_ALL=C awk -v pages="$PAGES" -v commits="$COMMITS" '
function body(lang, page, rev, wrap,    s, sep) {
  sep = wrap ? "\n" : " "
  if (lang == "nb")
    s = "Dette er side " page " om MinID." sep "Her star det hvordan du logger inn og hva du gjor om du har glemt passordet." sep "Revisjon " rev ".\n\n* Punkt en\n* Punkt to\n"
  else
    s = "This is page " page " about MinID." sep "It says how you log in and what to do if you forgot your password." sep "Revision " rev ".\n\n* Item one\n* Item two\n"
  return "---\ntitle: Side " page "\n---\n" s
}
function file(path, text) {
  printf "M 100644 inline %s\ndata %d\n%s\n", path, length(text), text
}
function commit(n, message) {
  printf "commit refs/heads/main\nmark :%d\ncommitter Bench <bench@example.invalid> %d +0000\ndata %d\n%s\n", n, 1700000000 + n * 60, length(message), message
  if (n > 1) printf "from :%d\n", n - 1
}
BEGIN {
  srand(42)
  commit(1, "Add " pages " pages and their translations")
  file("tolk.yaml", "history: true\nskip_token: \"[skip-l10n]\"\n")
  for (p = 1; p <= pages; p++) {
    src[p] = 0; wrap[p] = 0; tr[p] = 0
    file("content/nb/side-" p ".md", body("nb", p, 0, 0))
    file("content/en/side-" p ".md", body("en", p, 0, 0))
  }
  for (n = 2; n <= commits; n++) {
    p = int(rand() * pages) + 1
    r = rand()
    if (r < 0.45) {
      src[p]++
      commit(n, "Page " p ": new text")
      file("content/nb/side-" p ".md", body("nb", p, src[p], wrap[p]))
    } else if (r < 0.65) {
      wrap[p] = 1 - wrap[p]
      commit(n, "Page " p ": re-wrap")
      file("content/nb/side-" p ".md", body("nb", p, src[p], wrap[p]))
    } else if (r < 0.75) {
      src[p]++
      commit(n, "Page " p ": typo [skip-l10n]")
      file("content/nb/side-" p ".md", body("nb", p, src[p], wrap[p]))
    } else {
      tr[p]++
      commit(n, "Page " p ": translation updated")
      file("content/en/side-" p ".md", body("en", p, tr[p], 0))
    }
    printf "\n"
  }
}' | git -C "$SITE" fast-import --quiet
git -C "$SITE" reset -q --hard main
end=$(date +%s.%N)
echo "generated in $(echo "$end - $start" | bc) s: $(git -C "$SITE" rev-list --count HEAD) commits, $(git -C "$SITE" ls-files content | wc -l) files" >&2

# Warm the page cache once, then time each run: wall clock, and CPU (user + system) where
# /usr/bin/time is there, since a busy machine stretches the wall clock.
(cd "$SITE" && "$TOLK" status >/dev/null)
walls=()
cpus=()
for _ in $(seq "$RUNS"); do
  if [ -x /usr/bin/time ]; then
    read -r wall user sys < <( (cd "$SITE" && /usr/bin/time -f "%e %U %S" "$TOLK" status >/dev/null) 2>&1 | tail -1)
    walls+=("$wall")
    cpus+=("$(echo "$user + $sys" | bc)")
  else
    s=$(date +%s.%N)
    (cd "$SITE" && "$TOLK" status >/dev/null)
    e=$(date +%s.%N)
    walls+=("$(echo "$e - $s" | bc)")
  fi
done
(cd "$SITE" && "$TOLK" status | head -4)
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
echo "tolk status, history mode, $PAGES pages + $PAGES translations, $COMMITS commits ($(nproc) cores, load average$(uptime | sed 's/.*load average//')):"
echo "  wall (s): $(printf '%s\n' "${walls[@]}" | sort -n | tr '\n' ' ')  median $(median "${walls[@]}") s"
if [ "${#cpus[@]}" -gt 0 ]; then
  echo "  cpu (s):  $(printf '%s\n' "${cpus[@]}" | sort -n | tr '\n' ' ')  median $(median "${cpus[@]}") s"
fi
