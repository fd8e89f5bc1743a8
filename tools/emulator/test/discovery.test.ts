/**
 * The emulator against Google's discovery document (chat.v1.json, revision 20260920), kept in the repository at
 * tools/emulator/discovery/ so the suite runs anywhere: routes, parameters, scopes, enums and field names must agree.
 */

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MEMBERSHIP_ROLES, MEMBERSHIP_STATES, SPACE_TYPES, USER_TYPES } from '../enums';
import { MEMBERSHIP_FIELDS } from '../members';
import { matchRoute, routeList, SYSTEM_PARAMS } from '../router';
import { METHOD_SCOPES, type MethodId } from '../scopes';
import { membershipJson, spaceJson } from '../serialize';
import { ChatState } from '../state';
import { smallSeed } from './seeds';

interface DiscoveryParameter {
  location: 'path' | 'query';
}
interface DiscoveryMethod {
  id: string;
  httpMethod: string;
  flatPath: string;
  parameters?: Record<string, DiscoveryParameter>;
  scopes?: string[];
}
interface DiscoveryResource {
  methods?: Record<string, DiscoveryMethod>;
  resources?: Record<string, DiscoveryResource>;
}
interface Discovery extends DiscoveryResource {
  revision: string;
  parameters: Record<string, unknown>;
  schemas: Record<string, { properties: Record<string, { enum?: string[] }> }>;
}

const LOCAL = resolve(__dirname, '../discovery/chat.v1.json');
const SHARED = resolve(__dirname, '../../../../shared/reference/chat.v1.json');
const discovery = JSON.parse(readFileSync(LOCAL, 'utf8')) as Discovery;

function allMethods(resource: DiscoveryResource): DiscoveryMethod[] {
  return [
    ...Object.values(resource.methods ?? {}),
    ...Object.values(resource.resources ?? {}).flatMap((r) => allMethods(r)),
  ];
}
const METHODS = new Map(allMethods(discovery).map((m) => [m.id, m]));
/** `v1/spaces/{spacesId}/members/{membersId}` → `/v1/spaces/id1/members/id2`. */
const samplePath = (flatPath: string) => {
  let n = 0;
  return `/${flatPath.replace(/\{[^}]+\}/g, () => `id${++n}`)}`;
};
const sorted = (xs: Iterable<string>) => [...xs].sort();

test('the discovery document is the expected revision', () => {
  expect(discovery.revision).toBe('20260920');
  expect(METHODS.size).toBeGreaterThan(40);
});

(existsSync(SHARED) ? test : test.skip)('the copy in the repository equals shared/reference/chat.v1.json', () => {
  expect(readFileSync(LOCAL, 'utf8')).toBe(readFileSync(SHARED, 'utf8'));
});

describe.each(routeList().map((r) => [r.id, r] as const))('route %s', (id, route) => {
  const method = METHODS.get(`chat.${id}`) as DiscoveryMethod;

  test('exists in the discovery document with the same HTTP method', () => {
    expect(method).toBeDefined();
    expect(route.method).toBe(method.httpMethod);
  });

  test("serves the method's path pattern", () => {
    expect(matchRoute(method.httpMethod, samplePath(method.flatPath))?.route.id).toBe(id);
  });

  test("accepts exactly the method's query parameters", () => {
    const query = Object.entries(method.parameters ?? {})
      .filter(([, p]) => p.location !== 'path')
      .map(([name]) => name);
    expect(sorted(route.params)).toEqual(sorted(query));
  });

  test("user + admin + other scopes equal the method's scopes", () => {
    const { user, admin, other } = METHOD_SCOPES[id as MethodId];
    const ours = [...user, ...admin, ...other];
    expect(new Set(ours).size).toBe(ours.length);
    expect(sorted(ours)).toEqual(sorted(method.scopes ?? []));
  });
});

test('no other discovery method is caught by an emulator route', () => {
  const served = new Set(routeList().map((r) => `chat.${r.id}`));
  const caught = [...METHODS.values()]
    .filter((m) => !served.has(m.id))
    .filter((m) => matchRoute(m.httpMethod, samplePath(m.flatPath)) !== undefined)
    .map((m) => m.id);
  expect(caught).toEqual([]);
});

test('every standard system parameter is accepted', () => {
  for (const name of Object.keys(discovery.parameters)) expect(SYSTEM_PARAMS.has(name)).toBe(true);
});

test.each([
  ['Membership', 'role', MEMBERSHIP_ROLES],
  ['Membership', 'state', MEMBERSHIP_STATES],
  ['User', 'type', USER_TYPES],
  ['Space', 'spaceType', SPACE_TYPES],
])('enum %s.%s has the discovery values', (schema, field, table) => {
  expect(Object.keys(table)).toEqual(discovery.schemas[schema]?.properties[field]?.enum);
});

describe('field names', () => {
  const state = ChatState.fromSeed(smallSeed());
  const fieldsOf = (schema: string) => Object.keys(discovery.schemas[schema]?.properties ?? {});

  test('a PATCH body accepts exactly the Membership fields', () => {
    expect(sorted(MEMBERSHIP_FIELDS)).toEqual(sorted(fieldsOf('Membership')));
  });

  test('every field the emulator returns exists in the schema', () => {
    const launch = state.spaces.get('spaces/Launch');
    if (!launch) throw new Error('seed changed');
    for (const m of launch.memberships.values()) {
      const json = membershipJson(state, m, { showProfile: true, encoding: 'string' });
      expect(fieldsOf('Membership')).toEqual(expect.arrayContaining(Object.keys(json)));
      if (json.member) expect(fieldsOf('User')).toEqual(expect.arrayContaining(Object.keys(json.member)));
      if (json.groupMember) expect(fieldsOf('Group')).toEqual(expect.arrayContaining(Object.keys(json.groupMember)));
    }
    for (const space of state.spaces.values()) {
      const json = spaceJson(state, space, 'string');
      expect(fieldsOf('Space')).toEqual(expect.arrayContaining(Object.keys(json)));
      expect(fieldsOf('MembershipCount')).toEqual(expect.arrayContaining(Object.keys(json.membershipCount as object)));
      for (const [field, schemaField] of [
        ['spaceType', 'spaceType'],
        ['type', 'type'],
        ['spaceThreadingState', 'spaceThreadingState'],
        ['spaceHistoryState', 'spaceHistoryState'],
      ] as const) {
        expect(discovery.schemas.Space?.properties[schemaField]?.enum).toContain(json[field]);
      }
    }
  });
});
