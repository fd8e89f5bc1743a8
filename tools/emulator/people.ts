/**
 * People API v1 (`people.googleapis.com`): `people.get` and `people.getBatchGet` for the domain profiles of the
 * seed's users. A person's id is the Chat user's id (`users/1001` ↔ `people/1001`). Errors are AIP-193.
 */

import { createHash } from 'node:crypto';
import { authenticate, scopeInsufficient, tokenFrom } from './auth';
import { invalidArgument, notFound, permissionDenied } from './errors';
import type { ChatRequest, Services } from './router';
import { SYSTEM_PARAMS } from './router';
import { PEOPLE_SCOPES } from './scopes';
import type { Principal, User } from './state';

export const MAX_BATCH_GET = 200;

/** Every `personFields` path the API accepts; only names, emailAddresses and metadata have data here. */
export const PERSON_FIELDS = new Set([
  'addresses',
  'ageRanges',
  'biographies',
  'birthdays',
  'calendarUrls',
  'clientData',
  'coverPhotos',
  'emailAddresses',
  'events',
  'externalIds',
  'genders',
  'imClients',
  'interests',
  'locales',
  'locations',
  'memberships',
  'metadata',
  'miscKeywords',
  'names',
  'nicknames',
  'occupations',
  'organizations',
  'phoneNumbers',
  'photos',
  'relations',
  'sipAddresses',
  'skills',
  'urls',
  'userDefined',
]);

/** ReadSourceType. There is no READ_SOURCE_TYPE_DOMAIN_PROFILE: domain profiles come with READ_SOURCE_TYPE_PROFILE. */
export const READ_SOURCE_TYPES = new Set([
  'READ_SOURCE_TYPE_UNSPECIFIED',
  'READ_SOURCE_TYPE_PROFILE',
  'READ_SOURCE_TYPE_CONTACT',
  'READ_SOURCE_TYPE_DOMAIN_CONTACT',
  'READ_SOURCE_TYPE_OTHER_CONTACT',
]);

const GET = /^\/v1\/people\/([^/:]+)$/;
const BATCH_GET = '/v1/people:batchGet';
const COMMON_PARAMS = ['personFields', 'requestMask.includeField', 'sources'];
const PERSON_ID = /^[A-Za-z0-9._-]+$/;
const NOT_FOUND = 'Requested entity was not found.';

export const isPeoplePath = (path: string): boolean =>
  path === '/v1/people' || path.startsWith('/v1/people/') || path.startsWith('/v1/people:');

export function handlePeople(services: Services, req: ChatRequest, seen: { principal?: Principal }): unknown {
  const get = GET.exec(req.path);
  const batch = req.path === BATCH_GET;
  if (!get && !batch) throw notFound(`The requested URL ${req.path} was not found on this server.`);
  if (req.method !== 'GET') throw notFound(`Method ${req.method} is not supported on ${req.path}.`);

  const principal = authenticate(services.state, tokenFrom(req.authorization, req.query), services.now(), 'people');
  seen.principal = principal;
  if (!PEOPLE_SCOPES.some((s) => principal.scopes.has(s))) {
    throw scopeInsufficient('people', `google.people.v1.PeopleService.${batch ? 'GetPeople' : 'GetPerson'}`);
  }

  const allowed = batch ? [...COMMON_PARAMS, 'resourceNames'] : COMMON_PARAMS;
  for (const key of req.query.keys()) {
    if (!SYSTEM_PARAMS.has(key) && !allowed.includes(key)) {
      throw invalidArgument(`Invalid JSON payload received. Unknown name "${key}": Cannot bind query parameter.`);
    }
  }
  const fields = personFields(req.query);
  const readsProfiles = readSources(req.query);
  const names = batch ? batchNames(req.query) : [`people/${personId(get?.[1] ?? '')}`];

  if (principal.kind === 'app') {
    // A service account is not a user of the domain: without domain-wide delegation it has no directory to read.
    throw permissionDenied('The caller does not have permission to read domain profiles.');
  }
  services.quotas.chargeUser('peopleRead', principal.project, principal.user);

  const lookup = (name: string) => {
    const id = name.slice('people/'.length);
    const user = services.state.users.get(id === 'me' ? principal.user : `users/${id}`);
    return readsProfiles && user?.type === 'HUMAN' ? user : undefined;
  };
  if (!batch) {
    const user = lookup(names[0] as string);
    if (!user) throw notFound(NOT_FOUND);
    return personJson(user, fields);
  }
  return {
    responses: names.map((name) => {
      const user = lookup(name);
      if (!user) {
        return { httpStatusCode: 404, requestedResourceName: name, status: { code: 5, message: NOT_FOUND } };
      }
      return { httpStatusCode: 200, requestedResourceName: name, person: personJson(user, fields), status: {} };
    }),
  };
}

