import { WriteScheduler } from '../../src/domain/scheduler';

const options = { perSpaceIntervalMs: 1000, projectPerMinute: 300, maxAttempts: 3, random: () => 0 };
const items = (space: string, n: number) => Array.from({ length: n }, (_, i) => ({ item: `${space}#${i}`, space }));

/** Drives the scheduler on a fake clock, every job succeeding; returns send times per item. */
function run(scheduler: WriteScheduler<string>): Map<string, number> {
  const sent = new Map<string, number>();
  let now = 0;
  for (let guard = 0; guard < 10_000 && !scheduler.done; guard++) {
    const { batch, waitMs } = scheduler.nextWave(now);
    for (const job of batch) {
      sent.set(job.item, now);
      scheduler.finish(job);
    }
    now += batch.length > 0 ? 0 : waitMs;
  }
  return sent;
}

describe('WriteScheduler', () => {
  it('never sends two writes to one space within a second', () => {
    const sent = run(new WriteScheduler(items('A', 5), options, 0));
    expect([...sent.values()]).toEqual([0, 1000, 2000, 3000, 4000]);
  });

  it('sends to several spaces in the same wave', () => {
    const { batch } = new WriteScheduler([...items('A', 2), ...items('B', 2), ...items('C', 2)], options, 0).nextWave(
      1000,
    );
    expect(batch.map((j) => j.space).sort()).toEqual(['A', 'B', 'C']);
  });

  it('keeps the project under 5 writes a second (300 a minute)', () => {
    const spaces = Array.from({ length: 20 }, (_, i) => items(`S${i}`, 3)).flat();
    const sent = [...run(new WriteScheduler(spaces, options, 0)).values()].sort((a, b) => a - b);
    // Token bucket of one second's worth less one: any window of T ms holds at most 4 + 5·T/1000 writes.
    for (let i = 0; i < sent.length; i++) {
      for (let j = i; j < sent.length; j++) {
        const window = (sent[j] as number) - (sent[i] as number);
        expect(j - i + 1).toBeLessThanOrEqual(4 + Math.floor((5 * window) / 1000) + 1);
      }
    }
    // 60 writes at 5/s, starting with one: 59 gaps of 200 ms, and no slower.
    expect(sent[sent.length - 1]).toBeLessThanOrEqual(11_900);
    expect(sent[sent.length - 1]).toBeGreaterThanOrEqual(11_700);
  });

  it('keeps Chat a write ahead: writes that land late or early never find its bucket empty', () => {
    // Chat's bucket as the emulator keeps it (the strictest reading): a second's worth, full, refilled continuously,
    // counted when a write arrives. The first wave lands 300 ms late (fresh connections), later ones 0–150 ms late.
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const scheduler = new WriteScheduler(Array.from({ length: 20 }, (_, i) => items(`S${i}`, 10)).flat(), options, 0);
    const arrivals: number[] = [];
    let now = 0;
    for (let wave = 0; wave < 10_000 && !scheduler.done; wave++) {
      const { batch, waitMs } = scheduler.nextWave(now);
      for (const job of batch) {
        arrivals.push(now + (wave === 0 ? 300 : random() * 150));
        scheduler.finish(job);
      }
      now += batch.length > 0 ? 50 : waitMs;
    }
    let tokens = 5;
    let at = 0;
    let refused = 0;
    for (const t of arrivals.sort((a, b) => a - b)) {
      tokens = Math.min(5, tokens + ((t - at) * 5) / 1000);
      at = t;
      if (tokens < 1) refused++;
      else tokens -= 1;
    }
    expect(arrivals).toHaveLength(200);
    expect(refused).toBe(0);
  });

  it('waits longer after a slow answer: a write that may have reached Chat late pushes its space back', () => {
    const s = new WriteScheduler(items('A', 4), options, 0);
    const send = (now: number, answeredAt: number) => {
      const job = s.nextWave(now).batch[0];
      if (!job) throw new Error(`nothing to send at ${now}`);
      s.sent([job], now);
      s.answered(job, answeredAt);
      s.finish(job);
    };
    // The first answer takes 400 ms (a fresh connection): that write may have been counted up to 200 ms late. A run's
    // first answer is compared with an instant round trip.
    send(0, 400);
    expect(s.nextWave(1199).batch).toHaveLength(0);
    // Then 100 ms (quicker than usual: nothing added), then 300 ms: (300 - 100) / 2 more, 100 being the fastest lately.
    send(1200, 1300);
    expect(s.nextWave(2199).batch).toHaveLength(0);
    send(2200, 2500);
    expect(s.nextWave(3299).batch).toHaveLength(0);
    expect(s.nextWave(3300).batch).toHaveLength(1);
  });

  it('pushes back only the space whose answer was slow', () => {
    const s = new WriteScheduler([...items('A', 2), ...items('B', 2)], options, -1000);
    const [a, b] = s.nextWave(0).batch;
    if (!a || !b) throw new Error('two spaces in the first wave');
    s.sent([a, b], 0);
    s.answered(a, 100);
    s.answered(b, 300);
    s.finish(a);
    s.finish(b);
    // A: the run's first answer, 100 ms, so 50 ms more; B: (300 - 100) / 2 = 100 ms more (100 is the fastest lately).
    expect(s.nextWave(1049).batch).toHaveLength(0);
    expect(s.nextWave(1050).batch.map((j) => j.space)).toEqual(['A']);
    expect(s.nextWave(1099).batch).toHaveLength(0);
    expect(s.nextWave(1100).batch.map((j) => j.space)).toEqual(['B']);
  });

  it('keeps a retried job at the head of its space so order within a space holds', () => {
    const s = new WriteScheduler(items('A', 2), options, 0);
    const first = s.nextWave(0).batch[0];
    if (!first) throw new Error('no job');
    expect(s.retry(first, 0)).toBe(true);
    const later = run(s);
    expect(later.get('A#0')).toBeLessThan(later.get('A#1') as number);
  });

  it('gives up after maxAttempts', () => {
    const s = new WriteScheduler(items('A', 1), options, 0);
    let now = 0;
    let outcome = true;
    for (let i = 0; i < 10 && outcome; i++) {
      const { batch, waitMs } = s.nextWave(now);
      if (batch[0]) outcome = s.retry(batch[0], now);
      now += Math.max(waitMs, 1000);
    }
    expect(outcome).toBe(false);
    expect(s.done).toBe(true);
  });

  it('requeues a job whatever its attempts (a check of an unknown outcome), keeping its place', () => {
    const s = new WriteScheduler([...items('A', 2)], options, 0);
    const [first] = s.nextWave(0).batch;
    if (!first) throw new Error('no job');
    first.attempts = options.maxAttempts;
    s.requeue(first, 0);
    expect(s.done).toBe(false);
    expect(s.nextWave(5000).batch.map((j) => j.item)).toEqual(['A#0']);
  });

  it('reports the pending jobs when stopped early', () => {
    const s = new WriteScheduler(items('A', 3), options, 0);
    const job = s.nextWave(0).batch[0];
    if (job) s.finish(job);
    expect(s.pending().map((j) => j.item)).toEqual(['A#1', 'A#2']);
  });

  it('paces a space from when its write really left, not from when it was picked', () => {
    const s = new WriteScheduler(items('A', 2), options, 0);
    const { batch } = s.nextWave(0);
    const first = batch[0];
    if (!first) throw new Error('no job');
    s.sent(batch, 300); // saving the run took 300 ms before the request left
    s.finish(first);
    expect(s.nextWave(1000).batch).toEqual([]);
    expect(s.nextWave(1300).batch.map((j) => j.item)).toEqual(['A#1']);
  });

  it('serves the space that waited longest first when the project rate is the limit', () => {
    const slow = { ...options, projectPerMinute: 60 }; // one write a second for the whole project
    const s = new WriteScheduler([...items('A', 3), ...items('B', 3)], slow, 0);
    const order: string[] = [];
    let now = 0;
    for (let guard = 0; guard < 100 && !s.done; guard++) {
      const { batch, waitMs } = s.nextWave(now);
      for (const job of batch) {
        order.push(job.space);
        s.finish(job);
      }
      now += batch.length > 0 ? 0 : waitMs;
    }
    expect(order).toEqual(['A', 'B', 'A', 'B', 'A', 'B']);
  });
});

