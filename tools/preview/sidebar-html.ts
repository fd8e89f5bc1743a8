/** The built sidebar as the preview serves it: dist/Sidebar.html unchanged, plus one script tag for the shim. */

export const SHIM_PATH = '/preview/gas-shim.js';

/**
 * Inserts `<script src="/preview/gas-shim.js?as=…">` before the page's first script, so google.script.run exists
 * before the sidebar's own code runs. Nothing else in the file changes.
 */
export function withShim(html: string, user: string): string {
  const tag = `<script src="${SHIM_PATH}?as=${encodeURIComponent(user)}"></script>`;
  const firstScript = html.search(/<script\b/i);
  if (firstScript >= 0) return html.slice(0, firstScript) + tag + html.slice(firstScript);
  const bodyEnd = html.search(/<\/body>/i);
  return bodyEnd >= 0 ? html.slice(0, bodyEnd) + tag + html.slice(bodyEnd) : html + tag;
}