/** `personFields` (or the deprecated `requestMask.includeField`, `person.`-prefixed): required, known paths only. */
function personFields(query: URLSearchParams): Set<string> {
  let raw = query.get('personFields');
  if (raw === null || raw.trim() === '') {
    const legacy = query.get('requestMask.includeField');
    if (legacy?.trim()) {
      raw = legacy
        .split(',')
        .map((p) =>
          p
            .trim()
            .replace(/^person\./, '')
            .replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
        )
        .join(',');
    }
  }
  if (raw === null || raw.trim() === '') {
    throw invalidArgument(
      'personFields mask is required. Please specify one or more valid paths. Valid paths are documented at https://developers.google.com/people/api/rest/v1/people/get.',
    );
  }
  const fields = new Set(raw.split(',').map((p) => p.trim()));
  for (const field of fields) {
    if (!PERSON_FIELDS.has(field)) {
      throw invalidArgument(
        `Invalid personFields mask path: "${field}". Valid paths are documented at https://developers.google.com/people/api/rest/v1/people/get.`,
      );
    }
  }
  return fields;
}

/** Validates `sources`; true if domain profiles are read (no sources, or READ_SOURCE_TYPE_PROFILE among them). */
function readSources(query: URLSearchParams): boolean {
  const sources = query.getAll('sources').flatMap((s) => s.split(','));
  sources.forEach((source, i) => {
    if (!READ_SOURCE_TYPES.has(source)) {
      throw invalidArgument(
        `Invalid value at 'sources[${i}]' (type.googleapis.com/google.people.v1.ReadSourceType), "${source}"`,
      );
    }
  });
  const chosen = sources.filter((s) => s !== 'READ_SOURCE_TYPE_UNSPECIFIED');
  return chosen.length === 0 || chosen.includes('READ_SOURCE_TYPE_PROFILE');
}

function personId(raw: string): string {
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    throw invalidArgument(`Resource name "people/${raw}" is not valid.`);
  }
  if (!PERSON_ID.test(id) || /^\.+$/.test(id)) throw invalidArgument(`Resource name "people/${id}" is not valid.`);
  return id;
}

function batchNames(query: URLSearchParams): string[] {
  const names = query.getAll('resourceNames');
  if (names.length === 0) throw invalidArgument('resourceNames must contain at least one resource name.');
  if (names.length > MAX_BATCH_GET) {
    throw invalidArgument(
      `Too many resource names: ${names.length}. A people:batchGet request may name at most ${MAX_BATCH_GET}.`,
    );
  }
  for (const name of names) {
    if (!name.startsWith('people/')) throw invalidArgument(`Resource name "${name}" is not valid.`);
    personId(name.slice('people/'.length));
  }
  return names;
}

/** Given and family names: the seed's, else split from displayName (last word = family name). */
export function nameParts(user: User): { givenName?: string; familyName?: string; fullName: string } {
  const words = (user.displayName ?? '').trim().split(/\s+/).filter(Boolean);
  const fallback = user.email?.split('@')[0] ?? user.name.slice('users/'.length);
  const givenName = user.givenName ?? (words.length > 1 ? words.slice(0, -1).join(' ') : words[0]);
  const familyName = user.familyName ?? (words.length > 1 ? words.at(-1) : undefined);
  const fullName = user.displayName ?? ([givenName, familyName].filter(Boolean).join(' ') || fallback);
  const out: { givenName?: string; familyName?: string; fullName: string } = { fullName };
  if (givenName) out.givenName = givenName;
  if (familyName) out.familyName = familyName;
  return out;
}

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('base64');

export function personJson(user: User, fields: ReadonlySet<string>): Record<string, unknown> {
  const id = user.name.slice('users/'.length);
  const source = { type: 'DOMAIN_PROFILE', id };
  const out: Record<string, unknown> = {
    resourceName: `people/${id}`,
    etag: `%${digest([user, [...fields].sort()]).slice(0, 32)}`,
  };
  if (fields.has('metadata')) {
    out.metadata = { sources: [{ ...source, etag: `#${digest(user).slice(0, 16)}` }], objectType: 'PERSON' };
  }
  if (fields.has('names')) {
    const { givenName, familyName, fullName } = nameParts(user);
    const name: Record<string, unknown> = {
      metadata: { primary: true, source, sourcePrimary: true },
      displayName: fullName,
    };
    if (familyName) name.familyName = familyName;
    if (givenName) name.givenName = givenName;
    name.displayNameLastFirst = givenName && familyName ? `${familyName}, ${givenName}` : fullName;
    name.unstructuredName = fullName;
    out.names = [name];
  }
  if (fields.has('emailAddresses') && user.email) {
    out.emailAddresses = [
      { metadata: { primary: true, verified: true, source, sourcePrimary: true }, value: user.email },
    ];
  }
  return out;
}
