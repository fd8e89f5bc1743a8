import { startBench } from './scenarios';
import { runLongScenario } from './sidebar-runs';
async function main() {
  const spaces = Number(process.argv[2] ?? 20);
  const per = Number(process.argv[3] ?? 100);
  const bench = await startBench({ scale: 20, latencyMs: 150 });
  try {
    const r = await runLongScenario(bench, { name: 'probe', spaces, perSpace: per, driver: 'sidebar', log: (l) => console.error(l) });
    console.log(JSON.stringify({ ...r, baseline: undefined }));
    const log = await bench.requests();
    const t0 = Date.parse(log[0]?.time ?? '');
    const buckets = new Map<number, string>();
    for (const e of log) {
      const b = Math.floor(((Date.parse(e.time) - t0) * 20) / 20000);
      const cur = buckets.get(b) ?? '';
      buckets.set(b, cur + (e.status === 429 ? 'x' : e.method === 'PATCH' ? '.' : 'g'));
    }
    for (const [b, v] of buckets) console.log(String(b * 20).padStart(5), String(v.length).padStart(4), v.replace(/\./g, '').slice(0, 60));
  } finally { await bench.stop(); }
  process.exit(0);
}
main();
