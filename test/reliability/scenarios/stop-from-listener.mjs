// D1: stopping from an on('event') listener at the moment a Task is entered or scheduled ends
// the execution as ABORTED. Args: TaskStateEntered|TaskScheduled, stop|signal, ignore|listen.
import { StateMachine } from 'asl-runtime';
import { HANG, calls, hangs, outcome, report } from './lib.mjs';

const [at = 'TaskStateEntered', how = 'stop', handler = 'listen'] = process.argv.slice(2);
const def = { StartAt: 'T', States: { T: { Type: 'Task', Resource: HANG, End: true } } };
const controller = new AbortController();
const ex = new StateMachine(def, { handlers: { [HANG]: hangs[handler] } }).start({}, how === 'signal' ? { signal: controller.signal } : {});
ex.on('event', (e) => {
  if (e.type !== at) return;
  if (how === 'signal') controller.abort();
  else ex.stop();
});
const r = await ex.result;
report(outcome(r, { abortedSignalCalls: calls.abortedSignal, handlerCalls: calls.total }));
