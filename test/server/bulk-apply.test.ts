import {
  ALICE,
  BOB,
  type Harness,
  patches,
  rowOf,
  serverRole,
  sheetCalls,
  sheetValues,
  startHarness,
  TOKENS,
} from '../support/harness';

describe('bulk apply (menu)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.bundle.simpleTrigger('onOpen');
    h.env.sim.as(ALICE, () => {
      for (const space of ['spaces/AAAALaunch', 'spaces/AAAADesign', 'spaces/AAAAAllHands'])
        h.bundle.run('loadSpace', space);
    });
  });
  afterEach(() => h.stop());

  /** A person typing without live editing: the change stays in the sheet until bulk apply. */
  const type = (who: string, title: string, member: string, role: string) =>
    h.env.sim.userEdit(who, title, `E${rowOf(h, title, member)}`, role, { paste: true });
  const cell = (title: string, member: string, col: string) =>
    String(
      h.env.spreadsheet
        .getSheetByName(title)
        ?.getRange(`${col}${rowOf(h, title, member)}`)
        .getValue(),
    );

  it('applies pending changes across three spaces after a confirmation that counts them', async () => {
    type(ALICE, 'Launch team', 'carol@example.com', 'Manager');
    type(ALICE, 'Launch team', 'dan@example.com', 'Manager');
    type(ALICE, 'Design reviews', 'dan@example.com', 'Owner');
    type(ALICE, 'All hands', 'employee7@example.com', 'Manager');
    await h.control.clearRequests();
    h.env.sim.ui.answerAlert('YES');
    const result = h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes')) as {
      confirmed: boolean;
      report: { applied: number; failed: number; finished: boolean };
    };
    expect(result).toMatchObject({ confirmed: true, report: { applied: 4, failed: 0, finished: true } });
    const dialog = h.env.sim.ui.dialogs.at(-1);
    expect(dialog?.title).toBe('Apply 4 role changes?');
    // One line per change, with who typed it (no one had live editing on, so the add-on could not see who).
    expect(dialog?.prompt).toContain('• Launch team · Carol Diaz: Member → Manager (typed by someone unknown)');
    expect(dialog?.prompt).toContain('• Launch team · Dan Wu: Member → Manager (typed by someone unknown)');
    expect(dialog?.prompt).toContain('• Design reviews · Dan Wu: Member → Owner (typed by someone unknown)');
    expect(dialog?.prompt).toContain('• All hands · Employee 0007: Member → Manager (typed by someone unknown)');
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1003')).toBe('ROLE_ASSISTANT_MANAGER');
    expect(await serverRole(h, 'spaces/AAAADesign', 'users/1004')).toBe('ROLE_MANAGER');
    expect(await serverRole(h, 'spaces/AAAAAllHands', 'users/5006')).toBe('ROLE_ASSISTANT_MANAGER');
    expect(cell('Design reviews', 'dan@example.com', 'F')).toMatch(/^✓ Now Owner/);
    const applied = (await patches(h)).filter((p) => p.status === 200);
    expect(applied).toHaveLength(4);
    expect(h.env.sim.ui.toasts.at(-1)?.message).toMatch(/Applied 4, failed 0/);
  });

  it('tells the sidebar how the person’s last run ended (totals and time), and no one else', () => {
    type(ALICE, 'Launch team', 'carol@example.com', 'Manager');
    type(ALICE, 'Launch team', 'dan@example.com', 'Manager');
    const reading = (who: string) =>
      h.env.sim.as(who, () => h.bundle.run('getBulkProgress')) as {
        open: unknown;
        lastEnd: { runId: string; kind: string; applied: number; failed: number; at: string } | null;
      };
    expect(reading(ALICE)).toEqual({ open: null, lastEnd: null });
    h.env.sim.ui.answerAlert('YES');
    const result = h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes')) as {
      report: { runId: string };
    };
    expect(reading(ALICE)).toEqual({
      open: null,
      lastEnd: {
        runId: result.report.runId,
        kind: 'apply',
        applied: 2,
        failed: 0,
        at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d GMT/),
        secondsAgo: expect.any(Number),
      },
    });
    // Kept in Alice's own user properties: Bob's sidebar does not tell of her run.
    expect(reading(BOB).lastEnd).toBeNull();
  });

  it('changes nothing when the person answers No', async () => {
    type(ALICE, 'Launch team', 'carol@example.com', 'Manager');
    await h.control.clearRequests();
    h.env.sim.ui.answerAlert('NO');
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes'));
    expect(await patches(h)).toEqual([]);
    expect(cell('Launch team', 'carol@example.com', 'E')).toBe('Manager');
  });

  it('says so when nothing is pending', () => {
    h.env.sim.ui.answerAlert('OK');
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes'));
    expect(h.env.sim.ui.dialogs.at(-1)?.prompt).toBe('There are no pending role changes.');
  });

  it('puts back rows that cannot be applied, with the reason, and applies the rest', async () => {
    type(ALICE, 'Launch team', 'carol@example.com', 'Boss');
    type(ALICE, 'Launch team', 'dan@example.com', 'Manager');
    h.env.sim.ui.answerAlert('YES');
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes'));
    expect(h.env.sim.ui.dialogs.at(-1)?.prompt).toMatch(/1 row can't be applied/);
    expect(cell('Launch team', 'carol@example.com', 'E')).toBe('Member');
    expect(cell('Launch team', 'carol@example.com', 'F')).toMatch(/"Boss" is not a role/);
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1004')).toBe('ROLE_ASSISTANT_MANAGER');
  });

  it('retries 429 and 5xx with backoff until the server state equals the sheet', async () => {
    const members = Array.from({ length: 12 }, (_, i) => `employee${i + 1}@example.com`);
    for (const m of members) type(ALICE, 'All hands', m, 'Manager');
    await h.control.config({ faults: { rate: 0.3, statuses: [429, 500, 503], seed: 7, mode: 'either' } });
    await h.control.clearRequests();
    await h.control.clearRequests();
    h.env.sim.ui.answerAlert('YES');
    const result = h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes')) as {
      report: { applied: number; retries: number };
    };
    expect(result.report.applied).toBe(12);
    expect(result.report.retries).toBeGreaterThan(0);
    const state = await h.control.state();
    const space = state.spaces.find((s) => s.name === 'spaces/AAAAAllHands');
    expect(space?.memberships.filter((m) => m.role === 'ROLE_ASSISTANT_MANAGER')).toHaveLength(12);
    const rows = sheetValues(h, 'All hands').filter((r) => members.includes(r[1] as string));
    expect(rows.every((r) => r[4] === 'Manager' && r[5]?.startsWith('✓') && r[7] === 'ROLE_ASSISTANT_MANAGER')).toBe(
      true,
    );
    // Applied exactly once: a PATCH that took effect (200, or a fault injected after applying it) is never sent
    // again, because after a lost answer the member is read back before any new PATCH.
    const effective = (await patches(h)).filter((p) => p.status === 200 || p.fault === 'after');
    expect(effective).toHaveLength(12);
    expect(new Set(effective.map((p) => p.path)).size).toBe(12);
  });

  it('uses the person who applies, never the author of the edit, and applies pending edits of others in their name', async () => {
    type(BOB, 'Launch team', 'dan@example.com', 'Manager');
    await h.control.clearRequests();
    h.env.sim.ui.answerAlert('YES');
    h.env.sim.as(BOB, () => h.bundle.clickMenu('Apply pending role changes'));
    expect((await patches(h)).map((p) => p.principal)).toEqual(['users/1002']);
  });

  it('costs sheet calls that grow with the run’s duration only: a Status round of four calls every 10 s, never a call per change (issue 13 bug 5)', async () => {
    const measure = (n: number, offset: number) => {
      for (let i = 0; i < n; i++) type(ALICE, 'All hands', `employee${offset + i + 1}@example.com`, 'Manager');
      h.env.sim.resetCalls();
      h.env.sim.ui.answerAlert('YES');
      h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes'));
      return { calls: sheetCalls(h), rounds: h.env.sim.totalCalls('RangeList.setValue') };
    };
    measure(1, 200); // the first run also creates the Audit sheet
    const few = measure(12, 0);
    const many = measure(40, 100);
    // All hands takes about one write a second: 40 changes are about 42 s, so at most one round per 10 s of them.
    expect(many.rounds).toBeGreaterThan(few.rounds);
    expect(many.rounds).toBeLessThanOrEqual(Math.ceil((40 * 1.05) / 10));
    // Each round: the Role to key columns read (getRange, getValues), one RangeList write (getRangeList, setValue).
    expect(many.calls - few.calls).toBe(4 * (many.rounds - few.rounds));
  });

  it('writes an Audit row per attempted change and can undo the run', async () => {
    type(ALICE, 'Launch team', 'carol@example.com', 'Owner');
    type(ALICE, 'Launch team', 'alice@example.com', 'Member');
    h.env.sim.ui.answerAlert('YES');
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes'));
    // Carol was promoted before Alice was demoted, so the space always had an Owner.
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1003')).toBe('ROLE_MANAGER');
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1001')).toBe('ROLE_MEMBER');
    const audit = sheetValues(h, 'Audit');
    expect(audit[0]).toEqual([
      'Time',
      'Who',
      'Space',
      'Member',
      'Membership',
      'Old role',
      'New role',
      'Result',
      'Error status',
      'Error message',
      'Run id',
    ]);
    expect(audit.slice(1).map((r) => [r[1], r[2], r[3], r[5], r[6], r[7]])).toEqual(
      expect.arrayContaining([
        ['alice@example.com', 'Launch team', 'Carol Diaz', 'Member', 'Owner', 'applied'],
        ['alice@example.com', 'Launch team', 'Alice Ng', 'Owner', 'Member', 'applied'],
      ]),
    );
    const runId = audit[1]?.[10];
    expect(
      audit.slice(1).every((r) => r[10] === runId && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT/.test(r[0] as string)),
    ).toBe(true);

    // Undo belongs to the person who ran it. Alice is a Member now, so Chat refuses to let her promote herself
    // back; Carol's demotion is refused for the same reason. The refusals are audited and shown, nothing is lost.
    h.env.sim.ui.answerAlert('YES');
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Undo last bulk apply'));
    expect(h.env.sim.ui.dialogs.at(-1)?.title).toBe('Undo 2 changes from your last bulk apply?');
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1003')).toBe('ROLE_MANAGER');
    expect(cell('Launch team', 'carol@example.com', 'F')).toMatch(
      /^✗ Failed: Google Chat did not allow this with the access used/,
    );
    expect(sheetValues(h, 'Audit').filter((r) => r[7] === 'failed')).toHaveLength(2);
  });

  it('undoes the last bulk apply, newest change first', async () => {
    type(ALICE, 'Launch team', 'carol@example.com', 'Manager');
    type(ALICE, 'Design reviews', 'dan@example.com', 'Owner');
    h.env.sim.ui.answerAlert('YES');
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes'));
    expect(await serverRole(h, 'spaces/AAAADesign', 'users/1004')).toBe('ROLE_MANAGER');
    h.env.sim.ui.answerAlert('YES');
    const undo = h.env.sim.as(ALICE, () => h.bundle.clickMenu('Undo last bulk apply')) as {
      report: { applied: number };
    };
    expect(undo.report.applied).toBe(2);
    expect(await serverRole(h, 'spaces/AAAALaunch', 'users/1003')).toBe('ROLE_MEMBER');
    expect(await serverRole(h, 'spaces/AAAADesign', 'users/1004')).toBe('ROLE_MEMBER');
    expect(cell('Design reviews', 'dan@example.com', 'E')).toBe('Member');
    // The undo is itself audited, under a run id of its own.
    const audit = sheetValues(h, 'Audit').slice(1);
    expect(audit).toHaveLength(4);
    expect(new Set(audit.map((r) => r[10])).size).toBe(2);
  });

  it('writes a dry-run Preview without calling Chat', async () => {
    type(ALICE, 'Launch team', 'carol@example.com', 'Owner');
    type(ALICE, 'Launch team', 'dan@example.com', 'Chief');
    await h.control.clearRequests();
    const r = h.env.sim.as(ALICE, () => h.bundle.clickMenu('Preview pending changes (dry run)'));
    expect(r).toMatchObject({ changes: 1, refused: 1, sheetName: 'Preview' });
    const preview = sheetValues(h, 'Preview');
    expect(preview.slice(1)).toEqual([
      ['Launch team', 'Carol Diaz', 'spaces/AAAALaunch/members/1003', 'Member', 'Owner', 'Will apply'],
      [
        'Launch team',
        'Dan Wu',
        'spaces/AAAALaunch/members/1004',
        'Member',
        'Chief',
        'Will be refused: "Chief" is not a role: use Member, Manager or Owner',
      ],
    ]);
    expect(await h.control.requests()).toEqual([]);
  });

  it('never lets a token reach a cell, note, property, log, toast or dialog', () => {
    type(ALICE, 'Launch team', 'carol@example.com', 'Manager');
    h.env.sim.ui.answerAlert('YES');
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes'));
    h.env.sim.as(ALICE, () => h.bundle.clickMenu('Refresh members'));
    const everything = h.env.recorded();
    expect(everything.length).toBeGreaterThan(100);
    for (const token of TOKENS) expect(everything.filter((s) => s.includes(token))).toEqual([]);
  });
});

describe('the Audit sheet', () => {
  it('is created at the end without taking the person away from their member sheet', async () => {
    const h = await startHarness();
    try {
      h.bundle.simpleTrigger('onOpen');
      h.env.sim.as(ALICE, () => h.bundle.run('loadSpace', 'spaces/AAAALaunch'));
      h.env.sim.userEdit(ALICE, 'Launch team', `E${rowOf(h, 'Launch team', 'carol@example.com')}`, 'Manager', {
        paste: true,
      });
      h.env.sim.ui.answerAlert('YES');
      h.env.sim.as(ALICE, () => h.bundle.clickMenu('Apply pending role changes'));
      expect(h.env.spreadsheet.getActiveSheet().getName()).toBe('Launch team');
      expect(
        h.env.spreadsheet
          .getSheets()
          .map((s) => s.getName())
          .at(-1),
      ).toBe('Audit');
    } finally {
      await h.stop();
    }
  });
});
