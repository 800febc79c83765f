/**
 * A new browser tab ready for a first visit of the demo, as the page measurements (lighthouse.mjs, longtasks.mjs)
 * need it: logged in as `username` when one is given — a fresh login per run, since an access token lives minutes
 * and a refresh token rotates once used — by the stored session the SPA reads at start-up
 * (web/src/stores/session.ts), and with nothing in the HTTP cache. Lighthouse clears the cache only along with the
 * storage, which must keep that session: without the explicit clearing every run after the first loaded the app's
 * hashed files (cached for a year) from the runs before it. Returns the tab and its DevTools session.
 */
export async function firstVisitTab(browser, origin, username, password = process.env.DEMO_PASSWORD ?? 'Demo-2026-zhdj') {
  const tab = await browser.newPage();
  if (username) {
    const res = await fetch(origin + '/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (!res.ok) throw new Error(`login as ${username} at ${origin}: ${res.status} ${await res.text()}`);
    const s = await res.json();
    // The session is stored from a page of the same origin that does not run the app (the health check's JSON): a
    // page of the app would start with the previous run's session still stored — another user's — and could write it
    // back after this one (a token refresh, say), so that the run measured that user's redirect instead of the screen.
    await tab.goto(origin + '/api/health');
    await tab.evaluate((v) => {
      localStorage.clear();
      localStorage.setItem('zhdj.session', v);
    }, JSON.stringify({ accessToken: s.accessToken, refreshToken: s.refreshToken, user: s.user }));
  }
  const cdp = await tab.createCDPSession();
  await cdp.send('Network.clearBrowserCache');
  return { tab, cdp };
}
