/**
 * HtmlService: outputs read from the built dist/ folder (what clasp pushes: only .html files can be served) and
 * templates whose scriptlets run in the execution's realm, so they can call the bundle's top-level functions.
 */

import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import vm from 'node:vm';
import { FakeBlob } from './blob';
import { GasError } from './errors';
import { asApi, enumName, type FakeSpec, gasEnum } from './fake';
import type { Runtime } from './runtime';

type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;
type HtmlTemplate = GoogleAppsScript.HTML.HtmlTemplate;

export const SandboxMode = gasEnum<typeof GoogleAppsScript.HTML.SandboxMode>(['EMULATED', 'IFRAME', 'NATIVE']);
export const XFrameOptionsMode = gasEnum<typeof GoogleAppsScript.HTML.XFrameOptionsMode>(['ALLOWALL', 'DEFAULT']);

const SERVICE_API = [
  'createHtmlOutput',
  'createHtmlOutputFromFile',
  'createTemplate',
  'createTemplateFromFile',
  'getUserAgent',
] as const satisfies readonly (keyof GoogleAppsScript.HTML.HtmlService)[];

export class FakeHtmlService
  implements Pick<GoogleAppsScript.HTML.HtmlService, (typeof SERVICE_API)[number] | 'SandboxMode' | 'XFrameOptionsMode'>
{
  static readonly gas: FakeSpec = {
    kind: 'HtmlService',
    methods: SERVICE_API,
    props: ['SandboxMode', 'XFrameOptionsMode'],
  };
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  constructor(
    private readonly runtime: Runtime,
    private readonly dist: string,
  ) {}

  createHtmlOutput(html?: string | GoogleAppsScript.Base.BlobSource): HtmlOutput {
    return asApi(new FakeHtmlOutput(this.runtime, contentOf(html)));
  }
  createHtmlOutputFromFile(filename: string): HtmlOutput {
    return asApi(new FakeHtmlOutput(this.runtime, this.read(filename)));
  }
  createTemplate(html: string | GoogleAppsScript.Base.BlobSource): HtmlTemplate {
    return asApi(new FakeHtmlTemplate(this.runtime, contentOf(html)));
  }
  createTemplateFromFile(filename: string): HtmlTemplate {
    return asApi(new FakeHtmlTemplate(this.runtime, this.read(filename)));
  }
  getUserAgent(): string {
    return 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
  }

  /** Apps Script names files without extension ("Sidebar" is Sidebar.html); only files of the project exist. */
  private read(filename: string): string {
    const name = String(filename).replace(/\.html$/, '');
    const path = join(this.dist, `${basename(name)}.html`);
    if (name.includes('/') || !existsSync(path)) throw new GasError(`No HTML file named ${name} was found.`);
    return readFileSync(path, 'utf8');
  }
}

function contentOf(html: unknown): string {
  if (html === undefined || html === null) return '';
  if (html instanceof FakeBlob) return html.getDataAsString();
  return String(html);
}

const OUTPUT_API = [
  'addMetaTag',
  'append',
  'appendUntrusted',
  'asTemplate',
  'clear',
  'getAs',
  'getBlob',
  'getContent',
  'getFaviconUrl',
  'getHeight',
  'getTitle',
  'getWidth',
  'setContent',
  'setFaviconUrl',
  'setHeight',
  'setSandboxMode',
  'setTitle',
  'setWidth',
  'setXFrameOptionsMode',
] as const satisfies readonly (keyof HtmlOutput)[];

