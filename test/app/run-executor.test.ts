import { continueRun, myProgress, myRuns, startRun } from '../../src/app/run-executor';
import type { RoleChange } from '../../src/domain/changes';
import { COL } from '../../src/domain/member-row';
import type { ApiRole } from '../../src/domain/roles';
import type { RunJob } from '../../src/domain/run-state';
import { statusText } from '../../src/domain/status';
import { zonedTime } from '../../src/domain/zoned-time';
import { memoryWorld, toManager } from './memory-ports';

const ALICE = 'alice@example.com';
const SPACE = 'spaces/AAAA';
const meta = { space: SPACE, spaceType: 'SPACE', title: 'Launch team', access: 'user' as const };
const KEYS = [1, 2, 3].map((n) => `${SPACE}/members/${n}`);

function world() {
  const w = memoryWorld(ALICE, meta, new Map<string, ApiRole>(KEYS.map((k) => [k, 'ROLE_MEMBER'])));
  for (const key of KEYS) w.sheet.type(key, COL.role, 'Manager');
  return w;
}

const changes = toManager(KEYS, SPACE);

describe('run executor (use case on in-memory ports)', () => {
  it('stops at its deadline, schedules a continuation, and resumes with every change applied exactly once', () => {
    const w = world();
    const start = w.ports.clock.now();
    // One write a second per space: three changes cannot all go within 1.5 s.
    const first = startRun(w.ports, 'apply', changes, { [SPACE]: 'Launch team' }, start + 1500);
    expect(first.finished).toBe(false);
    expect(first.applied).toBe(2);
    expect(w.scheduled).toBeGreaterThan(0);
    expect(myProgress(w.ports)).not.toBeNull();

    const later = w.ports.clock.now();
    const second = continueRun(w.ports, later + 60_000);
    expect(second?.finished).toBe(true);
    expect(w.chat.requests).toEqual(KEYS.map((k) => `PATCH ${k}`));
    expect(KEYS.map((k) => w.chat.roles.get(k))).toEqual(Array(3).fill('ROLE_ASSISTANT_MANAGER'));
    expect(w.audit.filter((r) => r[7] === 'applied').map((r) => r[4])).toEqual(KEYS);
    expect(myProgress(w.ports)).toBeNull();
  });

  it('writes each change in the Audit with the time its answer arrived, not the time its space was written (issue 13 bug 11)', () => {
    const w = world();
    // One write a second per space: three waves, a second apart.
    const report = startRun(w.ports, 'apply', changes, { [SPACE]: 'Launch team' }, w.ports.clock.now() + 60_000);
    expect(report.finished).toBe(true);
    // "2023-11-14 22:13:21 GMT": in one zone, text order is time order.
    const times = w.audit.filter((r) => r[7] === 'applied').map((r) => String(r[0]));
    expect(times).toHaveLength(3);
    expect(new Set(times).size).toBe(3);
    expect([...times].sort()).toEqual(times);
  });

  it("reads first a change that Bob's open run made but has not written to its row yet (an Apply never repeats it)", () => {
    const w = world();
    const [made, other] = KEYS as [string, string];
    // Bob's live edit applied `made` to Manager; his run has not written the row yet (its space still has a job open).
    w.chat.roles.set(made, 'ROLE_ASSISTANT_MANAGER');
    w.runs.set('bob@example.com', {
      runId: 'bob-run',
      kind: 'apply',
      user: 'bob@example.com',
      startedAt: '2026-12-06T10:00:00.000Z',
      titles: {},
      jobs: [
        { ...toManager([made], SPACE)[0], attempts: 1, state: 'applied' } as RunJob,
        { ...toManager([other], SPACE)[0], to: 'ROLE_MANAGER', attempts: 1, state: 'inflight' } as RunJob,
      ],
    });
    const report = startRun(w.ports, 'apply', changes.slice(0, 2), {}, w.ports.clock.now() + 60_000);
    expect(report.finished).toBe(true);
    // `made`: read, found made, not written again. `other`: Bob's run asked for another role, so Alice's is written.
    expect(w.chat.requests).toEqual([`GET ${made}`, `PATCH ${other}`]);
    expect(w.audit.filter((r) => r[7] === 'applied').map((r) => r[4])).toEqual([made, other]);
  });

  describe('an outcome its execution stopped before saving as written, found again by the next one', () => {
    /** Alice's run applied members/1 to Manager; the execution stopped before it saved that the row was written. */
    function stoppedAfterApplying() {
      const w = world();
      const [key] = KEYS as [string];
      w.runs.set(ALICE, {
        runId: 'alice-run',
        kind: 'apply',
        user: ALICE,
        startedAt: '2026-12-06T10:00:00.000Z',
        titles: {},
        jobs: [{ ...(toManager([key], SPACE)[0] as RoleChange), attempts: 1, state: 'applied' }],
      });
      return { w, key };
    }
    /** Its Manager is in Chat, and someone typed the Role cell back to Member (the role the row knew). */
    function typedBackOverItsWrite() {
      const { w, key } = stoppedAfterApplying();
      w.chat.roles.set(key, 'ROLE_ASSISTANT_MANAGER');
      w.sheet.type(key, COL.role, 'Member');
      return { w, key };
    }
    /** Bob typed Member since, and his live edit wrote Member and recorded it in the row. */
    const bobRecordedMember = (w: ReturnType<typeof world>, key: string) => {
      w.chat.roles.set(key, 'ROLE_MEMBER');
      w.sheet.type(key, COL.role, 'Member');
      w.sheet.type(key, COL.status, '✓ Member (Bob)');
    };

    /** Resumes the run; what Chat was asked and what the row says then. */
    function resumed(w: ReturnType<typeof world>, key: string) {
      continueRun(w.ports, w.ports.clock.now() + 60_000);
      const cell = (column: number) => String(w.sheet.cell(key, column));
      return {
        requests: w.chat.requests,
        role: cell(COL.role),
        serverRole: cell(COL.serverRole),
        status: cell(COL.status),
      };
    }

    it('writes it as usual when its row still asks for it', () => {
      const { w, key } = stoppedAfterApplying();
      w.chat.roles.set(key, 'ROLE_ASSISTANT_MANAGER');
      const after = resumed(w, key);
      expect(after).toMatchObject({ requests: [], serverRole: 'ROLE_ASSISTANT_MANAGER' });
      expect(after.status).toMatch(/^✓/);
    });

    it('never puts the row back to its older role over a newer write recorded since: Chat is read again', () => {
      const { w, key } = stoppedAfterApplying();
      bobRecordedMember(w, key);
      expect(resumed(w, key)).toMatchObject({
        requests: [`GET ${key}`],
        serverRole: 'ROLE_MEMBER',
        status: '✓ Member (Bob)',
      });
    });

    it('reads Chat again when its Role cell asks for it once more but the row knows of a third role written since', () => {
      const { w, key } = stoppedAfterApplying();
      // Bob made them an Owner and it was recorded; then Carol typed Manager again (waiting for an Apply).
      w.chat.roles.set(key, 'ROLE_MANAGER');
      w.sheet.type(key, COL.serverRole, 'ROLE_MANAGER');
      w.sheet.type(key, COL.status, '⏳ Pending: typed by Carol');
      expect(resumed(w, key)).toMatchObject({
        requests: [`GET ${key}`],
        role: 'Manager',
        serverRole: 'ROLE_MANAGER',
        status: '⏳ Pending: typed by Carol',
      });
    });

    it('clears a warning that Chat may differ once the read shows the row right', () => {
      const { w, key } = stoppedAfterApplying();
      w.sheet.type(key, COL.role, 'Member');
      w.sheet.type(key, COL.status, statusText.unseenElsewhere('bob@example.com', 'ROLE_MEMBER'));
      expect(resumed(w, key)).toMatchObject({ requests: [`GET ${key}`], serverRole: 'ROLE_MEMBER', status: '' });
    });

    it('writes it as usual when Chat does not answer that read: a newer write may repeat once, this one is never lost', () => {
      const { w, key } = typedBackOverItsWrite();
      w.chat.scripted.set(`GET ${key}`, [undefined]);
      expect(resumed(w, key)).toMatchObject({
        requests: [`GET ${key}`],
        role: 'Member',
        serverRole: 'ROLE_ASSISTANT_MANAGER',
      });
    });

    it('tells the row its role in Chat when a Role cell typed back hid it, and the change typed waits', () => {
      const { w, key } = typedBackOverItsWrite();
      expect(resumed(w, key)).toMatchObject({
        requests: [`GET ${key}`],
        serverRole: 'ROLE_ASSISTANT_MANAGER',
        status: statusText.pendingChangedMeanwhile(),
      });
    });
  });

  it('checks a change whose answer was lost before sending it again', () => {
    const w = world();
    const [key] = KEYS as [string];
    // Chat applies the PATCH, but the answer never arrives.
    w.chat.scripted.set(`PATCH ${key}`, [undefined]);
    w.chat.roles.set(key, 'ROLE_ASSISTANT_MANAGER');
    const report = startRun(w.ports, 'apply', changes.slice(0, 1), {}, w.ports.clock.now() + 60_000);
    expect(report.finished).toBe(true);
    expect(w.chat.requests).toEqual([`PATCH ${key}`, `GET ${key}`]);
    expect(report.applied).toBe(1);
  });

  it('does not add a change twice when it is asked for again while still queued in the open run', () => {
    const w = world();
    const start = w.ports.clock.now();
    startRun(w.ports, 'apply', changes, {}, start + 10);
    // The first change went out; the other two are still queued and still pending in the sheet.
    const again = startRun(w.ports, 'apply', changes.slice(1), {}, w.ports.clock.now() + 60_000);
    expect(again.finished).toBe(true);
    expect(w.chat.requests).toEqual(KEYS.map((k) => `PATCH ${k}`));
  });

  it('tells the sidebar how the last run ended, with the whole run’s totals over every execution and its time', () => {
    const w = world();
    w.timeZone = 'Asia/Taipei';
    const [, second] = KEYS as [string, string, string];
    // Chat refuses one change: the run's end counts it as failed.
    w.chat.scripted.set(`PATCH ${second}`, [{ status: 403, body: '{}', retryAfter: undefined }]);
    const start = w.ports.clock.now();
    startRun(w.ports, 'apply', changes, { [SPACE]: 'Launch team' }, start + 1500);
    // While the run is open: its progress, and no end yet.
    const during = myRuns(w.ports);
    expect(during.open?.remaining).toBeGreaterThan(0);
    expect(during.lastEnd).toBeNull();

    continueRun(w.ports, w.ports.clock.now() + 60_000);
    const endedAt = w.ports.clock.now();
    w.ports.clock.sleep(42_000);
    const after = myRuns(w.ports);
    expect(after.open).toBeNull();
    expect(after.lastEnd).toEqual({
      runId: during.open?.runId,
      kind: 'apply',
      applied: 2,
      failed: 1,
      at: zonedTime(endedAt, 'Asia/Taipei'),
      secondsAgo: 42,
    });
  });
});
