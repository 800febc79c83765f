import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The repository root, found from this file's location so that `node server/dist/main.js`, `npm -w server …`
 * and the tests all agree on where `./data/` and the built web app live.
 */
function findRoot(): string {
  // src/config or dist/config → server → repo root
  const root = resolve(__dirname, '..', '..', '..');
  return existsSync(resolve(root, 'package.json')) ? root : process.cwd();
}

export const REPO_ROOT = findRoot();
export const DEFAULT_DATA_DIR = resolve(REPO_ROOT, 'data');
export const WEB_DIST_DIR = resolve(REPO_ROOT, 'web', 'dist');
/** Short study videos that come with the demo (server/demo-media), served under /media/ when the demo is on. */
export const DEMO_MEDIA_DIR = resolve(REPO_ROOT, 'server', 'demo-media');
