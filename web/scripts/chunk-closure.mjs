/**
 * The chunks that load with the given ones: their static imports, followed to the end, by file name. Shared by
 * `bundle-report.mjs` (what a first screen downloads) and the layout preload in `vite.config.ts` (what to start early).
 * @param {ReadonlyMap<string, { imports: readonly string[] }>} chunks the build's chunks by file name
 * @param {Iterable<string>} starts
 * @returns {Set<string>}
 */
export function chunkClosure(chunks, starts) {
  const seen = new Set();
  const stack = [...starts];
  while (stack.length) {
    const name = stack.pop();
    if (seen.has(name)) continue;
    seen.add(name);
    stack.push(...chunks.get(name).imports);
  }
  return seen;
}
