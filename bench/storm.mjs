/**
 * The booking storm (issue #4): 1,000 booking attempts from 1,000 distinct members at 20 slots of one centre, 50 at
 * a time, against the API and then against the bare baseline (other members, other slots of the same centre).
 * Reports throughput, p50/p99, how many were booked and refused, and — read back from the database — the most
 * bookings any slot holds next to its capacity: never above it. The storm's bookings are removed after each round, so
 * the next round meets the same empty slots and a benchmark database can be reused.
 *
 * With `rounds` > 1 the two sides alternate, round by round, as the other scenarios do: one storm is a burst of half a
 * second, and a single pair of them put the API anywhere from 35% to 68% of the baseline on the same code.
 */
const ATTEMPTS = 1000;
const SLOTS = 20;
const CONCURRENCY = 50;
/**
 * A storm first, at other slots, so neither side is measured cold (JIT, prepared statements): three times the storm, as
 * the other scenarios warm up for 3 s at full speed. With 100 attempts the API's code was still being optimised while
 * it was measured (bench/JOURNAL.md, "The storm measured warm").
 */
const WARM_ATTEMPTS = 3000;
const WARM_SLOTS = 5;

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

/** Fires the requests CONCURRENCY at a time; returns per-request latencies and statuses, and the elapsed time. */
async function fire(requests) {
  const latencies = [];
  const statuses = new Map();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests.length) {
        const r = requests[next++];
        const t0 = performance.now();
        const res = await fetch(r.url, { method: 'POST', headers: r.headers, body: r.body });
        const json = await res.json().catch(() => ({}));
        latencies.push(performance.now() - t0);
        const key = res.status === 201 ? 'booked' : `${res.status} ${json.code ?? ''}`.trim();
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    rps: Math.round(requests.length / elapsed),
    p50: Math.round(pct(latencies, 50)),
    p99: Math.round(pct(latencies, 99)),
    errors: [...statuses].filter(([k]) => !k.startsWith('booked') && !k.startsWith('409')).reduce((n, [, v]) => n + v, 0),
    requests: requests.length,
    outcomes: Object.fromEntries(statuses),
  };
}

/** The most active bookings in any of the slots, and their capacity. */
async function fill(db, centerId, starts) {
  const rows = [];
  for (const start of starts) {
    const [slot] = await db.all('SELECT id, capacity, booked FROM booking_slots WHERE center_id = ? AND start_at = ?', [centerId, db.instant(start)]);
    const [n] = slot ? await db.all("SELECT COUNT(*) AS n FROM bookings WHERE slot_id = ? AND status = 'BOOKED'", [slot.id]) : [{ n: 0 }];
    rows.push({ slotId: slot?.id, capacity: Number(slot?.capacity ?? 0), booked: Number(n.n), counter: Number(slot?.booked ?? 0) });
  }
  return {
    maxBookedPerSlot: Math.max(...rows.map((r) => r.booked)),
    capacity: Math.max(...rows.map((r) => r.capacity)),
    overbooked: rows.filter((r) => r.booked > r.capacity).length,
    counterMismatches: rows.filter((r) => r.booked !== r.counter).length,
    slotIds: rows.map((r) => r.slotId).filter(Boolean),
  };
}

/** Removes the storm's bookings from these slots and recounts their places, so that they are empty again. */
async function clear(db, slotIds, people) {
  if (!slotIds.length) return;
  const marks = slotIds.map(() => '?').join(',');
  await db.run(`DELETE FROM bookings WHERE slot_id IN (${marks}) AND member_id IN (${people.map(() => '?').join(',')})`, [...slotIds, ...people.map((p) => p.member_id)]);
  await db.run(`UPDATE booking_slots SET booked = (SELECT COUNT(*) FROM bookings b WHERE b.slot_id = booking_slots.id AND b.status = 'BOOKED') WHERE id IN (${marks})`, slotIds);
}

/** Each round's outcomes added up, and the worst any round left in the slots. */
function together(runs, fills) {
  const outcomes = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.outcomes)) outcomes[k] = (outcomes[k] ?? 0) + v;
  return {
    outcomes,
    storm: {
      maxBookedPerSlot: Math.max(...fills.map((f) => f.maxBookedPerSlot)),
      capacity: Math.max(...fills.map((f) => f.capacity)),
      overbooked: fills.reduce((n, f) => n + f.overbooked, 0),
      counterMismatches: fills.reduce((n, f) => n + f.counterMismatches, 0),
    },
  };
}

