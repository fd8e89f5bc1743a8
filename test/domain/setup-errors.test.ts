import { parseFailure, plainReason } from '../../src/domain/api-errors';
import { SETUP_WORDS, setupProblem } from '../../src/domain/setup-errors';

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
      expect(plainReason(failure)).toBe(SETUP_WORDS[problem]);
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
    expect(plainReason(refusal)).toBe(
      "you don't have permission: A space manager cannot make another member an owner.",
    );
  });

  it('says what to do and where in one sentence, without any URL', () => {
    for (const words of Object.values(SETUP_WORDS)) {
      expect(words).not.toMatch(/https?:/);
      expect(words).toMatch(/console|Extensions|Act as Workspace admin/);
    }
  });
});

type SetupProblemCase = keyof typeof SETUP_WORDS;
