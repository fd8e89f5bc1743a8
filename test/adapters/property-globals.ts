/** The gas-fakes' own PropertiesService and Utilities (gzip included) as globals, for the adapters that use them. */

import { FakeProperties, PropertyStore } from '../../tools/gas-fakes/properties';
import { Recorder } from '../../tools/gas-fakes/recorder';
import type { Runtime } from '../../tools/gas-fakes/runtime';
import { FakeUtilities } from '../../tools/gas-fakes/utilities';

const GLOBALS = ['PropertiesService', 'Utilities', 'SpreadsheetApp'];

/** Fresh document and user stores before each test, the globals removed after each. */
export function withPropertyGlobals(): { document: () => PropertyStore; user: () => PropertyStore } {
  let document = new PropertyStore('document');
  let user = new PropertyStore('user');
  beforeEach(() => {
    document = new PropertyStore('document');
    user = new PropertyStore('user');
    const runtime = { recorder: new Recorder() } as unknown as Runtime;
    Object.assign(globalThis, {
      PropertiesService: {
        getDocumentProperties: () => new FakeProperties(runtime, document),
        getUserProperties: () => new FakeProperties(runtime, user),
      },
      Utilities: new FakeUtilities(runtime),
      SpreadsheetApp: { getActive: () => ({ getId: () => 'sheet-1' }) },
    });
  });
  afterEach(() => {
    for (const name of GLOBALS) delete (globalThis as Record<string, unknown>)[name];
  });
  return { document: () => document, user: () => user };
}
