#!/usr/bin/env bash
# The nightly HamletPS job on Linux (systemd timer hamlet-nightly.timer, or cron): receive for a window, process (sort,
# de-identify, archive), upload every archive in OUTGOING, clear INCOMING and SORTED.
#
# Usage: hamlet-nightly.sh [--config PATH] [--idle-timeout SECONDS] [--count N] [--skip-receive] [--skip-upload]
#                          [--skip-clear] [--log-dir DIR] [--hamlet PATH]
#   --skip-receive  files reach INCOMING another way (the TPS exports there)
#   --skip-upload   process only; the archives stay in OUTGOING (a test night, or the SMB route copies them)
# Environment: HAMLET_CONFIG (default config), HAMLET (the hamlet executable), HAMLET_STORAGE_KEY / _SAS / _CONNECTION_STRING
# (storage secrets kept out of config.yaml).
# One log file per night (hamlet-nightly-YYYYMMDD.log): counts, archive names, exit codes; hamlet never prints a patient value
# and this script logs only what hamlet printed in --json mode reduced to counts and names.
# Exit codes: 0 ok (also: nothing received), 1 some files failed (the rest were sent), 2 configuration/usage error,
# 3 upload failed (archives stay in OUTGOING for the next night), 4 processing failed.
set -uo pipefail

config="${HAMLET_CONFIG:-config.yaml}"
idle=900
count=""
skip_receive=0
skip_upload=0
skip_clear=0
log_dir=""
hamlet="${HAMLET:-hamlet}"

while [ $# -gt 0 ]; do
  case "$1" in
    --config) config="$2"; shift 2 ;;
    --idle-timeout) idle="$2"; shift 2 ;;
    --count) count="$2"; shift 2 ;;
    --skip-receive) skip_receive=1; shift ;;
    --skip-upload) skip_upload=1; shift ;;
    --skip-clear) skip_clear=1; shift ;;
    --log-dir) log_dir="$2"; shift 2 ;;
    --hamlet) hamlet="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "hamlet-nightly: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [ ! -f "$config" ]; then echo "hamlet-nightly: no configuration file $config" >&2; exit 2; fi
config="$(cd "$(dirname "$config")" && pwd)/$(basename "$config")"
if [ -z "$log_dir" ]; then log_dir="$(dirname "$config")/logs"; fi
mkdir -p "$log_dir" || exit 2
log="$log_dir/hamlet-nightly-$(date +%Y%m%d).log"
say() { printf '%s %s\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$*" >> "$log"; }
finish() { say "Finished with exit code $1: $2"; exit "$1"; }

# The configuration first: its errors name the file and line (never a value).
if ! "$hamlet" config test --config-path "$config" >> "$log" 2>&1; then finish 2 "configuration error"; fi
# OUTGOING from `hamlet config show --json` ("Outgoing":"<absolute path>"), without needing jq.
outgoing="$("$hamlet" config show --config-path "$config" --json 2>/dev/null | sed -n 's/.*"Outgoing":"\([^"]*\)".*/\1/p')"
say "Start: configuration $config"
status=0

if [ "$skip_receive" -eq 0 ]; then
  say "Receiving until ${idle}s idle${count:+ or $count files}"
  received=$("$hamlet" receive --config-path "$config" --idle-timeout "$idle" ${count:+--count "$count"} --json 2>>"$log" | grep -c '^{')
  rc=${PIPESTATUS[0]}
  say "Received $received files (exit $rc)"
  if [ "$rc" -eq 2 ]; then finish 2 "the receiver could not start (port in use or blocked, AE title, incoming folder)"; fi
  if [ "$rc" -ne 0 ]; then status=1; fi
fi

# Steps go to standard error (the old tool's step messages: counts and the archive path), the summary to stdout.
summary=$("$hamlet" process --config-path "$config" --settle-seconds 0 --json 2>>"$log")
rc=$?
say "Process exit $rc"
if [ "$rc" -eq 2 ]; then finish 2 "configuration error in processing"; fi
if [ "$rc" -gt 2 ] || [ -z "$summary" ]; then finish 4 "processing failed"; fi
if [ "$rc" -eq 1 ]; then status=1; fi

if [ "$skip_upload" -eq 0 ]; then
  if [ -n "$outgoing" ] && compgen -G "$outgoing/*.zip" > /dev/null; then
    "$hamlet" send-azure --config-path "$config" "$outgoing"/*.zip >> "$log" 2>&1
    rc=$?
    if [ "$rc" -ne 0 ]; then finish 3 "the upload failed: the archives stay in OUTGOING for the next night"; fi
  else
    say "Upload: no archive in OUTGOING"
  fi
else
  say "Upload skipped (--skip-upload)"
fi

if [ "$skip_clear" -eq 0 ] && [ "$status" -eq 0 ]; then
  "$hamlet" clear --config-path "$config" >> "$log" 2>&1 || status=1
fi
if [ "$status" -eq 0 ]; then finish 0 ok; else finish 1 "some files failed; see the log"; fi
