import { handleRoleEdit, type RoleEdit } from '../../src/app/live-edit';
import { COL, HEADER_ROWS } from '../../src/domain/member-row';
import type { ApiRole } from '../../src/domain/roles';
import type { RunJob, RunState } from '../../src/domain/run-state';
import { statusText } from '../../src/domain/status';
import { memoryWorld } from './memory-ports';

const ALICE = 'alice@example.com';
const SPACE = 'spaces/AAAA';
const meta = { space: SPACE, spaceType: 'SPACE', title: 'Launch team', access: 'user' as const };
const roles = () =>
  new Map<string, ApiRole>([
    [`${SPACE}/members/1`, 'ROLE_MANAGER'],
    [`${SPACE}/members/2`, 'ROLE_MEMBER'],
  ]);

function roleEditOf(world: ReturnType<typeof memoryWorld>, key: string, editor: string): RoleEdit {
  const row = HEADER_ROWS + 1 + world.sheet.values.findIndex((r) => r[COL.key - 1] === key);
  return { target: world.sheet, top: row, bottom: row, left: COL.role, right: COL.role, editor, oldValue: undefined };
}

describe('live edit (use case on in-memory ports)', () => {
  it("applies the owner's own edit at once, and audits it", () => {
    const world = memoryWorld(ALICE, meta, roles());
    const key = `${SPACE}/members/2`;
    world.sheet.type(key, COL.role, 'Manager');
    handleRoleEdit(roleEditOf(world, key, 'Alice@Example.com'), world.ports);
    expect(world.chat.requests).toEqual([`PATCH ${key}`]);
    expect(world.chat.roles.get(key)).toBe('ROLE_ASSISTANT_MANAGER');
    expect(String(world.sheet.cell(key, COL.status))).toMatch(/^✓/);
    expect(world.audit.map((r) => [r[4], r[7]])).toEqual([[key, 'applied']]);
  });

  it('leaves an edit by another editor pending, with nothing sent to Chat', () => {
    const world = memoryWorld(ALICE, meta, roles());
    const key = `${SPACE}/members/2`;
    world.sheet.type(key, COL.role, 'Owner');
    handleRoleEdit(roleEditOf(world, key, 'bob@example.com'), world.ports);
    expect(world.chat.requests).toEqual([]);
    expect(world.sheet.cell(key, COL.role)).toBe('Owner');
    expect(world.sheet.cell(key, COL.status)).toBe(statusText.pendingOtherEditor('bob@example.com'));
    expect(world.audit).toEqual([]);
  });

  it('leaves an edit alone when its editor has live editing on (their own trigger handles it)', () => {
    const world = memoryWorld(ALICE, meta, roles());
    world.liveEditors.add('bob@example.com');
    const key = `${SPACE}/members/2`;
    world.sheet.type(key, COL.role, 'Owner');
    handleRoleEdit(roleEditOf(world, key, 'bob@example.com'), world.ports);
    expect(world.chat.requests).toEqual([]);
    expect(world.sheet.cell(key, COL.status)).toBe('');
  });
});

