#!/bin/sh
# Install the Debian packages Pyrite needs, only when some are missing.
set -e
need="gcc-arm-none-eabi picolibc-arm-none-eabi qemu-system-arm libcmocka-dev gcc make python3"
missing=""
for p in $need; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y $missing
