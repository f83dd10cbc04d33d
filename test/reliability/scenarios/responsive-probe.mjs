// D2: while an endless instant loop runs, the process stays responsive: a setTimeout(…, 50)
// fires within 500 ms (measured three times), and another execution whose handler waits on a
// real timer completes. The probe fails by never reporting (the harness's deadline) or by its figures.
import { StateMachine } from 'asl-runtime';
import { echo, instantLoop, report } from './lib.mjs';

const loop = new StateMachine(instantLoop('task'), { handlers: echo }).start({}, { maxHistoryEvents: Infinity });
const lateness = [];
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 50));
  lateness.push(Math.round(performance.now() - t0));
}
const nap = { 'arn:aws:states:::nap': () => new Promise((resolve) => setTimeout(() => resolve({ napped: true }), 20)) };
const other = await new StateMachine({ StartAt: 'N', States: { N: { Type: 'Task', Resource: 'arn:aws:states:::nap', End: true } } }, { handlers: nap }).run({});
const stillRunning = loop.status === 'RUNNING';
loop.stop();
report({ timerFiredAfterMs: lateness, otherExecution: other.status, loopStillRunning: stillRunning });
