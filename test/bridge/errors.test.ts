// Reading a Python exception out of a pythonia error, whose message is empty.

import { describe, expect, it } from 'vitest';
import { parsePythonExceptionStack } from '../../src/bridge/index.js';

describe('parsePythonExceptionStack', () => {
  it('should read the type and text from a coloured last line', () => {
    const stack = [
      '\u{1F40D} \u001b[1m\u001b[97m\u001b[101m Python Error \u001b[49m Call to \'convert\' failed:',
      '\u001b[2m>\u001b[22m await bridge.convert(x)',
      '... across the bridge ...',
      '\u{1F309} \u001b[1mValueError: uh oh\u001b[22m',
    ].join('\n');
    expect(parsePythonExceptionStack(stack)).toEqual({ type: 'ValueError', message: 'uh oh' });
  });

  it('should read a plain last line and a dotted type without text', () => {
    expect(parsePythonExceptionStack('x\n*** JS *** construct.core.StreamError')).toEqual({
      type: 'construct.core.StreamError',
      message: '',
    });
  });

  it('should give up on a stack that does not end in an exception line', () => {
    expect(parsePythonExceptionStack(undefined)).toBeUndefined();
    expect(parsePythonExceptionStack('Error\n    at foo (bar.js:1:2)')).toBeUndefined();
  });
});
