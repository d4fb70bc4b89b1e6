#!/usr/bin/env bash
# #7.10, #7.4: write errors with a real device, which the test suite does not touch. A full
# disk on stdout (/dev/full) is one line on stderr and exit 1, never a stack trace; --out
# through a symbolic link to a device writes through to it (here: ENOSPC, exit 1) and leaves the
# device in place. Run by .ci/run after the tests (it needs the build in dist/).
set -u
cd "$(dirname "$0")/.."
if [ ! -c /dev/full ] || [ ! -w /dev/full ]; then
  echo "check-write-errors: no writable /dev/full here: skipped"
  exit 0
fi
failed=0
expect() { # name, wanted code, got code, wanted stderr, got stderr
  if [ "$2" != "$3" ] || [ "$4" != "$5" ]; then
    echo "check-write-errors: FAILED $1: exit $3 (wanted $2), stderr: $5"
    failed=1
  else
    echo "check-write-errors: ok $1"
  fi
}

err=$(node dist/cli.js erlang --calls 100 --interval 30m --aht 180 2>&1 >/dev/full)
code=$?
expect "stdout on a full disk" 1 "$code" \
  "error: cannot write to standard output: no space left on the device" "$err"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'start,calls\n2025-01-06T08:00:00Z,10\n2025-01-06T08:15:00Z,12\n' >"$tmp/f.csv"
ln -s /dev/full "$tmp/out.csv"
err=$(node dist/cli.js requirements --forecast "$tmp/f.csv" --aht 60 --out "$tmp/out.csv" 2>&1)
code=$?
expect "--out through a link to a full device" 1 "$code" \
  "error: cannot write $tmp/out.csv: no space left on the device" "$err"
if [ ! -c /dev/full ] || [ ! -L "$tmp/out.csv" ]; then
  echo "check-write-errors: FAILED: /dev/full or the link was replaced"
  failed=1
fi
exit "$failed"
