/**
 * Who may drive a local tool's control API. A web page the developer visits can POST `text/plain` cross-site without
 * a CORS preflight, and a DNS-rebinding page reaches 127.0.0.1 under its own host name; so control requests must name
 * a loopback Host, carry a loopback Origin when a browser sends one, and (for POSTs) declare JSON, which a cross-site
 * page cannot send without a preflight this server never grants.
 */

import type { IncomingHttpHeaders } from 'node:http';

const LOOPBACK_HOST = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i;
const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** `Host` header value (`name[:port]`) naming this machine's loopback interface, with any port. */
export function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && LOOPBACK_HOST.test(host);
}

/** An absent Origin (not a browser, or a same-origin GET) is fine; `null` and any other site are not. */
export function isLoopbackOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTNAMES.has(url.hostname);
  } catch {
    return false;
  }
}

export const isJsonContentType = (contentType: string | undefined): boolean =>
  /^application\/json\s*(?:;|$)/i.test(contentType ?? '');

export interface Refusal {
  status: 403 | 415;
  message: string;
}

/** Why a control request must be refused, or null when it may run. */
export function controlRefusal(method: string, headers: IncomingHttpHeaders): Refusal | null {
  if (!isLoopbackHost(headers.host)) return { status: 403, message: 'control requests must use a loopback Host' };
  if (!isLoopbackOrigin(headers.origin))
    return { status: 403, message: 'control requests from other sites are refused' };
  if (method === 'POST' && !isJsonContentType(headers['content-type'])) {
    return { status: 415, message: 'send JSON (content-type: application/json)' };
  }
  return null;
}
