# The standalone silo, published self-contained for linux-x64 (so the base needs no .NET):
#   dotnet publish Silo -c Release -r linux-x64 --self-contained -o out/silo
#   docker build -f deploy/docker/silo.Dockerfile out/silo -t sweep-silo
# BASE_IMAGE defaults to Microsoft's runtime-deps image; CI passes the local sweep-base:bookworm.
ARG BASE_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0
FROM ${BASE_IMAGE}
# .NET loads OpenSSL at start even without TLS; a minimal Debian base lacks it (the official
# runtime-deps image has it, so nothing is installed there).
RUN if ! ls /usr/lib/*/libssl.so.3 >/dev/null 2>&1; then \
      apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libssl3 \
      && rm -rf /var/lib/apt/lists/*; \
    fi
COPY . /opt/sweep-silo/
ENTRYPOINT ["/opt/sweep-silo/sweep-silo"]
