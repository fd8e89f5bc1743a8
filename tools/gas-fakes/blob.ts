/** Base.Blob: bytes with a content type and a name. */

import { toBuffer, toSignedBytes } from './bytes';
import { asApi, type FakeSpec } from './fake';

type Blob = GoogleAppsScript.Base.Blob;

const BLOB_API = [
  'copyBlob',
  'getAs',
  'getBlob',
  'getBytes',
  'getContentType',
  'getDataAsString',
  'getName',
  'isGoogleType',
  'setBytes',
  'setContentType',
  'setDataFromString',
  'setName',
] as const satisfies readonly (keyof Blob)[];

export class FakeBlob implements Pick<Blob, (typeof BLOB_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'Blob', methods: BLOB_API };

  constructor(
    public data: Buffer,
    public contentType: string | null,
    public name: string | null,
  ) {}

  copyBlob(): Blob {
    return asApi(new FakeBlob(Buffer.from(this.data), this.contentType, this.name));
  }
  getAs(contentType: string): Blob {
    return asApi(new FakeBlob(Buffer.from(this.data), String(contentType), this.name));
  }
  getBlob(): Blob {
    return asApi(this);
  }
  getBytes(): number[] {
    return toSignedBytes(this.data);
  }
  getContentType(): string | null {
    return this.contentType;
  }
  getDataAsString(charset?: string): string {
    const encoding = (charset ?? 'utf-8').toLowerCase().replace('_', '-');
    return encoding === 'us-ascii' ? this.data.toString('ascii') : this.data.toString('utf8');
  }
  getName(): string | null {
    return this.name;
  }
  isGoogleType(): boolean {
    return false;
  }
  setBytes(data: number[]): Blob {
    this.data = toBuffer(data);
    return asApi(this);
  }
  setContentType(contentType: string | null): Blob {
    this.contentType = contentType;
    return asApi(this);
  }
  setDataFromString(string: string): Blob {
    this.data = Buffer.from(String(string), 'utf8');
    return asApi(this);
  }
  setName(name: string): Blob {
    this.name = String(name);
    return asApi(this);
  }
}
