import { type Harness, startHarness } from '../support/harness';

describe('add-on menu', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  it.each(['NONE', 'LIMITED'] as const)(
    'is built by onOpen in AuthMode.%s, touching nothing that needs authorization',
    (mode) => {
      h.bundle.simpleTrigger('onOpen', { authMode: mode }, { authMode: mode });
      expect(h.env.sim.ui.menuItems().map((m) => m.caption)).toEqual([
        'Open sidebar',
        'Apply pending role changes',
        'Preview pending changes (dry run)',
        'Undo last bulk apply',
        'Resume bulk apply',
        'Refresh members',
        'Check setup',
        'Turn live editing on/off',
      ]);
      expect(h.env.calls['UrlFetchApp.fetch'] ?? 0).toBe(0);
    },
  );

  it('is built by onInstall too', () => {
    h.bundle.simpleTrigger('onInstall');
    expect(h.env.sim.ui.menuItems()).toHaveLength(8);
  });

  it('opens the built sidebar, titled, from the menu', () => {
    h.bundle.simpleTrigger('onOpen');
    h.bundle.clickMenu('Open sidebar');
    const sidebar = h.env.sim.ui.sidebars.at(-1);
    expect(sidebar?.title).toBe('Chat space roles');
    expect(sidebar?.content).toContain('google.script.run');
  });
});
