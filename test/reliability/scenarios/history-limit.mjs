// D3: AWS ends an execution whose history would pass 25,000 events ("Quotas related to state
// machine executions": maximum execution history size 25,000 events). An accidental endless
// loop must therefore fail, not grow memory until the process dies.
// Args: pass-loop|task-loop|wait-loop|map.
import { StateMachine, VirtualClock } from 'asl-runtime';
import { echo, instantLoop, outcome, report } from './lib.mjs';

const [kind = 'pass-loop'] = process.argv.slice(2);
let def;
let input = {};
let options = {};
if (kind === 'pass-loop') def = instantLoop('pass');
else if (kind === 'task-loop') def = instantLoop('task');
else if (kind === 'wait-loop') {
  // Polling that never sees its flag: a Wait per round, in virtual time.
  def = {
    StartAt: 'Poll',
    States: {
      Poll: { Type: 'Wait', Seconds: 60, Next: 'Check' },
      Check: { Type: 'Choice', Choices: [{ Variable: '$.ready', IsPresent: true, Next: 'Done' }], Default: 'Poll' },
      Done: { Type: 'Succeed' },
    },
  };
  options = { clock: new VirtualClock() };
} else {
  // 7,000 items of one Pass each: 4 events per item, 28,000 in all.
  def = { StartAt: 'M', States: { M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } } } };
  input = Array.from({ length: 7_000 }, (_, i) => i);
}
const ex = new StateMachine(def, { handlers: echo }).start(input, options);
const r = await ex.result;
report(outcome(r, { events: ex.history.length, last: ex.history.at(-1)?.type }));
