# The `sweep` command line, published self-contained for linux-x64:
#   dotnet publish Client -c Release -r linux-x64 --self-contained -o out/client
#   docker build -f deploy/docker/client.Dockerfile out/client -t sweep-client
# It needs the campaign spec inside the container, e.g. a bind mount of campaigns/ on /campaigns.
ARG BASE_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0
FROM ${BASE_IMAGE}
# .NET loads OpenSSL at start even without TLS; a minimal Debian base lacks it (the official
# runtime-deps image has it, so nothing is installed there).
RUN if ! ls /usr/lib/*/libssl.so.3 >/dev/null 2>&1; then \
      apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libssl3 \
      && rm -rf /var/lib/apt/lists/*; \
    fi
COPY . /opt/sweep/
ENTRYPOINT ["/opt/sweep/sweep"]
