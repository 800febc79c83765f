export function chunkClosure(chunks: ReadonlyMap<string, { imports: readonly string[] }>, starts: Iterable<string>): Set<string>;
