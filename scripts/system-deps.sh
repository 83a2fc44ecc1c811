#!/bin/sh
# Debian/Ubuntu packages that some tests drive for real: the Apertium engine
# (en->es), headless Chromium for the bulletin HTML, and a small CJK font.
# Without them those tests skip (or fail, with CONFL10N_REQUIRE_APERTIUM=1 /
# CONFL10N_REQUIRE_BROWSER=1, as CI sets).
set -eu
packages="apertium apertium-eng-spa chromium fonts-wqy-microhei"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $packages >/dev/null
