# Redis from Debian's packages. BASE_IMAGE defaults to Debian's published image; CI passes the
# locally debootstrapped sweep-base:bookworm because no image registry is reachable there.
ARG BASE_IMAGE=debian:bookworm-slim
FROM ${BASE_IMAGE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data
WORKDIR /data
# Debian's redis-server is built with TLS (tls-port, tls-cert-file, ...), which the cluster tests use.
# By default Redis reads a config file that must hold `requirepass` (mount it, mode 0600, at
# /etc/sweep-redis/redis.conf): without one it does not start, so the image never serves an open
# Redis. The deploy files and tests pass their own arguments, their config file first.
ENTRYPOINT ["redis-server"]
CMD ["/etc/sweep-redis/redis.conf", "--bind", "127.0.0.1", "--protected-mode", "yes", "--port", "6379", "--appendonly", "yes", "--appendfsync", "always", "--dir", "/data"]