describe('WriteScheduler: a space refused for its own second is written a little slower for a while', () => {
  const backoff = { stepMs: 100, maxMs: 400, decayMs: 5, calmMs: 10_000 };
  const withBackoff = { ...options, spaceBackoff: backoff };
  const refusal = (space: string, scope: 'space' | 'project' | 'unknown') => [{ space, scope }];

  it('widens the refused space’s gap by a step (up to the cap), and no other space’s', () => {
    const s = new WriteScheduler([...items('A', 2), ...items('B', 2)], withBackoff, 0);
    s.observe(500, 2, refusal('A', 'space'));
    expect(s.spaceGap('A')).toBe(1100);
    expect(s.spaceGap('B')).toBe(1000);
    // A 429 naming no quota may be the project's: it does not widen the space.
    s.observe(600, 1, refusal('A', 'unknown'));
    expect(s.spaceGap('A')).toBe(1100);
    for (let i = 0; i < 10; i++) s.observe(700 + i, 1, refusal('A', 'space'));
    expect(s.spaceGap('A')).toBe(1400);
  });

  it('keeps that gap between its writes, then narrows it again after a calm spell', () => {
    const s = new WriteScheduler(items('A', 30), withBackoff, 0);
    s.observe(0, 1, refusal('A', 'space'));
    const first = s.nextWave(0).batch;
    s.sent(first, 0);
    s.finish(first[0] as (typeof first)[number]);
    // Not before 1,100 ms.
    expect(s.nextWave(1099).batch).toEqual([]);
    expect(s.nextWave(1100).batch).toHaveLength(1);
    // Ten seconds later without another refusal, each write narrows the gap by 5 ms.
    const later = s.nextWave(20_000).batch;
    s.sent(later, 20_000);
    expect(s.spaceGap('A')).toBe(1095);
  });

  it('leaves the space alone for the project quota’s 429s (those slow the project rate instead)', () => {
    const s = new WriteScheduler(items('A', 2), withBackoff, 0);
    s.observe(500, 1, refusal('A', 'project'));
    expect(s.spaceGap('A')).toBe(1000);
  });

  it('without the option, the gap stays Chat’s second', () => {
    const s = new WriteScheduler(items('A', 2), options, 0);
    s.observe(500, 1, refusal('A', 'space'));
    expect(s.spaceGap('A')).toBe(1000);
  });
});
