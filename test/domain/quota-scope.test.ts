import { quotaScope } from '../../src/domain/quota-scope';

const quotaError = (limit: string | undefined, message = 'Quota exceeded.') =>
  JSON.stringify({
    error: {
      code: 429,
      status: 'RESOURCE_EXHAUSTED',
      message,
      details:
        limit === undefined
          ? []
          : [
              {
                '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                reason: 'RATE_LIMIT_EXCEEDED',
                domain: 'googleapis.com',
                metadata: { quota_limit: limit, service: 'chat.googleapis.com', consumer: 'projects/123' },
              },
            ],
    },
  });

describe('which quota a 429 names', () => {
  it("reads the ErrorInfo's quota_limit, in either of Google's spellings", () => {
    expect(quotaScope(quotaError('Membership write requests per minute per project'))).toBe('project');
    expect(quotaScope(quotaError('MembershipWriteRequestsPerMinutePerProject'))).toBe('project');
    expect(quotaScope(quotaError('Write requests per second per space'))).toBe('space');
    expect(quotaScope(quotaError('WriteRequestsPerSecondPerSpace'))).toBe('space');
  });

  it('falls back to the message, which names the limit too', () => {
    const message =
      "Quota exceeded for quota metric 'Write requests per space' and limit 'Write requests per second per space' of service 'chat.googleapis.com' for consumer 'project_number:123'.";
    expect(quotaScope(quotaError(undefined, message))).toBe('space');
  });

  it('is unknown when nothing names a limit: no details, no JSON, an empty body', () => {
    expect(quotaScope(quotaError(undefined))).toBe('unknown');
    expect(quotaScope('<html>Too Many Requests</html>')).toBe('unknown');
    expect(quotaScope('')).toBe('unknown');
    expect(quotaScope('{"error":null}')).toBe('unknown');
  });
});
