/**
 * The OAuth 2.0 token endpoint for service accounts (what `POST https://oauth2.googleapis.com/token` does with the
 * JWT bearer grant, RFC 7523): verifies an RS256 JWT signed with an app's service-account key and issues an opaque,
 * expiring access token that authenticates the app (app authentication) on the Chat API.
 */

import { verify } from 'node:crypto';
import { OAuthError } from './errors';
import type { ChatRequest, Services } from './router';
import type { Principal } from './state';

export const TOKEN_PATH = '/token';
/** The only `aud` Google accepts for this grant, whatever host the request was actually sent to. */
export const TOKEN_AUDIENCE = 'https://oauth2.googleapis.com/token';
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Google's rule: an assertion may be valid for at most one hour (`exp - iat <= 3600`). */
export const MAX_ASSERTION_SECONDS = 3600;
/** Clock difference tolerated between the client that signed the JWT and the emulator (see ASSUMPTIONS.md). */
export const CLOCK_SKEW_SECONDS = 300;

const SCOPE_URL = /^https:\/\/www\.googleapis\.com\/auth\/[A-Za-z0-9._-]+$/;
const TIMEFRAME =
  'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.';

const invalidGrant = (description: string) => new OAuthError(400, 'invalid_grant', description);

interface Jwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

/** The form (or JSON) parameters of a token request. */
export function tokenParams(req: Pick<ChatRequest, 'body' | 'contentType'>): URLSearchParams {
  if (/application\/json/i.test(req.contentType ?? '')) {
    try {
      const parsed = JSON.parse(req.body) as unknown;
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        return new URLSearchParams(
          Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
        );
      }
    } catch {
      // Falls through to an empty parameter set: the grant_type check answers.
    }
    return new URLSearchParams();
  }
  return new URLSearchParams(req.body);
}

function decodeSegment(segment: string): Record<string, unknown> {
  const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
  return value as Record<string, unknown>;
}

function parseJwt(assertion: string): Jwt {
  const parts = assertion.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) {
    throw invalidGrant('Invalid JWT: the assertion must be three base64url segments (header.claims.signature).');
  }
  const [header, claims, signature] = parts as [string, string, string];
  try {
    return {
      header: decodeSegment(header),
      claims: decodeSegment(claims),
      signingInput: `${header}.${claims}`,
      signature: Buffer.from(signature, 'base64url'),
    };
  } catch {
    throw invalidGrant('Invalid JWT: the header and claim set must be base64url-encoded JSON objects.');
  }
}

/**
 * Handles `POST /token`. Check order: grant_type → assertion present → JWT syntax → `iss` names a known service
 * account → RS256 signature → `aud` → `iat`/`exp` → `sub` (domain-wide delegation, not modelled) → `scope`.
 */
export function handleToken(services: Services, req: ChatRequest, seen: { principal?: Principal }): unknown {
  if (req.method !== 'POST') throw new OAuthError(400, 'invalid_request', 'The token endpoint only accepts POST.');
  const params = tokenParams(req);
  const grantType = params.get('grant_type') ?? '';
  if (grantType !== JWT_BEARER_GRANT) {
    throw new OAuthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType}`);
  }
  const assertion = params.get('assertion');
  if (!assertion) throw new OAuthError(400, 'invalid_request', 'Missing required parameter: assertion');
  const jwt = parseJwt(assertion);
  const { claims } = jwt;

  const iss = claims.iss;
  const app = typeof iss === 'string' ? services.state.appByServiceAccount(iss) : undefined;
  if (!app) throw invalidGrant('Invalid grant: account not found');

  const signed =
    jwt.header.alg === 'RS256' && verify('RSA-SHA256', Buffer.from(jwt.signingInput), app.publicKey, jwt.signature);
  if (!signed) throw invalidGrant('Invalid JWT Signature.');

  if (claims.aud !== TOKEN_AUDIENCE) {
    throw invalidGrant(`Invalid JWT: Failed audience check. The right audience is ${TOKEN_AUDIENCE}`);
  }

  const { iat, exp } = claims;
  const wallNow = Date.now() / 1000;
  if (
    typeof iat !== 'number' ||
    typeof exp !== 'number' ||
    !Number.isFinite(iat) ||
    !Number.isFinite(exp) ||
    exp <= iat ||
    exp - iat > MAX_ASSERTION_SECONDS ||
    iat > wallNow + CLOCK_SKEW_SECONDS ||
    exp < wallNow - CLOCK_SKEW_SECONDS
  ) {
    throw invalidGrant(TIMEFRAME);
  }

  if (claims.sub !== undefined && claims.sub !== iss) {
    throw new OAuthError(
      401,
      'unauthorized_client',
      'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
    );
  }

  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
  if (scopes.length === 0) throw new OAuthError(400, 'invalid_scope', 'Empty or missing scope not allowed.');
  if (!scopes.every((s) => SCOPE_URL.test(s))) {
    throw new OAuthError(400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
  }

  const lifetime = services.tokenLifetimeSeconds;
  const now = services.now();
  const accessToken = services.state.issueAppToken(app, scopes, now + lifetime, now);
  const issued = services.state.principal(accessToken, now);
  if (issued) seen.principal = issued;
  return { access_token: accessToken, expires_in: lifetime, token_type: 'Bearer' };
}
