import type { Clock } from '../../src/adapters/clock';
import { fetchMany, fetchOne, type HttpRequest, readInWaves } from '../../src/adapters/http';

/** A UrlFetchApp stand-in: answers from a script, records what was sent, and can throw like the real one. */
function stubUrlFetch(answer: (request: GoogleAppsScript.URL_Fetch.URLFetchRequest) => [number, string, object]) {
  const sent: GoogleAppsScript.URL_Fetch.URLFetchRequest[] = [];
  const respond = (request: GoogleAppsScript.URL_Fetch.URLFetchRequest) => {
    sent.push(request);
    const [status, body, headers] = answer(request);
    return { getResponseCode: () => status, getContentText: () => body, getAllHeaders: () => headers };
  };
  (globalThis as { UrlFetchApp?: unknown }).UrlFetchApp = {
    fetch: (url: string, params: object) => respond({ url, ...params }),
    fetchAll: (requests: GoogleAppsScript.URL_Fetch.URLFetchRequest[]) => requests.map(respond),
  };
  return sent;
}

function fakeClock(): Clock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: (ms) => {
      slept.push(ms);
      now += ms;
    },
    random: () => 0,
  };
}

const get = (url: string): HttpRequest => ({ url, method: 'get', token: 'secret-token' });

afterEach(() => {
  delete (globalThis as { UrlFetchApp?: unknown }).UrlFetchApp;
});

describe('http adapter', () => {
  it('puts the token only in the Authorization header and gives header names in lower case', () => {
    const sent = stubUrlFetch(() => [200, '{}', { 'Retry-After': '3', 'Content-Type': 'application/json' }]);
    const response = fetchOne(get('https://chat.googleapis.com/v1/spaces/A'));
    expect(sent[0]?.headers).toEqual({ Authorization: 'Bearer secret-token' });
    expect(sent[0]?.url).not.toContain('secret-token');
    expect(sent[0]?.muteHttpExceptions).toBe(true);
    expect([response?.header('retry-after'), response?.header('Content-Type'), response?.header('x-none')]).toEqual([
      '3',
      'application/json',
      undefined,
    ]);
  });

  it('drops the text of a failed round trip (it may name the URL): no answer, no message', () => {
    (globalThis as { UrlFetchApp?: unknown }).UrlFetchApp = {
      fetch: () => {
        throw new Error('Address unavailable: https://chat.googleapis.com/v1/spaces/A?token=secret-token');
      },
      fetchAll: () => {
        throw new Error('DNS error: https://people.googleapis.com/v1/people:batchGet?token=secret-token');
      },
    };
    expect(fetchOne(get('https://chat.googleapis.com/v1/spaces/A'))).toBeUndefined();
    expect(fetchMany([get('https://people.googleapis.com/v1/people:batchGet')])).toBeUndefined();
  });

  it('retries a read after 429 as long as Retry-After says, whatever its spelling', () => {
    let calls = 0;
    stubUrlFetch(() => (++calls === 1 ? [429, '', { 'RETRY-AFTER': '5' }] : [200, 'ok', {}]));
    const clock = fakeClock();
    const outcome = readInWaves([{ key: 'a', request: get('https://x.test/a') }], clock, {
      wave: 1,
      intervalMs: 0,
      deadline: Number.POSITIVE_INFINITY,
      verdict: (status) => (status === 429 ? 'retry' : 'done'),
    });
    expect(outcome.get('a')).toEqual({ status: 200, body: 'ok' });
    expect(clock.slept).toEqual([5000]);
  });

  it('gives a read up as busy after its attempts, keeping the last answer', () => {
    const sent = stubUrlFetch(() => [503, 'down', {}]);
    const outcome = readInWaves([{ key: 'a', request: get('https://x.test/a') }], fakeClock(), {
      wave: 1,
      intervalMs: 0,
      deadline: Number.POSITIVE_INFINITY,
      verdict: () => 'retry',
      maxAttempts: 3,
    });
    expect(sent).toHaveLength(3);
    expect(outcome.get('a')).toEqual({ lost: 'busy', status: 503, body: 'down' });
  });

  it('sends waves of parallel reads at the given pace and reports the unreachable after two silent round trips', () => {
    const paced = stubUrlFetch(() => [200, 'ok', {}]);
    const clock = fakeClock();
    readInWaves(
      Array.from({ length: 5 }, (_, i) => ({ key: String(i), request: get(`https://x.test/${i}`) })),
      clock,
      { wave: 2, intervalMs: 1000, deadline: Number.POSITIVE_INFINITY, verdict: () => 'done' },
    );
    expect(paced).toHaveLength(5);
    expect(clock.now()).toBe(2000); // waves at 0, 1000 and 2000 ms

    (globalThis as { UrlFetchApp?: unknown }).UrlFetchApp = {
      fetchAll: () => {
        throw new Error('unreachable');
      },
    };
    const outcome = readInWaves([{ key: 'a', request: get('https://x.test/a') }], fakeClock(), {
      wave: 5,
      intervalMs: 0,
      deadline: Number.POSITIVE_INFINITY,
      verdict: () => 'done',
    });
    expect(outcome.get('a')).toEqual({ lost: 'unreachable' });
  });
});
