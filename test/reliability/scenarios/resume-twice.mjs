// D12: one snapshot resumed twice on one Runtime. Either the second resume is refused with a
// typed error, or answering the task token settles every copy: no execution may wait forever.
import { Runtime, StateMachine } from 'asl-runtime';
import { report } from './lib.mjs';

const SEND = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';
const def = { StartAt: 'Ask', States: { Ask: { Type: 'Task', Resource: SEND, Parameters: { 'token.$': '$$.Task.Token' }, End: true } } };
const tokens = [];
const machine = new StateMachine(def, { handlers: { [SEND]: (i) => (tokens.push(i.token), { MessageId: '1' }) } });
const first = machine.start({});
while (first.snapshot === undefined || tokens.length === 0) await new Promise((r) => setImmediate(r));
const snapshot = first.suspend();
await first.result;
const runtime = new Runtime();
const a = machine.resume(snapshot, { runtime });
let b;
try {
  b = machine.resume(snapshot, { runtime });
} catch (e) {
  runtime.sendTaskSuccess(snapshot.taskTokens[0], { ok: true });
  report({ secondResume: 'refused', error: e.name, first: (await a.result).status });
}
try {
  runtime.sendTaskSuccess(snapshot.taskTokens[0], { ok: true });
} catch (e) {
  report({ secondResume: 'accepted', answer: 'refused', error: e.name });
}
const [ra, rb] = await Promise.all([a.result, b.result]);
report({ secondResume: 'accepted', first: ra.status, second: rb.status });
