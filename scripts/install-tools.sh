#!/usr/bin/env bash
# install-tools.sh (make test, CI): the Go tools the checks use, at pinned
# versions, built from the Go module proxy into .tools/bin (git-ignored), and
# skipped when the right version is there already. Prints nothing when it has
# nothing to do; callers put .tools/bin first on PATH.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# staticcheck 2026.2.2 (module v0.8.2) supports Go 1.26.
STATICCHECK_VERSION=v0.8.2

bin="$PWD/.tools/bin"
mkdir -p "$bin"

# have NAME VERSION: true when .tools/bin/NAME was built from that module
# version by this Go (an analyser built by an older Go cannot read newer code).
have() {
  local info
  [[ -x $bin/$1 ]] || return 1
  info=$(go version -m "$bin/$1" 2>/dev/null) || return 1
  [[ $(awk 'NR == 1 { print $2 }' <<<"$info") == "$(go env GOVERSION)" ]] &&
    [[ $(awk '$1 == "mod" { print $3 }' <<<"$info") == "$2" ]]
}

if ! have staticcheck "$STATICCHECK_VERSION"; then
  echo "install-tools: staticcheck $STATICCHECK_VERSION into .tools/bin" >&2
  GOBIN="$bin" go install "honnef.co/go/tools/cmd/staticcheck@$STATICCHECK_VERSION"
fi
