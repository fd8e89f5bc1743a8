/**
 * Admin SDK Directory API (`admin.googleapis.com`): `users.get` for the seed's human users with an email. The user's
 * id is the Chat user's id. Errors use the Admin SDK shape `{"error": {"code", "message", "errors": [...]}}`.
 */

import { createHash } from 'node:crypto';
import { authenticate, scopeInsufficient, tokenFrom } from './auth';
import { DirectoryError } from './errors';
import { nameParts } from './people';
import type { ChatRequest, Services } from './router';
import { SYSTEM_PARAMS } from './router';
import { DIRECTORY_USER_SCOPES } from './scopes';
import type { Principal, User } from './state';

export const DIRECTORY_PREFIX = '/admin/directory/v1/';
const USERS_GET = /^\/admin\/directory\/v1\/users\/([^/]+)$/;
const PARAMS = ['customFieldMask', 'projection', 'viewType'];
const VIEW_TYPES = ['admin_view', 'domain_public'];
const PROJECTIONS = ['basic', 'custom', 'full'];
/** The emulated Workspace customer. */
export const CUSTOMER_ID = 'C0emulat0r';

export const isDirectoryPath = (path: string): boolean => path.startsWith(DIRECTORY_PREFIX);

const error = (status: DirectoryError['status'], message: string, reason: string, extra: object = {}) =>
  new DirectoryError(status, message, [{ message, domain: 'global', reason, ...extra }]);

export const directoryNotFound = (message = 'Not Found') => error('NOT_FOUND', message, 'notFound');
export const directoryForbidden = () =>
  error('PERMISSION_DENIED', 'Not Authorized to access this resource/api', 'forbidden');

export function handleDirectory(services: Services, req: ChatRequest, seen: { principal?: Principal }): unknown {
  const match = USERS_GET.exec(req.path);
  if (!match) throw directoryNotFound();
  if (req.method !== 'GET') throw directoryNotFound(`Method ${req.method} is not supported on ${req.path}.`);

  const principal = authenticate(services.state, tokenFrom(req.authorization, req.query), services.now(), 'directory');
  seen.principal = principal;
  if (!DIRECTORY_USER_SCOPES.some((s) => principal.scopes.has(s))) {
    throw scopeInsufficient('directory', 'ccc.hosted.frontend.directory.v1.DirectoryUsers.Get');
  }

  for (const key of req.query.keys()) {
    if (!SYSTEM_PARAMS.has(key) && !PARAMS.includes(key)) {
      throw error('INVALID_ARGUMENT', `Invalid parameter: ${key}`, 'invalidParameter', {
        location: key,
        locationType: 'parameter',
      });
    }
  }
  const viewType = enumParam(req.query, 'viewType', VIEW_TYPES, 'admin_view');
  enumParam(req.query, 'projection', PROJECTIONS, 'basic');
  let userKey: string;
  try {
    userKey = decodeURIComponent(match[1] as string);
  } catch {
    throw error('INVALID_ARGUMENT', 'Invalid Input: userKey', 'invalid');
  }

  services.quotas.chargeUser('directoryRead', principal.project, principal.user);
  // Administrators read everything; other users only the domain-public view. A service account without
  // domain-wide delegation is not a user of the domain at all.
  if (principal.kind === 'app' || (!principal.admin && viewType !== 'domain_public')) throw directoryForbidden();

  const user = userKey.includes('@')
    ? services.state.userByEmail(userKey)
    : services.state.users.get(`users/${userKey}`);
  if (!user?.email || user.type !== 'HUMAN') throw error('NOT_FOUND', 'Resource Not Found: userKey', 'notFound');
  return userJson(services, user, viewType === 'domain_public');
}

function enumParam(query: URLSearchParams, name: string, values: string[], fallback: string): string {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = values.find((v) => v.toLowerCase() === raw.toLowerCase());
  if (!value) {
    throw error(
      'INVALID_ARGUMENT',
      `Invalid value '${raw}'. Values must match the following regular expression: '(?i)(${values.join('|')})'`,
      'invalidParameter',
      { location: name, locationType: 'parameter' },
    );
  }
  return value;
}

function userJson(services: Services, user: User, domainPublic: boolean): Record<string, unknown> {
  const email = user.email as string;
  const { givenName, familyName, fullName } = nameParts(user);
  const name: Record<string, string> = { givenName: givenName ?? fullName };
  if (familyName) name.familyName = familyName;
  name.fullName = fullName;
  const out: Record<string, unknown> = {
    kind: 'admin#directory#user',
    id: user.name.slice('users/'.length),
    etag: `"${createHash('sha256').update(JSON.stringify(user)).digest('base64url').slice(0, 27)}"`,
    primaryEmail: email,
    name,
  };
  if (!domainPublic) {
    Object.assign(out, {
      isAdmin: services.state.isAdminUser(user.name),
      isDelegatedAdmin: false,
      agreedToTerms: true,
      suspended: false,
      archived: false,
      changePasswordAtNextLogin: false,
      ipWhitelisted: false,
      customerId: CUSTOMER_ID,
      orgUnitPath: '/',
      isMailboxSetup: true,
      includeInGlobalAddressList: true,
    });
  }
  out.emails = [{ address: email, primary: true }];
  return out;
}
