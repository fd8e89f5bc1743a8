/** People API: people.get and people:batchGet for domain profiles (id = the Chat user's id). */

import { DOCUMENTED_QUOTAS } from '../quotas';
import type { RequestLogEntry } from '../server';
import {
  claimsFor,
  expectApiError,
  get,
  MORE_TOKENS,
  requestToken,
  scope,
  signJwt,
  TOKENS,
  U,
  useAppEmulator,
} from './seeds';

const { emulator, keys } = useAppEmulator();
const FIELDS = 'personFields=names,emailAddresses';

const people = (path: string, token: string = MORE_TOKENS.people) => get(emulator(), path, token);

describe('GET /v1/people/{id}', () => {
  test('returns the domain profile: resourceName, etag, names and emailAddresses from DOMAIN_PROFILE', async () => {
    const res = await people(`/v1/people/101?${FIELDS}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      resourceName: 'people/101',
      etag: expect.stringMatching(/^%/),
      names: [
        {
          metadata: { primary: true, source: { type: 'DOMAIN_PROFILE', id: '101' }, sourcePrimary: true },
          displayName: 'Mark Manager',
          familyName: 'Manager',
          givenName: 'Mark',
          displayNameLastFirst: 'Manager, Mark',
          unstructuredName: 'Mark Manager',
        },
      ],
      emailAddresses: [
        {
          metadata: {
            primary: true,
            verified: true,
            source: { type: 'DOMAIN_PROFILE', id: '101' },
            sourcePrimary: true,
          },
          value: 'mark@example.com',
        },
      ],
    });
  });

  test('only the requested fields are returned; metadata lists the source', async () => {
    const names = await people('/v1/people/101?personFields=names');
    expect(Object.keys(names.body)).toEqual(['resourceName', 'etag', 'names']);
    const meta = await people('/v1/people/101?personFields=metadata');
    expect(meta.body.metadata).toEqual({
      sources: [{ type: 'DOMAIN_PROFILE', id: '101', etag: expect.stringMatching(/^#/) }],
      objectType: 'PERSON',
    });
    // A valid field the emulator has no data for is simply absent.
    const phones = await people('/v1/people/101?personFields=phoneNumbers');
    expect(phones.body).toEqual({ resourceName: 'people/101', etag: expect.any(String) });
  });

  test('people/me is the caller', async () => {
    const res = await people(`/v1/people/me?${FIELDS}`);
    expect(res.body).toMatchObject({ resourceName: 'people/100', emailAddresses: [{ value: 'olivia@example.com' }] });
  });

  test('sources: READ_SOURCE_TYPE_PROFILE reads domain profiles; READ_SOURCE_TYPE_DOMAIN_PROFILE does not exist', async () => {
    expect((await people(`/v1/people/101?${FIELDS}&sources=READ_SOURCE_TYPE_PROFILE`)).status).toBe(200);
    const both = await people(
      `/v1/people/101?${FIELDS}&sources=READ_SOURCE_TYPE_PROFILE&sources=READ_SOURCE_TYPE_CONTACT`,
    );
    expect(both.status).toBe(200);
    expectApiError(
      await people(`/v1/people/101?${FIELDS}&sources=READ_SOURCE_TYPE_DOMAIN_PROFILE`),
      400,
      'INVALID_ARGUMENT',
      /ReadSourceType.*READ_SOURCE_TYPE_DOMAIN_PROFILE/,
    );
    // Without the profile source there is nothing to read: the emulator has no contacts.
    expectApiError(await people(`/v1/people/101?${FIELDS}&sources=READ_SOURCE_TYPE_CONTACT`), 404, 'NOT_FOUND');
  });

  test('an unknown id or a Chat app is 404 NOT_FOUND', async () => {
    expectApiError(await people(`/v1/people/424242?${FIELDS}`), 404, 'NOT_FOUND', /not found/);
    expectApiError(await people(`/v1/people/900?${FIELDS}`), 404, 'NOT_FOUND');
  });
});

describe('GET /v1/people/{id}: request checks', () => {
  test('personFields is required, and must name Person fields', async () => {
    expectApiError(await people('/v1/people/101'), 400, 'INVALID_ARGUMENT', /^personFields mask is required/);
    expectApiError(await people('/v1/people/101?personFields='), 400, 'INVALID_ARGUMENT', /personFields/);
    expectApiError(
      await people('/v1/people/101?personFields=names,displayName'),
      400,
      'INVALID_ARGUMENT',
      /Invalid personFields mask path: "displayName"/,
    );
  });

  test('the deprecated requestMask.includeField is accepted', async () => {
    const res = await people('/v1/people/101?requestMask.includeField=person.names,person.email_addresses');
    expect(Object.keys(res.body)).toEqual(['resourceName', 'etag', 'names', 'emailAddresses']);
  });

  test('an unknown query parameter or a bad resource name is 400', async () => {
    expectApiError(await people(`/v1/people/101?${FIELDS}&bogus=1`), 400, 'INVALID_ARGUMENT', /bogus/);
    expectApiError(await people(`/v1/people/a%2Fb?${FIELDS}`), 400, 'INVALID_ARGUMENT');
  });

  test('other People URLs and methods are 404', async () => {
    expectApiError(await people(`/v1/people/101/connections?${FIELDS}`), 404, 'NOT_FOUND');
    const post = await fetch(`${emulator().url}/v1/people/101?${FIELDS}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MORE_TOKENS.people}` },
    });
    expect(post.status).toBe(404);
  });
});

describe('GET /v1/people:batchGet', () => {
  const batch = (ids: string[], extra = FIELDS, token: string = MORE_TOKENS.people) =>
    people(`/v1/people:batchGet?${ids.map((id) => `resourceNames=people/${id}`).join('&')}&${extra}`, token);

  test('answers every name in order, with a per-item status for unknown ones', async () => {
    const res = await batch(['101', '424242', 'me', '900']);
    expect(res.status).toBe(200);
    const responses = res.body.responses as Record<string, unknown>[];
    expect(responses).toHaveLength(4);
    expect(responses[0]).toEqual({
      httpStatusCode: 200,
      requestedResourceName: 'people/101',
      person: expect.objectContaining({ resourceName: 'people/101', names: expect.any(Array) }),
      status: {},
    });
    expect(responses[1]).toEqual({
      httpStatusCode: 404,
      requestedResourceName: 'people/424242',
      status: { code: 5, message: 'Requested entity was not found.' },
    });
    expect(responses[2]).toMatchObject({ requestedResourceName: 'people/me', person: { resourceName: 'people/100' } });
    expect(responses[3]).toMatchObject({ httpStatusCode: 404, status: { code: 5 } });
  });

  test('200 names are fine, 201 are 400', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => String(10_000 + i));
    const ok = await batch(ids(200));
    expect(ok.status).toBe(200);
    expect(ok.body.responses).toHaveLength(200);
    expectApiError(await batch(ids(201)), 400, 'INVALID_ARGUMENT', /201/);
  });

  test('no names, a name that is not people/…, or no personFields is 400', async () => {
    expectApiError(await people(`/v1/people:batchGet?${FIELDS}`), 400, 'INVALID_ARGUMENT');
    expectApiError(
      await people(`/v1/people:batchGet?resourceNames=users/101&${FIELDS}`),
      400,
      'INVALID_ARGUMENT',
      /users\/101/,
    );
    expectApiError(await batch(['101'], ''), 400, 'INVALID_ARGUMENT', /personFields mask is required/);
  });
});

describe('authentication and scopes', () => {
  test('no token is 401, an unknown token is 401', async () => {
    expectApiError(await get(emulator(), `/v1/people/101?${FIELDS}`), 401, 'UNAUTHENTICATED');
    expectApiError(await people(`/v1/people/101?${FIELDS}`, 'tok-who'), 401, 'UNAUTHENTICATED');
  });

  test('a token without directory.readonly is 403 ACCESS_TOKEN_SCOPE_INSUFFICIENT for people.googleapis.com', async () => {
    const res = await people(`/v1/people/101?${FIELDS}`, TOKENS.owner);
    const error = expectApiError(res, 403, 'PERMISSION_DENIED', /insufficient authentication scopes/);
    expect(error.details?.[0]).toMatchObject({
      reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
      metadata: { service: 'people.googleapis.com', method: 'google.people.v1.PeopleService.GetPerson' },
    });
    const batch = await people(`/v1/people:batchGet?resourceNames=people/101&${FIELDS}`, TOKENS.admin);
    expectApiError(batch, 403, 'PERMISSION_DENIED');
  });

  test('an app (service account without delegation) cannot read domain profiles', async () => {
    const issued = await requestToken(
      emulator(),
      signJwt(keys.privateKeyPem, claimsFor([scope('directory.readonly')])),
    );
    const res = await people(`/v1/people/101?${FIELDS}`, issued.body.access_token as string);
    expectApiError(res, 403, 'PERMISSION_DENIED');
  });

  test('the request log names the caller', async () => {
    emulator().clearRequests();
    await people(`/v1/people/101?${FIELDS}`);
    const [entry] = emulator().requests() as RequestLogEntry[];
    expect(entry).toMatchObject({ method: 'GET', path: '/v1/people/101', principal: U.olivia, status: 200 });
  });
});

describe('quota', () => {
  test('over peopleReadsPerMinute is 429 RESOURCE_EXHAUSTED, counted per user', async () => {
    emulator().configure({ quotas: { ...DOCUMENTED_QUOTAS, peopleReadsPerMinute: 60 } }); // a bucket of 1
    expect((await people(`/v1/people/101?${FIELDS}`)).status).toBe(200);
    const second = await people(`/v1/people:batchGet?resourceNames=people/101&${FIELDS}`);
    const error = expectApiError(second, 429, 'RESOURCE_EXHAUSTED', /people\.googleapis\.com/);
    expect(error.details?.[0]).toMatchObject({ reason: 'RATE_LIMIT_EXCEEDED' });
    expect(second.headers.get('retry-after')).toBeNull();
  });

  test('the default is 600 a minute: a burst of 10 passes, the 11th is limited', async () => {
    // Emulated time all but stopped, so nothing refills during the burst.
    emulator().configure({ quotas: DOCUMENTED_QUOTAS, timeScale: 0.001 });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await people(`/v1/people/101?${FIELDS}`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  test('an injected fault answers in the AIP-193 shape', async () => {
    emulator().configure({ faults: { rate: 1, statuses: [503], mode: 'before' } });
    expectApiError(await people(`/v1/people/101?${FIELDS}`), 503, 'UNAVAILABLE');
  });
});
