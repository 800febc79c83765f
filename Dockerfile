# Production image: Node 20 on Debian with the CJK font the letter PDFs embed.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN npm ci && npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
# mariadb-client: mysqldump and mysql for the backup command (node server/dist/cli/backup.cli.js), run in this container.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk mariadb-client && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production PORT=3000
COPY --from=build /app /app
# The study videos (MEDIA_DIR, served under /media/) and the backups (DATA_DIR/backups): volumes in docker-compose.yml,
# owned by the app's user; a new volume takes its folder's owner and mode from here, so the backups stay 0700.
RUN mkdir -p /app/data/media /app/data/backups && chown -R node:node /app/data && chmod 700 /app/data/backups
# 3000 over HTTP; with HTTPS (README → HTTPS) 8443, and 8080 redirecting to it.
EXPOSE 3000 8443 8080
USER node
CMD ["node", "server/dist/main.js"]
