# Redis from Debian's packages. BASE_IMAGE defaults to Debian's published image; CI passes the
# locally debootstrapped sweep-base:bookworm because no image registry is reachable there.
ARG BASE_IMAGE=debian:bookworm-slim
FROM ${BASE_IMAGE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data
WORKDIR /data
ENTRYPOINT ["redis-server"]
CMD ["--bind", "127.0.0.1", "--port", "6379", "--appendonly", "yes", "--appendfsync", "always", "--dir", "/data"]
