// D1: a distributed Map whose first item fails settles; the other items' handlers must not be
// started with an already-aborted signal (the work would leak).
import { StateMachine } from 'asl-runtime';
import { HANG, calls, hangs, outcome, report } from './lib.mjs';

const def = {
  StartAt: 'M',
  States: {
    M: {
      Type: 'Map',
      End: true,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'Route',
        States: {
          Route: { Type: 'Choice', Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'F' }], Default: 'T' },
          F: { Type: 'Fail', Error: 'Boom' },
          T: { Type: 'Task', Resource: HANG, End: true },
        },
      },
    },
  },
};
const machine = new StateMachine(def, { handlers: { [HANG]: hangs.listen } });
const r = await machine.run([{ fail: true }, { fail: false }, { fail: false }]);
report(outcome(r, { abortedSignalCalls: calls.abortedSignal }));
