import type { BulkReading, RunEndShown, RunProgress } from '../../src/main';
import { RECENT_END_SECONDS, RunNews } from '../../src/sidebar/run-news';

const open = (runId: string): RunProgress => ({
  runId,
  kind: 'apply',
  done: 3,
  failed: 0,
  remaining: 5,
  etaSeconds: 9,
});
const end = (runId: string, secondsAgo = 5): RunEndShown => ({
  runId,
  kind: 'apply',
  applied: 16,
  failed: 0,
  at: '2026-12-06 14:03 GMT+8',
  secondsAgo,
});
const reading = (o: RunProgress | null, e: RunEndShown | null): BulkReading => ({ open: o, lastEnd: e });

describe('what the sidebar tells of a reading (run-news)', () => {
  it('tells of a run that ended between two readings, once, as a new run', () => {
    const news = new RunNews();
    expect(news.read(reading(null, null), false)).toEqual({ show: 'nothing' });
    expect(news.read(reading(null, end('X')), false)).toEqual({ show: 'end', end: end('X'), newRun: true });
    expect(news.read(reading(null, end('X', 15)), false)).toEqual({ show: 'nothing' });
  });

  it('shows an open run, then its end once it is gone (the end is saved just before the run is removed)', () => {
    const news = new RunNews();
    expect(news.read(reading(open('X'), end('OLD', 90_000)), false)).toEqual({
      show: 'open',
      run: open('X'),
      newRun: true,
    });
    // Saved, not yet removed: still the run's progress, not its end.
    expect(news.read(reading(open('X'), end('X')), false)).toMatchObject({ show: 'open', newRun: false });
    // Gone: its end, which is no new run to the line (the status line keeps what it says).
    expect(news.read(reading(null, end('X')), false)).toEqual({ show: 'end', end: end('X'), newRun: false });
  });

  it('never tells an older run’s end as news, whenever it is seen', () => {
    const news = new RunNews();
    // Yesterday's end, seen with today's open run.
    news.read(reading(open('X'), end('OLD', 90_000)), false);
    expect(news.read(reading(null, end('OLD', 90_010)), false)).toEqual({ show: 'nothing' });
  });

  it(`at its first reading, tells only of a run that ended in the last ${RECENT_END_SECONDS / 60} minutes`, () => {
    expect(new RunNews().read(reading(null, end('X', RECENT_END_SECONDS)), false)).toMatchObject({ show: 'end' });
    const late = new RunNews();
    expect(late.read(reading(null, end('X', RECENT_END_SECONDS + 1)), false)).toEqual({ show: 'nothing' });
    // And does not tell of it later either.
    expect(late.read(reading(null, end('X', RECENT_END_SECONDS + 11)), false)).toEqual({ show: 'nothing' });
  });

  it('leaves a run that ended during one of its own actions to the action’s result line', () => {
    const news = new RunNews();
    news.read(reading(null, null), false);
    expect(news.read(reading(null, end('X')), true)).toEqual({ show: 'nothing' });
    expect(news.read(reading(null, end('X')), false)).toEqual({ show: 'nothing' });
    // The action told it, though no reading saw it.
    const told = new RunNews();
    told.read(reading(null, null), false);
    told.told('Y');
    expect(told.read(reading(null, end('Y')), false)).toEqual({ show: 'nothing' });
  });

  it('tells of the next run’s end after an earlier one', () => {
    const news = new RunNews();
    news.read(reading(null, end('X')), false);
    expect(news.read(reading(null, end('Y')), false)).toMatchObject({ show: 'end', newRun: true });
  });
});
