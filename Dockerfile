# The explorer's image: dependencies from the lock file, the client built at image build time.
FROM node:20-bookworm-slim

WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000

COPY package.json package-lock.json ./
# dev dependencies are needed to run TypeScript (tsx) and to build the client (vite)
RUN npm ci --include=dev --no-audit --no-fund

COPY tsconfig.json vite.config.ts ./
COPY server ./server
COPY seed ./seed
COPY client ./client
RUN npx vite build

EXPOSE 3000
USER node
CMD ["npm", "start"]
