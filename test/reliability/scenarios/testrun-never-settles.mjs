// D9: on a VirtualClock a handler that never settles holds time still, so no timeout in the
// definition can end the run; testRun's real-time watchdog must reject instead of hanging.
// Args: plain|task-timeout|heartbeat|execution-timeout|default-watchdog.
import { TestWatchdogError, testRun } from 'asl-runtime/testing';
import { report } from './lib.mjs';

const [variant = 'plain'] = process.argv.slice(2);
const task = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true };
if (variant === 'task-timeout') task.TimeoutSeconds = 1;
if (variant === 'heartbeat') Object.assign(task, { TimeoutSeconds: 10, HeartbeatSeconds: 1 });
const def = { StartAt: 'Stuck', States: { Stuck: task }, ...(variant === 'execution-timeout' ? { TimeoutSeconds: 1 } : {}) };
const options = { mocks: { Stuck: () => new Promise(() => {}) }, ...(variant === 'default-watchdog' ? {} : { watchdogMs: 300 }) };
try {
  const r = await testRun(def, {}, options);
  report({ resolved: r.status });
} catch (e) {
  report({ rejected: e?.name, isTestWatchdogError: e instanceof TestWatchdogError, stateName: e?.stateName, message: e?.message });
}
