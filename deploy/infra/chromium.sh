#!/usr/bin/env bash
# The browser of the browser tests (deploy/src/test/java/fr/maillage/system/web): Debian's `chromium`
# (/usr/bin/chromium), driven by Playwright for Java with PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 — no tool ever downloads
# a browser build of its own. axe-core comes with its Java integration (Maven, com.deque.html.axe-core:playwright).
# Idempotent: installs only what is missing. Called by `deploy/maillage test` before the system tests, and by the
# browser tests themselves when /usr/bin/chromium is missing (fr.maillage.system.web.Browser).
#   deploy/infra/chromium.sh [install]   install Debian's chromium if missing, print its version
#   deploy/infra/chromium.sh check       exit 0 only when it is installed (installs nothing)
source "$(dirname "$0")/../lib/common.sh"

CHROMIUM=/usr/bin/chromium

install() {
  [ -x "$CHROMIUM" ] || apt_install chromium
  [ -x "$CHROMIUM" ] || die "Debian's chromium is installed but $CHROMIUM is missing"
  ok "browser tests: $("$CHROMIUM" --version 2>/dev/null | head -1) ($CHROMIUM)"
}

case "${1:-install}" in
  install) install ;;
  check) [ -x "$CHROMIUM" ] ;;
  *) echo "usage: $0 [install|check]" >&2; exit 2 ;;
esac
