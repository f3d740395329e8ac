#!/usr/bin/env bash
# Installs the Debian packages linli builds and tests with, if any is missing.
# Runs apt-get directly as root, otherwise through sudo.
set -euo pipefail
packages=(
  g++ cmake make ninja-build pkg-config ccache clang-format
  libboost-dev nlohmann-json3-dev libsqlite3-dev libsodium-dev libspdlog-dev libcli11-dev zlib1g-dev libcurl4-openssl-dev
  libzip-dev libexpat1-dev libpq-dev
  clang-14 libclang-rt-14-dev libfuzzer-14-dev
  libgtest-dev libbenchmark-dev
  nodejs npm chromium
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node may come from elsewhere than Debian; the web build (Vite 8) needs node >= 20.19.
if command -v node >/dev/null && command -v npm >/dev/null; then
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -ge 20 ]; then
    missing=("${missing[@]/nodejs}")
    missing=("${missing[@]/npm}")
  fi
fi
read -r -a missing <<<"${missing[*]:-}"
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
