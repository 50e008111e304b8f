// Progress of long jobs (`make differential`, `make oracle`, `make bench`): on a terminal a live
// bar from cli-progress (done/total, rate, disagreements, time left); elsewhere (CI logs, pipes)
// one plain line every PLAIN_EVERY_MS and one at the end, so a log shows the job is alive.
// Written to stderr: the summaries on stdout stay as they were.
import cliProgress from 'cli-progress';

/** How often a plain line is written when stderr is not a terminal. */
const PLAIN_EVERY_MS = 10_000;

export interface Progress {
  /** `done` items so far; `disagreements` when the job counts them. */
  update(done: number, disagreements?: number): void;
  /** The final state, then the bar is closed (a plain line is always written at the end). */
  stop(): void;
}

function secondsText(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

export interface ProgressOptions {
  /** Word for one item: `inputs`, `cases`, `steps`. */
  readonly unit: string;
  /** Whether the job counts disagreements (shown only then). */
  readonly disagreements: boolean;
  /** Defaults to process.stderr. */
  readonly stream?: NodeJS.WriteStream;
  /** Forces the plain form (tests). */
  readonly plain?: boolean;
}

export function startProgress(label: string, total: number, options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const started = performance.now();
  let done = 0;
  let disagreements = 0;
  const rate = (): number => done / Math.max((performance.now() - started) / 1000, 1e-3);
  const plainLine = (): string => {
    const left = done >= total ? 'done' : `~${secondsText((total - done) / rate())} left`;
    const bad = options.disagreements ? `, ${disagreements} disagreement(s)` : '';
    return `${label}: ${done}/${total} ${options.unit} (${Math.floor((100 * done) / Math.max(total, 1))}%), ${rate().toFixed(1)}/s${bad}, ${left}\n`;
  };
  if (options.plain === true || !stream.isTTY) {
    let last = started;
    let written = '';
    const write = (): void => {
      const line = plainLine();
      if (line !== written) stream.write(line);
      written = line;
    };
    return {
      update(n, d) {
        done = n;
        disagreements = d ?? disagreements;
        if (performance.now() - last >= PLAIN_EVERY_MS) {
          last = performance.now();
          write();
        }
      },
      stop: write,
    };
  }
  const bad = options.disagreements ? ' | {disagreements} disagreement(s)' : '';
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} {bar} {value}/{total} ${options.unit} | {rate}/s${bad} | {eta_formatted} left`,
      hideCursor: true,
      etaBuffer: 50,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { rate: '0', disagreements: 0 });
  return {
    update(n, d) {
      done = n;
      disagreements = d ?? disagreements;
      bar.update(n, { rate: rate().toFixed(1), disagreements });
    },
    stop() {
      bar.update(done, { rate: rate().toFixed(1), disagreements });
      bar.stop();
      stream.write(plainLine());
    },
  };
}
