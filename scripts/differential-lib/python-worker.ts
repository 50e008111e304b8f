// A second Python engine in its own Node process (pythonia keeps one Python child per process):
// the live job converts one profile here and the other in the main process, on two cores.
// Messages use the 'advanced' serialization, so bigint headers and byte arrays cross unchanged.

import { openPythonEngine } from '../../src/bridge/index.js';
import type { ConvertRequest, Profile } from '../../src/anec/index.js';

interface ConvertMessage {
  readonly id: number;
  readonly requests: readonly ConvertRequest[];
  readonly profile: Profile;
}

const send = (message: unknown): void => void process.send?.(message);

const engine = await openPythonEngine();
process.on('message', (message: ConvertMessage) => {
  engine.convert(message.requests, message.profile).then(
    (outcomes) => send({ id: message.id, outcomes }),
    (error: unknown) => send({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
process.on('disconnect', () => {
  void engine.close();
});
send({ ready: true });