export class FakeHtmlOutput implements Pick<HtmlOutput, (typeof OUTPUT_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'HtmlOutput', methods: OUTPUT_API };
  title = '';
  width: number | null = null;
  height: number | null = null;
  sandboxMode = 'IFRAME';
  xFrameOptionsMode = 'DEFAULT';
  faviconUrl = '';
  readonly metaTags: Array<{ name: string; content: string }> = [];

  constructor(
    private readonly runtime: Runtime,
    public content: string,
  ) {}

  addMetaTag(name: string, content: string): HtmlOutput {
    this.metaTags.push({ name: String(name), content: String(content) });
    return asApi(this);
  }
  append(addedContent: string): HtmlOutput {
    this.content += String(addedContent);
    return asApi(this);
  }
  appendUntrusted(addedContent: string): HtmlOutput {
    this.content += escapeHtml(String(addedContent));
    return asApi(this);
  }
  asTemplate(): HtmlTemplate {
    return asApi(new FakeHtmlTemplate(this.runtime, this.content));
  }
  clear(): HtmlOutput {
    this.content = '';
    return asApi(this);
  }
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    return asApi(new FakeBlob(Buffer.from(this.content, 'utf8'), String(contentType), null));
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    return asApi(new FakeBlob(Buffer.from(this.content, 'utf8'), 'text/html', null));
  }
  getContent(): string {
    return this.content;
  }
  getFaviconUrl(): string {
    return this.faviconUrl;
  }
  getHeight(): number {
    return this.height ?? 0;
  }
  getTitle(): string {
    return this.title;
  }
  getWidth(): number {
    return this.width ?? 0;
  }
  setContent(content: string): HtmlOutput {
    this.content = String(content);
    return asApi(this);
  }
  setFaviconUrl(iconUrl: string): HtmlOutput {
    this.faviconUrl = String(iconUrl);
    return asApi(this);
  }
  setHeight(height: number): HtmlOutput {
    this.height = height;
    return asApi(this);
  }
  setSandboxMode(mode: GoogleAppsScript.HTML.SandboxMode): HtmlOutput {
    this.sandboxMode = enumName(mode);
    return asApi(this);
  }
  setTitle(title: string): HtmlOutput {
    this.title = String(title);
    return asApi(this);
  }
  setWidth(width: number): HtmlOutput {
    this.width = width;
    return asApi(this);
  }
  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode): HtmlOutput {
    this.xFrameOptionsMode = enumName(mode);
    return asApi(this);
  }
}

const TEMPLATE_API = [
  'evaluate',
  'getCode',
  'getCodeWithComments',
  'getRawContent',
] as const satisfies readonly (keyof HtmlTemplate)[];

export class FakeHtmlTemplate implements Pick<HtmlTemplate, (typeof TEMPLATE_API)[number]> {
  static readonly gas: FakeSpec = { kind: 'HtmlTemplate', methods: TEMPLATE_API, openProps: true };
  /** Variables product code assigned on the template (`t.spaces = …`), in the caller's realm. */
  readonly vars: Record<string, unknown> = Object.create(null) as Record<string, unknown>;

  constructor(
    private readonly runtime: Runtime,
    private readonly source: string,
  ) {}

  evaluate(): HtmlOutput {
    const chunks: string[] = [];
    const output = {
      append: (s: unknown) => chunks.push(String(s ?? '')),
      appendUntrusted: (s: unknown) => chunks.push(escapeHtml(String(s ?? ''))),
    };
    const code = `(function (__vars, output) { with (__vars) {\n${this.getCode()}\n} })`;
    const context = this.runtime.current().vmContext;
    const fn = (context ? vm.runInContext(code, context as vm.Context) : vm.runInNewContext(code, {})) as (
      vars: Record<string, unknown>,
      out: typeof output,
    ) => void;
    fn(this.vars, output);
    const html = new FakeHtmlOutput(this.runtime, chunks.join(''));
    this.runtime.recorder.record('evaluated template', html.content);
    return asApi(html);
  }
  getCode(): string {
    return compileTemplate(this.source);
  }
  getCodeWithComments(): string {
    return compileTemplate(this.source);
  }
  getRawContent(): string {
    return this.source;
  }
}

/** `<?= x ?>` printed escaped, `<?!= x ?>` printed raw, `<? code ?>` run. */
export function compileTemplate(source: string): string {
  let code = '';
  let last = 0;
  for (const m of source.matchAll(/<\?(!=|=)?([\s\S]*?)\?>/g)) {
    const text = source.slice(last, m.index);
    if (text) code += `output.append(${JSON.stringify(text)});\n`;
    const body = (m[2] ?? '').trim().replace(/;+$/, '');
    if (m[1] === '=') code += `output.appendUntrusted(${body});\n`;
    else if (m[1] === '!=') code += `output.append(${body});\n`;
    else code += `${m[2] ?? ''}\n`;
    last = (m.index ?? 0) + m[0].length;
  }
  const tail = source.slice(last);
  if (tail) code += `output.append(${JSON.stringify(tail)});\n`;
  return code;
}

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
