import { parseFailure, plainReason } from '../../src/domain/api-errors';
import { en } from '../../src/domain/messages/en';
import { setupProblem } from '../../src/domain/setup-errors';

const body = (status: string, message: string, reason?: string) =>
  JSON.stringify({
    error: {
      status,
      message,
      ...(reason ? { details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'x' }] } : {}),
    },
  });

describe('setup errors', () => {
  it('recognises each setup problem from what Google answers', () => {
    const cases: [number, string, SetupProblemCase][] = [
      [
        403,
        body('PERMISSION_DENIED', 'Google Chat API has not been used in project 1', 'SERVICE_DISABLED'),
        'api-disabled',
      ],
      [404, body('NOT_FOUND', 'Google Chat app not found. To create a Chat app, …'), 'app-not-configured'],
      [
        403,
        body('PERMISSION_DENIED', 'Request had insufficient scopes.', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT'),
        'scope-missing',
      ],
      [403, body('PERMISSION_DENIED', 'The caller does not have permission to use administrator access.'), 'not-admin'],
      [
        403,
        body('PERMISSION_DENIED', 'The Chat app x has not been approved', 'APP_NOT_APPROVED_BY_ADMIN'),
        'app-not-approved',
      ],
    ];
    for (const [status, text, problem] of cases) {
      const failure = parseFailure(status, text);
      expect(setupProblem(failure)).toBe(problem);
      expect(plainReason(failure)).toBe(en.setup[problem]);
    }
  });

  it('leaves ordinary refusals with their usual meaning', () => {
    expect(setupProblem(parseFailure(404, body('NOT_FOUND', 'Membership not found')))).toBeUndefined();
    expect(plainReason(parseFailure(404, body('NOT_FOUND', 'Membership not found')))).toMatch(/member may have left/);
    const refusal = parseFailure(
      403,
      body('PERMISSION_DENIED', 'A space manager cannot make another member an owner.'),
    );
    expect(setupProblem(refusal)).toBeUndefined();
    // One sentence, without the API's own English text (the Audit sheet keeps that).
    expect(plainReason(refusal)).toBe('Google Chat did not allow this with the access used');
  });

  it('says what to do and where in one sentence, without any URL', () => {
    for (const words of Object.values(en.setup)) {
      expect(words).not.toMatch(/https?:/);
      expect(words).toMatch(/console|Extensions|Act as Workspace admin/);
    }
  });
});

type SetupProblemCase = keyof typeof en.setup;
