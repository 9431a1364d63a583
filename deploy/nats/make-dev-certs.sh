#!/usr/bin/env bash
# A throw-away CA and a nats-server certificate signed by it, for the local stack and the tests (not for a
# cluster: there cert-manager or your PKI issues them, see README.md). Needs openssl.
#
#   deploy/nats/make-dev-certs.sh DIR [ADDRESS...]
#
# writes DIR/ca.crt (what the services trust: relay.nats.tls.ca-file), DIR/ca.key, DIR/server.crt and
# DIR/server.key (nats-server's tls block); the server certificate names each ADDRESS (IP or DNS name;
# default 127.0.0.1). Keys are P-256, PKCS#8, readable by the owner only; valid 7 days.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 DIR [ADDRESS...]" >&2; exit 2; }
dir=$1
shift
[ $# -gt 0 ] || set -- 127.0.0.1
command -v openssl >/dev/null || { echo "openssl is needed (sudo apt-get install openssl)" >&2; exit 1; }
mkdir -p "$dir"
umask 077
san=""
for name in "$@"; do
  if [[ $name =~ ^[0-9.]+$ || $name == *:* ]]; then entry="IP:$name"; else entry="DNS:$name"; fi
  san="${san:+$san,}$entry"
done
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 7 \
  -keyout "$dir/ca.key" -out "$dir/ca.crt" -subj "/CN=Spark Relay local NATS CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -keyout "$dir/server.key" -out "$dir/server.csr" -subj "/CN=$1" 2>/dev/null
printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\nbasicConstraints=CA:FALSE\n' \
  "$san" >"$dir/server.ext"
openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 7 \
  -extfile "$dir/server.ext" -out "$dir/server.crt" 2>/dev/null
rm -f "$dir/server.csr" "$dir/server.ext" "$dir/ca.srl"
chmod 644 "$dir/ca.crt" "$dir/server.crt"