describe("live edit of a member someone else's interrupted run may have changed", () => {
  const BOB = 'bob@example.com';
  const key = `${SPACE}/members/2`;
  /**
   * Bob's bulk run sent "Member → to" for members/2 and its execution ended before the answer (`landed`: it did), or
   * (`applied`) it read the answer but has not written it to the row yet.
   */
  function withBobsUnseenWrite(to: ApiRole, landed: boolean, state: 'inflight' | 'applied' = 'inflight') {
    const world = memoryWorld(ALICE, meta, roles());
    const run: RunState = {
      runId: 'bob-run',
      kind: 'apply',
      user: BOB,
      startedAt: '2026-12-06T10:00:00.000Z',
      titles: {},
      jobs: [
        {
          access: 'user',
          index: 1,
          key,
          space: SPACE,
          who: key,
          from: 'ROLE_MEMBER',
          to,
          attempts: 1,
          state,
        },
      ],
    };
    world.runs.set(BOB, run);
    if (landed) world.chat.roles.set(key, to);
    return world;
  }

  it('reads the membership first and does not write the same role a second time', () => {
    const world = withBobsUnseenWrite('ROLE_ASSISTANT_MANAGER', true);
    world.sheet.type(key, COL.role, 'Manager');
    handleRoleEdit(roleEditOf(world, key, ALICE), world.ports);
    expect(world.chat.requests).toEqual([`GET ${key}`]);
    expect(world.sheet.cell(key, COL.serverRole)).toBe('ROLE_ASSISTANT_MANAGER');
    expect(String(world.sheet.cell(key, COL.status))).toMatch(/^✓/);
  });

  it('reads it first too when that run has the answer but has not written it to the row yet', () => {
    const world = withBobsUnseenWrite('ROLE_ASSISTANT_MANAGER', true, 'applied');
    world.sheet.type(key, COL.role, 'Manager');
    handleRoleEdit(roleEditOf(world, key, ALICE), world.ports);
    expect(world.chat.requests).toEqual([`GET ${key}`]);
    expect(String(world.sheet.cell(key, COL.status))).toMatch(/^✓/);
  });

  it('writes it after the read when that run’s write did not land', () => {
    const world = withBobsUnseenWrite('ROLE_ASSISTANT_MANAGER', false);
    world.sheet.type(key, COL.role, 'Manager');
    handleRoleEdit(roleEditOf(world, key, ALICE), world.ports);
    expect(world.chat.requests).toEqual([`GET ${key}`, `PATCH ${key}`]);
    expect(world.chat.roles.get(key)).toBe('ROLE_ASSISTANT_MANAGER');
    expect(String(world.sheet.cell(key, COL.status))).toMatch(/^✓/);
  });

  it('sends nothing for a cell typed back to the role the row knows, and says Chat may differ until that run goes on', () => {
    const world = withBobsUnseenWrite('ROLE_ASSISTANT_MANAGER', true);
    world.sheet.type(key, COL.role, 'Member');
    handleRoleEdit(roleEditOf(world, key, ALICE), world.ports);
    expect(world.chat.requests).toEqual([]);
    expect(world.sheet.cell(key, COL.status)).toBe(statusText.unseenElsewhere(BOB, 'ROLE_MEMBER'));
    // Once that run writes Manager to the row, Member waits for an Apply, whose confirmation names who typed it.
    expect(world.sheet.records.get(key)).toEqual({ role: 'ROLE_MEMBER', by: ALICE });
  });

  it('records nobody as typing for a row whose hidden key was pasted from elsewhere (its seal does not vouch for it)', () => {
    const world = withBobsUnseenWrite('ROLE_ASSISTANT_MANAGER', true);
    const forged = `${SPACE}/members/9`;
    world.runs.get(BOB)?.jobs.push({ ...(world.runs.get(BOB)?.jobs[0] as RunJob), key: forged, index: 9 });
    // A co-editor writes members/9 into the hidden key cell of members/1's row; Alice types its Role cell as it was.
    world.sheet.type(`${SPACE}/members/1`, COL.key, forged);
    handleRoleEdit(roleEditOf(world, forged, ALICE), world.ports);
    expect(world.chat.requests).toEqual([]);
    expect(world.sheet.records.has(forged)).toBe(false);
    expect(world.sheet.cell(forged, COL.status)).not.toBe(statusText.unseenElsewhere(BOB, 'ROLE_MANAGER'));
  });

  it('writes another role at once: the newest edit wins, and that run will find it changed', () => {
    const world = withBobsUnseenWrite('ROLE_MANAGER', true);
    world.sheet.type(key, COL.role, 'Manager');
    handleRoleEdit(roleEditOf(world, key, ALICE), world.ports);
    expect(world.chat.requests).toEqual([`PATCH ${key}`]);
    expect(world.chat.roles.get(key)).toBe('ROLE_ASSISTANT_MANAGER');
  });
});
