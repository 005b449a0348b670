# nianbao in one container: web, workers and (with no REDIS_URL) its own redis-server.
#   docker build -t nianbao .
#   docker run -p 3000:3000 -v nianbao-data:/data nianbao
# Two stages: the compilers better-sqlite3 needs stay out of the image that runs.

FROM node:20-bookworm-slim AS deps
# better-sqlite3 has a native addon; where no prebuilt binary fits, node-gyp compiles it from source.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# `npm install`, not `npm ci`: package-lock.json lacks other platforms' optional builds (the registry
# it is made against has none), and `npm ci` refuses such a lockfile; without arguments `npm install`
# installs the locked versions. tsx is a runtime dependency: the app runs its TypeScript directly.
RUN npm install --omit=dev --no-audit --no-fund \
 && node -e "new (require('better-sqlite3'))(':memory:').close()"

FROM node:20-bookworm-slim
# chromium from Debian: browser mode drives /usr/bin/chromium (CHROMIUM_PATH),
#   because a test tool's own browser download does not work where nianbao is built and run.
# redis-server: with no REDIS_URL the app starts its own (data under /data/redis), so one container
#   needs no other service; set REDIS_URL (and DATABASE_URL) to scale out instead.
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium redis-server ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY bin ./bin
COPY src ./src
COPY jobs ./jobs
COPY config ./config

# HOST=0.0.0.0 publishes the web UI beyond the container, so the app refuses to start until
# WEB_PASSWORD is given too (docker run -e WEB_PASSWORD=…): the API lists subscribers' addresses.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    NIANBAO_DATA_DIR=/data \
    CHROMIUM_PATH=/usr/bin/chromium
# The code stays owned by root and read-only to the app; only /data is the app's to write.
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node

EXPOSE 3000
# Node's own fetch: the slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/nianbao.mjs"]
CMD ["start"]
