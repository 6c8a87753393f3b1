# The order relay (issue #21) as one container image: `docker build -t greentill-relay .`
# Not built or run in this repository's tests (no container runtime here); test/packaging/relay-dockerfile.test.ts
# only checks that it starts what `npm run start:relay` starts. See README "Deploying the relay as a container".
FROM node:22-bookworm-slim

# pg_dump for the backup the relay takes before migrating an existing database. It must be at least the
# server's major version (pg_dump refuses a newer server), so it comes from the PostgreSQL project's own
# Debian repository; set PG_MAJOR to the server's major version.
ARG PG_MAJOR=17
RUN apt-get update \
  && apt-get install -y --no-install-recommends postgresql-common ca-certificates \
  && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
  && apt-get install -y --no-install-recommends "postgresql-client-${PG_MAJOR}" \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
# The relay runs TypeScript through tsx (a dev dependency), so dev dependencies are installed; install scripts
# are skipped: the register's native modules (better-sqlite3, node-hid, serialport) and Electron are never loaded.
RUN ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY migrations-relay ./migrations-relay
COPY src ./src

ENV NODE_ENV=production \
  GREENTILL_RELAY_LISTEN=0.0.0.0:8080 \
  GREENTILL_RELAY_DATA=/var/lib/greentill-relay
RUN mkdir -p /var/lib/greentill-relay && chown node:node /var/lib/greentill-relay
VOLUME ["/var/lib/greentill-relay"]
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/v1/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# One process, node itself (no npm, no tsx wrapper): SIGTERM from `docker stop` reaches the relay, which
# closes cleanly. The same entry as `npm run start:relay` (tsx src/relay/start.ts).
CMD ["node", "--import", "tsx", "src/relay/start.ts"]
