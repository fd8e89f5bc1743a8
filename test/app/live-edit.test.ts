import { handleRoleEdit, type RoleEdit } from '../../src/app/live-edit';
import { COL, HEADER_ROWS } from '../../src/domain/member-row';
import type { ApiRole } from '../../src/domain/roles';
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
