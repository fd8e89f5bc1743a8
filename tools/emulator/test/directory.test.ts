/** Admin SDK Directory API: users.get by id or primary email, for administrators (and the domain-public view). */

import { DOCUMENTED_QUOTAS } from '../quotas';
import type { RequestLogEntry } from '../server';
import {
  claimsFor,
  expectDirectoryError,
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
const USERS = '/admin/directory/v1/users';

const directory = (path: string, token: string = MORE_TOKENS.directoryAdmin) => get(emulator(), path, token);

describe('GET /admin/directory/v1/users/{userKey}', () => {
  test('an administrator reads a user by id', async () => {
    const res = await directory(`${USERS}/101`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      kind: 'admin#directory#user',
      id: '101',
      etag: expect.stringMatching(/^".+"$/),
      primaryEmail: 'mark@example.com',
      name: { givenName: 'Mark', familyName: 'Manager', fullName: 'Mark Manager' },
      isAdmin: false,
      suspended: false,
      orgUnitPath: '/',
      emails: [{ address: 'mark@example.com', primary: true }],
    });
  });

  test('by primary email (any case) it is the same user; isAdmin reflects the administrator privilege', async () => {
    const byEmail = await directory(`${USERS}/Mark%40Example.com`);
    expect(byEmail.body).toEqual((await directory(`${USERS}/101`)).body);
    expect((await directory(`${USERS}/ada@example.com`)).body).toMatchObject({ id: '190', isAdmin: true });
  });

  test('viewType and projection are accepted; a bad value or an unknown parameter is 400', async () => {
    expect((await directory(`${USERS}/101?viewType=admin_view&projection=full`)).status).toBe(200);
    expect((await directory(`${USERS}/101?projection=custom&customFieldMask=HR`)).status).toBe(200);
    const bad = await directory(`${USERS}/101?viewType=everything`);
    expect(expectDirectoryError(bad, 400, 'invalidParameter').errors[0]).toMatchObject({
      location: 'viewType',
      locationType: 'parameter',
    });
    expectDirectoryError(await directory(`${USERS}/101?bogus=1`), 400, 'invalidParameter');
  });

  test('an unknown user, a Chat app or a user without email is 404 "Resource Not Found: userKey"', async () => {
    for (const key of ['424242', 'nobody@example.com', '900', '900100']) {
      const error = expectDirectoryError(await directory(`${USERS}/${key}`), 404, 'notFound');
      expect(error.message).toBe('Resource Not Found: userKey');
      expect(error.status).toBeUndefined();
    }
  });

  test('other Directory URLs and methods are 404', async () => {
    expectDirectoryError(await directory('/admin/directory/v1/groups'), 404, 'notFound');
    const del = await fetch(`${emulator().url}${USERS}/101`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${MORE_TOKENS.directoryAdmin}` },
    });
    expect(del.status).toBe(404);
  });
});

describe('who may read', () => {
  test('a user who is not an administrator gets 403 "Not Authorized to access this resource/api"', async () => {
    const res = await directory(`${USERS}/101`, MORE_TOKENS.directoryUser);
    const error = expectDirectoryError(res, 403, 'forbidden');
    expect(error).toEqual({
      code: 403,
      message: 'Not Authorized to access this resource/api',
      errors: [{ message: 'Not Authorized to access this resource/api', domain: 'global', reason: 'forbidden' }],
    });
  });

  test('…but may read the domain-public view', async () => {
    const res = await directory(`${USERS}/mark@example.com?viewType=domain_public`, MORE_TOKENS.directoryUser);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['emails', 'etag', 'id', 'kind', 'name', 'primaryEmail']);
  });

  test('an administrator without the Directory scope is 403 insufficientPermissions', async () => {
    const res = await directory(`${USERS}/101`, TOKENS.admin);
    const error = expectDirectoryError(res, 403, 'insufficientPermissions');
    expect(error.status).toBe('PERMISSION_DENIED');
    expect(error.message).toBe('Request had insufficient authentication scopes.');
  });

  test('no token is 401 "Login Required", an unknown token 401 "Invalid Credentials"', async () => {
    const missing = expectDirectoryError(await get(emulator(), `${USERS}/101`), 401, 'required');
    expect(missing).toMatchObject({ status: 'UNAUTHENTICATED', errors: [{ message: 'Login Required.' }] });
    const unknown = expectDirectoryError(await directory(`${USERS}/101`, 'tok-who'), 401, 'authError');
    expect(unknown.errors[0]).toMatchObject({ location: 'Authorization', locationType: 'header' });
  });

  test('an app (service account without delegation) is 403 forbidden', async () => {
    const issued = await requestToken(
      emulator(),
      signJwt(keys.privateKeyPem, claimsFor([scope('admin.directory.user.readonly')])),
    );
    expectDirectoryError(await directory(`${USERS}/101`, issued.body.access_token as string), 403, 'forbidden');
  });

  test('the request log names the caller', async () => {
    emulator().clearRequests();
    await directory(`${USERS}/101`);
    const [entry] = emulator().requests() as RequestLogEntry[];
    expect(entry).toMatchObject({ path: `${USERS}/101`, principal: U.ada, status: 200 });
  });
});

describe('quota', () => {
  test('over directoryReadsPerMinute is 403 userRateLimitExceeded (as the Directory limits page documents)', async () => {
    emulator().configure({ quotas: { ...DOCUMENTED_QUOTAS, directoryReadsPerMinute: 60 } }); // a bucket of 1
    expect((await directory(`${USERS}/101`)).status).toBe(200);
    const second = await directory(`${USERS}/102`);
    const error = expectDirectoryError(second, 403, 'userRateLimitExceeded');
    expect(error.errors[0]?.domain).toBe('usageLimits');
    expect(error.message).toMatch(/Queries per minute per user.*admin\.googleapis\.com/);
    // Another user has a bucket of their own.
    expect((await directory(`${USERS}/101?viewType=domain_public`, MORE_TOKENS.directoryUser)).status).toBe(200);
  });

  test('the default is 2400 a minute: a burst of 40 passes, the 41st is limited', async () => {
    // Emulated time all but stopped, so nothing refills during the burst.
    emulator().configure({ quotas: DOCUMENTED_QUOTAS, timeScale: 0.001 });
    const statuses: number[] = [];
    for (let i = 0; i < 41; i++) statuses.push((await directory(`${USERS}/101`)).status);
    expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
    expect(statuses[40]).toBe(403);
  });

  test('an injected fault answers in the Directory shape', async () => {
    emulator().configure({ faults: { rate: 1, statuses: [429], mode: 'before' } });
    expectDirectoryError(await directory(`${USERS}/101`), 429, 'rateLimitExceeded');
  });
});
