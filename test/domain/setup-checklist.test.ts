import { en } from '../../src/domain/messages/en';
import { checklistText, type SetupFacts, setupChecklist } from '../../src/domain/setup-checklist';

const ok = { status: 200, body: '{}' };
const error = (status: number, rpc: string, message: string, reason?: string) => ({
  status,
  body: JSON.stringify({
    error: {
      status: rpc,
      message,
      ...(reason ? { details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason }] } : {}),
    },
  }),
});
const base: SetupFacts = {
  authorizationRequired: false,
  userProbe: ok,
  admin: { on: false },
  app: { stored: false },
  liveEditing: false,
};
const marks = (facts: Partial<SetupFacts>) =>
  Object.fromEntries(setupChecklist({ ...base, ...facts }).map((l) => [l.id, [l.mark, l.detail]]));

describe('Check setup checklist', () => {
  it('all set up: ✓ for what was checked, – with the reason for what does not apply', () => {
    expect(marks({})).toEqual({
      permissions: ['ok', ''],
      api: ['ok', ''],
      'chat-app': ['ok', ''],
      admin: ['skipped', en.check.adminOff],
      'app-key': ['skipped', en.check.noKey],
      'live-editing': ['skipped', en.check.liveOff],
    });
    expect(checklistText(setupChecklist(base)).at(-1)).toBe('Everything checked is set up.');
  });

  it('the API turned off, or no Chat app: ✗ with the fix on the right line', () => {
    const disabled = marks({ userProbe: error(403, 'PERMISSION_DENIED', 'disabled', 'SERVICE_DISABLED') });
    expect(disabled.api).toEqual(['failed', en.setup['api-disabled']]);
    expect(disabled['chat-app']?.[0]).toBe('skipped');
    const noApp = marks({ userProbe: error(404, 'NOT_FOUND', 'Google Chat app not found. To create…') });
    expect(noApp.api).toEqual(['ok', '']);
    expect(noApp['chat-app']).toEqual(['failed', en.setup['app-not-configured']]);
    expect(marks({ userProbe: undefined }).api).toEqual(['failed', en.check.unreachable]);
  });

  it('permissions not granted: ✗, and an on live-editing trigger needs authorising again too', () => {
    const facts = marks({ authorizationRequired: true, liveEditing: true });
    expect(facts.permissions).toEqual(['failed', en.check.reauthorize]);
    expect(facts['live-editing']).toEqual(['failed', en.check.liveReauthorize]);
    expect(
      marks({ userProbe: error(403, 'PERMISSION_DENIED', 'x', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT') }).permissions?.[0],
    ).toBe('failed');
    expect(marks({ liveEditing: true })['live-editing']).toEqual(['ok', '']);
  });

  it('admin mode: ✓ with the privilege, ✗ with who grants it otherwise', () => {
    expect(marks({ admin: { on: true, probe: ok } }).admin).toEqual(['ok', '']);
    expect(
      marks({ admin: { on: true, probe: error(403, 'PERMISSION_DENIED', 'use administrator access') } }).admin,
    ).toEqual(['failed', en.setup['not-admin']]);
  });

  it('a stored key: sign-in refused, not approved, or fine', () => {
    expect(marks({ app: { stored: true, signInError: 'Invalid JWT Signature.' } })['app-key']).toEqual([
      'failed',
      'the Chat app could not sign in: Invalid JWT Signature.',
    ]);
    const unapproved = error(403, 'PERMISSION_DENIED', 'not approved', 'APP_NOT_APPROVED_BY_ADMIN');
    expect(marks({ app: { stored: true, probe: unapproved } })['app-key']).toEqual([
      'failed',
      en.setup['app-not-approved'],
    ]);
    // The probe's space is one no app created: "not found" there means the app got past approval.
    expect(marks({ app: { stored: true, probe: error(404, 'NOT_FOUND', 'Space not found') } })['app-key']).toEqual([
      'ok',
      '',
    ]);
  });

  it('reads as a dialog: one line per check, and how many things to fix', () => {
    const text = checklistText(setupChecklist({ ...base, authorizationRequired: true }));
    expect(text[0]).toBe(`✗ Permissions granted to the add-on: ${en.check.reauthorize}`);
    expect(text[1]).toBe('✓ Google Chat API reachable and turned on');
    expect(text.at(-1)).toBe('1 thing to fix.');
  });
});
