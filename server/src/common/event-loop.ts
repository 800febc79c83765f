/**
 * Lets waiting requests in before going on. The embedded SQLite driver answers every query at once, so a walk over
 * many pages (an export, the audit chain's check) never gives the event loop back between them: without a pause here
 * every other request waits from its first page to its last. On MySQL each query already waits for the server.
 */
export const letOthersIn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
