#!/bin/sh
# `npm run serve` (and `npm start` after its build; `npm run dev` with --dev):
# prepare the database and content/, then become the Next server.
#
# A POSIX shell script rather than a Node launcher so that nothing stays
# resident beside the server: the preparation (migrations, content sync: the
# parsed notes and a Prisma client, 150-300 MB at 100,000 cards) runs in its
# own process that exits first (lib/cli/serve-start.ts), and `exec` then
# replaces this shell by `next start`. A Node parent waiting on next (tsx plus
# a launcher, as before) held 110 MB for nothing (issue 12, npm run bench:review).
#
# Bound to 127.0.0.1 unless HOST says otherwise: a personal app with no login
# should not listen on the network. PORT defaults to 3000.
set -e
cd "$(dirname "$0")/../.."

node_modules/.bin/tsx --conditions=react-server lib/cli/serve-start.ts

HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-3000}"
export HOST
if [ "${1:-}" = "--dev" ]; then
  exec node node_modules/next/dist/bin/next dev -H "$HOST" -p "$PORT"
fi

# The server's memory, each setting measured on the 100,000-card bench
# collection (next-server alone, after every page and both exports):
# - Node's heap, unless NODE_OPTIONS is set (even empty): an old generation of
#   at most 256 MB, so that V8 collects before it grows far past what the app
#   holds, and 4 MB young-generation semi-spaces rather than 16 (390-420 MB
#   with Node's defaults, 300-315 with these; 2 MB semi-spaces saved 40 MB
#   more but made pages half as slow again). A collection whose pages need
#   more heap: NODE_OPTIONS=--max-old-space-size=1024.
# - glibc's malloc with two arenas rather than one per thread: the threads
#   that compile Prisma's query compiler (WebAssembly) each kept an arena of
#   freed memory (about 20 MB less after the run).
export NODE_OPTIONS="${NODE_OPTIONS---max-semi-space-size=4 --max-old-space-size=256}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec node node_modules/next/dist/bin/next start -H "$HOST" -p "$PORT"
