/**
 * Where the session is kept in localStorage. Its own module because the build reads it too: index.html's layout
 * preload (vite.config.ts) looks at the stored session's permissions before it asks for a layout's files.
 */
export const SESSION_STORAGE_KEY = 'zhdj.session';
