// D1: a states:startExecution.sync Task in a Parallel branch that is cancelled (its sibling
// fails) must not start its child; the parent must settle with the sibling's error.
import { Runtime, StateMachine } from 'asl-runtime';
import { outcome, report } from './lib.mjs';

let childRuns = 0;
const child = new StateMachine(
  { StartAt: 'Mark', States: { Mark: { Type: 'Task', Resource: 'arn:aws:states:::mark', Next: 'Sleep' }, Sleep: { Type: 'Wait', Seconds: 3600, End: true } } },
  { handlers: { 'arn:aws:states:::mark': () => (childRuns++, {}) } },
);
const runtime = new Runtime().register('Child', child);
const def = {
  StartAt: 'P',
  States: {
    P: {
      Type: 'Parallel',
      End: true,
      Branches: [
        { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Boom' } } },
        {
          StartAt: 'Start',
          States: {
            Start: {
              Type: 'Task',
              Resource: 'arn:aws:states:::states:startExecution.sync:2',
              Parameters: { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Child', Input: {} },
              End: true,
            },
          },
        },
      ],
    },
  },
};
const r = await new StateMachine(def).run({}, { runtime });
// Let a child that was started anyway run its first state before counting.
await new Promise((resolve) => setTimeout(resolve, 50));
report(outcome(r, { childRuns }));
