# The `sweep` command line, published self-contained for linux-x64:
#   dotnet publish Client -c Release -r linux-x64 --self-contained -o out/client
#   docker build -f deploy/docker/client.Dockerfile out/client -t sweep-client
# It needs the campaign spec inside the container, e.g. a bind mount of campaigns/ on /campaigns.
ARG BASE_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0
FROM ${BASE_IMAGE}
COPY . /opt/sweep/
ENTRYPOINT ["/opt/sweep/sweep"]
