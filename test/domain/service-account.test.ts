import { generateKeyPairSync } from 'node:crypto';
import {
  base64UrlFromBytes,
  base64UrlFromText,
  parseServiceAccountKey,
  unsignedAssertion,
} from '../../src/domain/service-account';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const keyFile = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: 'service_account',
    client_email: 'roles-app@demo.iam.gserviceaccount.com',
    private_key: pem,
    token_uri: 'https://oauth2.googleapis.com/token',
    ...over,
  });

describe('service-account key files', () => {
  it('accepts a key file as the Cloud console gives it', () => {
    expect(parseServiceAccountKey(keyFile())).toEqual({
      ok: true,
      key: { clientEmail: 'roles-app@demo.iam.gserviceaccount.com', privateKey: pem },
    });
  });

  it.each([
    ['', /Paste the JSON key file/],
    ['{not json', /not a JSON key file/],
    ['[1,2]', /not a JSON key file/],
    [keyFile({ type: 'authorized_user' }), /for a service account/],
    [keyFile({ client_email: 'someone@gmail.com' }), /client_email/],
    [keyFile({ private_key: '-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----\n' }), /private_key/],
    [keyFile({ token_uri: 'https://evil.example/token' }), /token_uri/],
  ])('refuses %#, without echoing the key', (text, reason) => {
    const parsed = parseServiceAccountKey(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason).toMatch(reason);
      expect(parsed.reason).not.toContain(pem.split('\n')[1]);
      expect(parsed.reason).not.toContain('abc');
    }
  });
});

describe('JWT encoding', () => {
  it('matches Node’s base64url for text and for signed bytes', () => {
    for (const text of ['', 'a', 'ab', 'abc', '{"alg":"RS256"}', 'é ☃ 𝄞']) {
      expect(base64UrlFromText(text)).toBe(Buffer.from(text, 'utf8').toString('base64url'));
    }
    const bytes = [-1, -128, 0, 127, 64, -3, 250 - 256];
    expect(base64UrlFromBytes(bytes)).toBe(Buffer.from(bytes.map((b) => b & 0xff)).toString('base64url'));
  });

  it('asks for chat.app.memberships at Google’s token endpoint for one hour', () => {
    const [header, claims] = unsignedAssertion('roles-app@demo.iam.gserviceaccount.com', 1_700_000_000).split('.');
    expect(JSON.parse(Buffer.from(header as string, 'base64url').toString())).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(claims as string, 'base64url').toString())).toEqual({
      iss: 'roles-app@demo.iam.gserviceaccount.com',
      scope: 'https://www.googleapis.com/auth/chat.app.memberships',
      aud: 'https://oauth2.googleapis.com/token',
      iat: 1_700_000_000,
      exp: 1_700_003_600,
    });
  });
});
