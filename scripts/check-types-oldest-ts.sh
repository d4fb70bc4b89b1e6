#!/usr/bin/env bash
# #8.19: the published type declarations (dist/**/*.d.ts) compile on the oldest TypeScript that
# staffcast supports for its users, 5.4 (typed arrays became generic only in 5.7). A consumer
# importing every subpath (test/types/consumer.ts) is type-checked with skipLibCheck off.
# TypeScript 5.4 is installed beside the project's own (6.0) so that the two `tsc` binaries
# never clash; it has no dependencies. Run by .ci/run after the tests (it needs dist/).
set -euo pipefail
cd "$(dirname "$0")/.."
OLDEST=5.4.5
dir=node_modules/.cache/typescript-oldest
if [ "$(node "$dir/node_modules/typescript/bin/tsc" -v 2>/dev/null)" != "Version $OLDEST" ]; then
  npm install --prefix "$dir" --no-save --no-package-lock --silent "typescript@$OLDEST"
fi
node "$dir/node_modules/typescript/bin/tsc" -p test/types/tsconfig.json
echo "check-types-oldest-ts: the declarations compile on TypeScript $OLDEST"
