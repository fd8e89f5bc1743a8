import { ALICE, BOB, type Harness, rowOfKey, serverRole, sheetValues, startHarness } from '../support/harness';

const ADA = 'ada.admin@example.com';

describe('Workspace-admin mode', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.bundle.simpleTrigger('onOpen');
  });
  afterEach(() => h.stop());

  it('lists every named space of the organisation, busiest first, and searches by name', async () => {
    const all = h.env.sim.as(ADA, () => h.bundle.run('listSpaces', { admin: true })) as { name: string }[];
    expect(all[0]?.name).toBe('spaces/AAAAAllHands');
    expect(all.map((s) => s.name)).toContain('spaces/AAAAFinance');
    expect(all.map((s) => s.name)).not.toContain('spaces/AAAAGroupChat');
    const found = h.env.sim.as(ADA, () => h.bundle.run('listSpaces', { admin: true, query: 'launch' })) as {
      name: string;
    }[];
    expect(found.map((s) => s.name)).toEqual(['spaces/AAAALaunch']);
    const search = (await h.control.requests()).find((r) => r.path === '/v1/spaces:search');
    expect(search?.query).toMatchObject({
      useAdminAccess: 'true',
      orderBy: 'membership_count.joined_direct_human_user_count DESC',
      query: 'customer = "customers/my_customer" AND space_type = "SPACE"',
    });
  });

  it('loads a space the admin is not in, and applies the admin’s own edits with useAdminAccess', async () => {
    h.env.sim.as(ADA, () => {
      h.bundle.run('loadSpace', 'spaces/AAAAFinance', { admin: true });
      h.bundle.run('setLiveEditing', true);
    });
    // People only: the API gives admins ids and types, the names and emails come from the Directory (names.test.ts).
    const rows = sheetValues(h, 'Finance');
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ['Bob Ortiz', 'bob@example.com', 'Person'],
      ['Dan Wu', 'dan@example.com', 'Person'],
    ]);
    const list = (await h.control.requests()).find((r) => r.path === '/v1/spaces/AAAAFinance/members');
    expect(list?.query).toMatchObject({ useAdminAccess: 'true', filter: 'member.type = "HUMAN"' });
    await h.control.clearRequests();
    const dan = rowOfKey(h, 'Finance', 'spaces/AAAAFinance/members/1004');
    h.env.sim.userEdit(ADA, 'Finance', `E${dan}`, 'Owner', { paste: true });
    expect(await serverRole(h, 'spaces/AAAAFinance', 'users/1004')).toBe('ROLE_MANAGER');
    const patch = (await h.control.requests()).find((r) => r.method === 'PATCH');
    expect(patch).toMatchObject({
      query: { updateMask: 'role', useAdminAccess: 'true' },
      principal: 'users/1900',
      status: 200,
    });
    expect(String(h.env.spreadsheet.getSheetByName('Finance')?.getRange(`F${dan}`).getValue())).toMatch(/^✓ Now Owner/);
  });

  it("never applies another editor's edit on an admin sheet, even one who is an Owner of the space", async () => {
    h.env.sim.as(ADA, () => {
      h.bundle.run('loadSpace', 'spaces/AAAAFinance', { admin: true });
      h.bundle.run('setLiveEditing', true);
    });
    await h.control.clearRequests();
    const dan = rowOfKey(h, 'Finance', 'spaces/AAAAFinance/members/1004');
    h.env.sim.userEdit(BOB, 'Finance', `E${dan}`, 'Manager');
    expect(String(h.env.spreadsheet.getSheetByName('Finance')?.getRange(`F${dan}`).getValue())).toMatch(
      /^⏳ Pending: changed by bob@example.com/,
    );
    expect((await h.control.requests()).filter((r) => r.method === 'PATCH')).toEqual([]);
  });

  it('bulk apply from an admin sheet uses admin access', async () => {
    h.env.sim.as(ADA, () => h.bundle.run('loadSpace', 'spaces/AAAAFinance', { admin: true }));
    h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAALaunch'));
    const dan = rowOfKey(h, 'Finance', 'spaces/AAAAFinance/members/1004');
    h.env.sim.userEdit(ADA, 'Finance', `E${dan}`, 'Manager', { paste: true });
    await h.control.clearRequests();
    h.env.sim.ui.answerAlert('YES');
    h.env.sim.as(ADA, () => h.bundle.clickMenu('Apply pending role changes'));
    const patches = (await h.control.requests()).filter((r) => r.method === 'PATCH');
    expect(patches.map((p) => [p.path, p.query.useAdminAccess, p.status])).toEqual([
      ['/v1/spaces/AAAAFinance/members/1004', 'true', 200],
    ]);
  });

  it('tells a non-admin who turns the switch on what Chat answered', () => {
    expect(() => h.env.sim.as(BOB, () => h.bundle.run('listSpaces', { admin: true }))).toThrow(
      /Could not search your organisation's spaces: Google Chat did not allow this with the access used/,
    );
  });
});
