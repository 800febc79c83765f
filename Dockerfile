# Production image: Node 20 on Debian with the CJK font the letter PDFs embed.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN npm ci && npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production PORT=3000
COPY --from=build /app /app
# The study videos (MEDIA_DIR, served under /media/): a volume in docker-compose.yml, owned by the app's user.
RUN mkdir -p /app/data/media && chown -R node:node /app/data
# 3000 over HTTP; with HTTPS (README → HTTPS) 8443, and 8080 redirecting to it.
EXPOSE 3000 8443 8080
USER node
CMD ["node", "server/dist/main.js"]
