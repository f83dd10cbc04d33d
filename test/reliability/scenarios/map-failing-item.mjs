// D1: an inline Map with unbounded concurrency whose first item fails must settle while the
// other items' handlers hang. Args: ignore|listen, real|virtual.
import { StateMachine, VirtualClock } from 'asl-runtime';
import { HANG, calls, hangs, outcome, report } from './lib.mjs';

const [handler = 'ignore', clock = 'real'] = process.argv.slice(2);
const def = {
  StartAt: 'M',
  States: {
    M: {
      Type: 'Map',
      End: true,
      ItemProcessor: {
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
const machine = new StateMachine(def, { handlers: { [HANG]: hangs[handler] } });
const r = await machine.run([{ fail: true }, { fail: false }, { fail: false }], clock === 'virtual' ? { clock: new VirtualClock() } : {});
report(outcome(r, { abortedSignalCalls: calls.abortedSignal }));
