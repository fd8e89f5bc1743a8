/**
 * App authentication: the Chat app's service account signs a JWT (Utilities.computeRsaSha256Signature) and trades it
 * at Google's token endpoint for a token with chat.app.memberships, which works only in spaces the app created.
 *
 * The key is kept in the user properties of the person who pasted it (an add-on's script properties would be
 * shared by every user of the add-on in every spreadsheet), is never shown back or logged, and is used only by that
 * person's own executions. The short-lived token is cached in that person's user cache until shortly before expiry.
 */

import { AppAuthError } from '../domain/errors';
import { words } from '../domain/messages';
import {
  base64UrlFromBytes,
  GOOGLE_TOKEN_URL,
  parseServiceAccountKey,
  type ServiceAccountKey,
  unsignedAssertion,
} from '../domain/service-account';
import type { Clock } from './clock';
import { fetchOne } from './http';

const KEY_PROPERTY = 'serviceAccountKey';
const TOKEN_CACHE_KEY = 'appAccessToken';
/** Renew a token this long before it expires, so a request never starts with a token about to lapse. */
const RENEW_BEFORE_SECONDS = 300;

function storedKey(): ServiceAccountKey | undefined {
  const raw = PropertiesService.getUserProperties().getProperty(KEY_PROPERTY);
  if (!raw) return undefined;
  const parsed = parseServiceAccountKey(raw);
  return parsed.ok ? parsed.key : undefined;
}

/** Stores a pasted key file after checking it; returns the service account's email (never the key). */
export function saveKey(text: unknown): { clientEmail: string } {
  const parsed = parseServiceAccountKey(text);
  if (!parsed.ok) throw new AppAuthError(parsed.reason);
  PropertiesService.getUserProperties().setProperty(KEY_PROPERTY, text as string);
  CacheService.getUserCache()?.remove(TOKEN_CACHE_KEY);
  return { clientEmail: parsed.key.clientEmail };
}

export function removeKey(): void {
  PropertiesService.getUserProperties().deleteProperty(KEY_PROPERTY);
  CacheService.getUserCache()?.remove(TOKEN_CACHE_KEY);
}

export function keyStatus(): { configured: boolean; clientEmail: string } {
  const key = storedKey();
  return { configured: key !== undefined, clientEmail: key?.clientEmail ?? '' };
}

/** A token for the Chat app, from the cache or a fresh JWT exchange. */
export function appAccessToken(clock: Clock): string {
  const cache = CacheService.getUserCache();
  const cached = cache?.get(TOKEN_CACHE_KEY);
  if (cached) return cached;
  const key = storedKey();
  if (!key) throw new AppAuthError(words().error.noAppKey);
  const unsigned = unsignedAssertion(key.clientEmail, Math.floor(clock.now() / 1000));
  const signature = base64UrlFromBytes(Utilities.computeRsaSha256Signature(unsigned, key.privateKey));
  const response = fetchOne({
    url: GOOGLE_TOKEN_URL,
    method: 'post',
    contentType: 'application/x-www-form-urlencoded',
    payload: `grant_type=${encodeURIComponent('urn:ietf:params:oauth:grant-type:jwt-bearer')}&assertion=${unsigned}.${signature}`,
  });
  const status = response?.status ?? 0;
  let body: { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown } = {};
  try {
    body = JSON.parse(response?.body ?? '') as typeof body;
  } catch {
    // Reported below by status.
  }
  if (status !== 200 || typeof body.access_token !== 'string') {
    // Google's OAuth errors are safe to show (they never contain the assertion); keep them short.
    const fallback = response ? `HTTP ${status}` : words().error.noGoogleAnswer;
    const reason = typeof body.error_description === 'string' ? body.error_description.slice(0, 200) : fallback;
    throw new AppAuthError(words().error.appSignIn(reason));
  }
  const lifetime = typeof body.expires_in === 'number' ? body.expires_in : 3600;
  if (lifetime > RENEW_BEFORE_SECONDS + 60)
    cache?.put(TOKEN_CACHE_KEY, body.access_token, Math.min(21_600, lifetime - RENEW_BEFORE_SECONDS));
  return body.access_token;
}
