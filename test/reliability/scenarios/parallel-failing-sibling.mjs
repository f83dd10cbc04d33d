// D1: a Parallel whose other branch fails must settle, and the hanging sibling's handler must
// not be started with an already-aborted signal. Args: ignore|listen, catch|nocatch, real|virtual.
import { StateMachine, VirtualClock } from 'asl-runtime';
import { HANG, calls, hangs, outcome, report } from './lib.mjs';

const [handler = 'ignore', caught = 'nocatch', clock = 'real'] = process.argv.slice(2);
const parallel = {
  Type: 'Parallel',
  End: true,
  Branches: [
    { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Boom', Cause: 'first branch' } } },
    { StartAt: 'T', States: { T: { Type: 'Task', Resource: HANG, End: true } } },
  ],
};
const def = { StartAt: 'P', States: { P: parallel } };
if (caught === 'catch') {
  delete parallel.End;
  parallel.Next = 'NotHere';
  parallel.Catch = [{ ErrorEquals: ['Boom'], Next: 'Handled' }];
  Object.assign(def.States, { NotHere: { Type: 'Succeed' }, Handled: { Type: 'Pass', Result: 'handled', End: true } });
}
const machine = new StateMachine(def, { handlers: { [HANG]: hangs[handler] } });
const r = await machine.run({}, clock === 'virtual' ? { clock: new VirtualClock() } : {});
report(outcome(r, { abortedSignalCalls: calls.abortedSignal }));
