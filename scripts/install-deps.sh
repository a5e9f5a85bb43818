#!/usr/bin/env bash
# install-deps.sh: makes sure the Debian packages that `make run` and `make test`
# need are installed. Idempotent: when everything is present it only asks dpkg,
# so a second run costs a few milliseconds and never touches the network.
#
#   postgresql-15, postgresql-client-15, postgresql-15-postgis-3
#                        the private cluster (scripts/pgcluster.sh)
#   gdal-bin             ogrinfo/ogr2ogr for the data tooling
#   chromium, fonts-wqy-microhei
#                        headless browser tests of the web map (Chinese labels)
#   libreoffice-calc     the tests open the xlsx files parkmap writes (actuals
#                        template, exports) in headless LibreOffice, a real client
#   python3-qgis         the tests load the collections (OAPIF) and the tiles in
#                        headless QGIS, a real client (internal/e2e/qgis_test.go)
#
# As root on Debian it installs what is missing with apt-get; anywhere else it
# names the missing packages and stops. Node.js/npm is never installed here.
set -euo pipefail

packages=(
  postgresql-15
  postgresql-client-15
  postgresql-15-postgis-3
  gdal-bin
  chromium
  fonts-wqy-microhei
  libreoffice-calc
  python3-qgis
)

installed() {
  local status
  status=$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) || return 1
  [[ $status == "install ok installed" ]]
}

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${packages[@]}"; do
    installed "$p" || missing+=("$p")
  done
else
  missing=("${packages[@]}")
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "install-deps: note: npm (Node.js) is not installed; 'make test' needs it for 'npm ci'." >&2
  echo "install-deps: install Node.js 20+ with npm from your distribution or nodejs.org." >&2
fi

if ((${#missing[@]} == 0)); then
  exit 0
fi

if [[ -f /etc/debian_version && $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  # The lock timeout lets a concurrent apt-get (another engineer's install) finish first.
  apt_opts=(-o DPkg::Lock::Timeout=300 -q)
  apt-get "${apt_opts[@]}" update
  apt-get "${apt_opts[@]}" install -y --no-install-recommends "${missing[@]}"
  exit 0
fi

cat >&2 <<EOF
install-deps: missing packages: ${missing[*]}
These are Debian package names; this script installs them only as root on Debian.
Install them with your system's package manager (as root on Debian/Ubuntu:
  apt-get install --no-install-recommends ${missing[*]}
), or run the service without local packages: docker compose up
EOF
exit 1
