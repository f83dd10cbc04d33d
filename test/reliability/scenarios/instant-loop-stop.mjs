// D2: an endless loop of instantly-settling states must leave room for timers: stop() from a
// setTimeout, an AbortSignal.timeout, and the execution's own TimeoutSeconds all end it.
// History limit off, so only the fairness of the run loop can let the timer in.
// Args: task|pass, timer|signal|timeout.
import { StateMachine } from 'asl-runtime';
import { echo, instantLoop, outcome, report } from './lib.mjs';

const [kind = 'task', how = 'timer'] = process.argv.slice(2);
const def = instantLoop(kind, how === 'timeout' ? { TimeoutSeconds: 1 } : {});
const options = { maxHistoryEvents: Infinity, ...(how === 'signal' ? { signal: AbortSignal.timeout(300) } : {}) };
const ex = new StateMachine(def, { handlers: echo }).start({}, options);
if (how === 'timer') setTimeout(() => ex.stop(), 100);
const r = await ex.result;
// Not ex.history: at millions of events a second, building every event object costs more than
// the second the loop ran; the scenario is about how the execution ends.
report(outcome(r));
