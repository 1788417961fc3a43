# rlcheck in a container.
#
#   docker build -t rlcheck .
#   docker run --rm -v "$PWD:/src" rlcheck scan .
#
# The builder is the Go image whose major.minor matches go.mod's go
# directive (internal/deploytest checks it). rlcheck needs cgo: tree-sitter
# parses Python and pg_query parses SQL.
#
# The runtime image carries the Go toolchain, not just the binary: rlcheck
# loads Go packages with `go list` (go/packages), so without it only Python
# would be analyzed. It is debian:bookworm-slim plus the builder's
# /usr/local/go, not the full golang image (no gcc, git or build headers).
# To analyze Go code whose dependencies live in your module cache, mount it:
#   docker run --rm -v "$PWD:/src" -v "$(go env GOMODCACHE):/go/pkg/mod" rlcheck scan .

FROM golang:1.27-bookworm AS build
WORKDIR /build
ENV CGO_ENABLED=1 GOFLAGS=-mod=readonly
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# VERSION, when given (docker build --build-arg VERSION=1.2.3), replaces
# the source tree's version in `rlcheck version` and in SARIF reports.
ARG VERSION=""
RUN go build -trimpath -buildvcs=false \
      -ldflags="-s -w ${VERSION:+-X github.com/rlcheck/rlcheck/internal/version.base=${VERSION}}" \
      -o /out/rlcheck ./cmd/rlcheck \
 && /out/rlcheck version

FROM debian:bookworm-slim
LABEL org.opencontainers.image.title="rlcheck" \
      org.opencontainers.image.description="Finds rate-limit bypasses in Python and Go code" \
      org.opencontainers.image.source="https://github.com/rlcheck/rlcheck"
COPY --from=build /usr/local/go /usr/local/go
COPY --from=build /out/rlcheck /usr/local/bin/rlcheck
# GOTOOLCHAIN=local: never download another Go toolchain. GOPATH and
# GOCACHE are writable by any user, so `docker run --user "$(id -u)"` (and
# pre-commit, which runs as the caller's uid) works too.
ENV PATH=/usr/local/go/bin:$PATH \
    GOTOOLCHAIN=local \
    GOPATH=/go \
    GOCACHE=/tmp/go-build
RUN useradd --uid 10001 --user-group --create-home rlcheck \
 && mkdir -p /go /src \
 && chmod 1777 /go
USER 10001:10001
WORKDIR /src
ENTRYPOINT ["rlcheck"]
CMD ["scan", "."]
