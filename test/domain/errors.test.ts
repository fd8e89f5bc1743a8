import { parseFailure } from '../../src/domain/api-errors';
import {
  AddonError,
  AppAuthError,
  BusyError,
  ChatApiError,
  isExpected,
  UserError,
  userMessage,
} from '../../src/domain/errors';

describe('one error model', () => {
  it('tells failures apart by class and stable code, not by name strings', () => {
    const errors = [
      new UserError('x'),
      new BusyError(),
      new AppAuthError('y'),
      new ChatApiError(parseFailure(403, '{}'), 'z'),
    ];
    expect(errors.every((e) => e instanceof AddonError && isExpected(e))).toBe(true);
    expect(errors.map((e) => e.code)).toEqual(['USER_INPUT', 'BUSY', 'APP_AUTH', 'CHAT_API']);
    expect(isExpected(new TypeError('bug'))).toBe(false);
  });

  it('gives the same words for a Chat failure in a dialog and in a row Status', () => {
    const failure = parseFailure(403, JSON.stringify({ error: { status: 'PERMISSION_DENIED', message: 'Nope' } }));
    // One sentence for people; the API's own text ("Nope") is not repeated in it.
    expect(userMessage(failure)).toBe('Google Chat did not allow this with the access used');
    expect(userMessage(new ChatApiError(failure, 'list the members'))).toBe(
      'Could not list the members: Google Chat did not allow this with the access used',
    );
  });

  it('shows the message of anything else as it is', () => {
    expect(userMessage(new BusyError())).toBe(
      'Another Chat roles operation is running in this spreadsheet. Try again in a moment.',
    );
    expect(userMessage(new Error('Exception: quota'))).toBe('Exception: quota');
    expect(userMessage('plain text')).toBe('plain text');
  });
});
