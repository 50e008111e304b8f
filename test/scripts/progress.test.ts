import { describe, expect, it } from 'vitest';
import { startProgress } from '../../scripts/progress.js';

function collector(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const stream = { isTTY, columns: 100, write: (c: string) => (chunks.push(String(c)), true), on: () => stream, once: () => stream, removeListener: () => stream, cursorTo: () => true, clearLine: () => true, moveCursor: () => true };
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => chunks.join('') };
}

describe('progress of long jobs', () => {
  it('should write one plain line with done, rate and disagreements when not on a terminal', () => {
    const out = collector(false);
    const p = startProgress('differential', 10, { unit: 'inputs', disagreements: true, stream: out.stream });
    for (let i = 1; i <= 10; i += 1) p.update(i, i > 5 ? 1 : 0);
    p.stop();
    p.stop();
    expect(out.text()).toMatch(/^differential: 10\/10 inputs \(100%\), [\d.]+\/s, 1 disagreement\(s\), done\n$/);
  });

  it('should draw a live bar on a terminal and end with the plain line', () => {
    const out = collector(true);
    const p = startProgress('bench', 4, { unit: 'steps', disagreements: false, stream: out.stream });
    p.update(2);
    p.update(4);
    p.stop();
    expect(out.text()).toContain('4/4 steps');
    expect(out.text()).toMatch(/bench: 4\/4 steps \(100%\), [\d.]+\/s, done\n$/);
    expect(out.text()).not.toContain('disagreement');
  });
});