export async function bookingStorm({ db, apiPort, basePort, login, log, rounds = 1 }) {
  const side = rounds * ATTEMPTS + WARM_ATTEMPTS;
  const people = await db.all(
    `SELECT u.id AS user_id, u.username, m.id AS member_id FROM users u JOIN members m ON m.id = u.member_id
      WHERE m.status = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.member_id = m.id AND b.status = 'BOOKED')
      ORDER BY m.id LIMIT ${side * 2}`,
  );
  if (people.length < side * 2) throw new Error('booking storm: not enough members without a booking');
  // 50 slots nobody holds yet, from the day after tomorrow (clear of the minimum notice): 20 and 5 to warm up for
  // each side, at the
  // first centre that has that many (the seed books the next two weeks at realistic occupancy).
  const from = new Date(Date.now() + (8 + 48) * 3600e3).toISOString().slice(0, 10);
  const to = new Date(Date.now() + (8 + 13 * 24) * 3600e3).toISOString().slice(0, 10);
  const apiToken = await login(people[0].username);
  let center;
  let empty = [];
  for (const c of await db.all('SELECT id, capacity FROM service_centers WHERE active = 1 ORDER BY id')) {
    const days = await (await fetch(`http://127.0.0.1:${apiPort}/api/service-centers/${c.id}/availability?from=${from}&to=${to}`, { headers: { authorization: `Bearer ${apiToken}` } })).json();
    empty = days.flatMap((d) => d.slots).filter((s) => s.free === s.capacity);
    center = c;
    if (empty.length >= (SLOTS + WARM_SLOTS) * 2) break;
  }
  if (empty.length < (SLOTS + WARM_SLOTS) * 2) throw new Error('booking storm: no centre has 50 empty slots in the next two weeks');
  const [apiSlots, baseSlots, apiWarmSlots, baseWarmSlots] = [empty.slice(0, SLOTS), empty.slice(SLOTS, SLOTS * 2), empty.slice(SLOTS * 2, SLOTS * 2 + WARM_SLOTS), empty.slice(SLOTS * 2 + WARM_SLOTS)];
  const [apiPeople, basePeople] = [people.slice(0, side), people.slice(side)];

  log(`booking storm: logging in ${apiPeople.length} members …`);
  const tokens = [];
  for (let i = 0; i < apiPeople.length; i += 20) tokens.push(...(await Promise.all(apiPeople.slice(i, i + 20).map((p) => login(p.username)))));
  const apiRequests = (slots) => (p, i) => ({
    url: `http://127.0.0.1:${apiPort}/api/bookings`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[apiPeople.indexOf(p)]}` },
    body: JSON.stringify({ serviceCenterId: center.id, start: slots[i % slots.length].start, purpose: 'HAND_IN_MATERIALS' }),
  });
  // The baseline reads a session at each request as the API does; its members have none (they never log in), so each
  // request carries one of the API side's sessions for that read.
  const sessions = tokens.map((t) => {
    const claims = JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString());
    return encodeURIComponent(JSON.stringify({ userId: Number(claims.sub), sessionId: Number(claims.sid) }));
  });
  const baseRequests = (slots) => (p, i) => {
    const s = slots[i % slots.length];
    const params = { centerId: center.id, start: s.start, end: s.end, memberId: p.member_id, userId: p.user_id, purpose: 'HAND_IN_MATERIALS' };
    return { url: `http://127.0.0.1:${basePort}/book?p=${encodeURIComponent(JSON.stringify(params))}&a=${sessions[basePeople.indexOf(p)]}`, headers: {}, body: undefined };
  };

  await fire(apiPeople.slice(rounds * ATTEMPTS).map(apiRequests(apiWarmSlots)));
  await fire(basePeople.slice(rounds * ATTEMPTS).map(baseRequests(baseWarmSlots)));
  const warmFill = await fill(db, center.id, [...apiWarmSlots, ...baseWarmSlots].map((s) => s.start));
  await clear(db, warmFill.slotIds, people);

  const measured = [];
  const fills = { api: [], baseline: [] };
  for (let i = 0; i < rounds; i++) {
    // Members new to each round: a member's first request is the one whose token the API has not yet checked.
    const api = await fire(apiPeople.slice(i * ATTEMPTS, (i + 1) * ATTEMPTS).map(apiRequests(apiSlots)));
    const apiFill = await fill(db, center.id, apiSlots.map((s) => s.start));
    const baseline = await fire(basePeople.slice(i * ATTEMPTS, (i + 1) * ATTEMPTS).map(baseRequests(baseSlots)));
    const baseFill = await fill(db, center.id, baseSlots.map((s) => s.start));
    // Leave the slots as they were: the storm's bookings go, the counters are recounted.
    await clear(db, [...apiFill.slotIds, ...baseFill.slotIds], people);
    measured.push({ api, baseline });
    fills.api.push(apiFill);
    fills.baseline.push(baseFill);
  }
  return { measured, api: together(measured.map((m) => m.api), fills.api), baseline: together(measured.map((m) => m.baseline), fills.baseline) };
}
