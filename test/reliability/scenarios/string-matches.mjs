// D4: Choice StringMatches on long input takes linear time and gives the right answer.
// Args: the pattern, how many a's the input has, and what follows them.
import { StateMachine } from 'asl-runtime';
import { outcome, report } from './lib.mjs';

const [pattern, count, suffix = ''] = process.argv.slice(2);
const text = 'a'.repeat(Number(count)) + suffix;
const def = {
  StartAt: 'C',
  States: {
    C: { Type: 'Choice', Choices: [{ Variable: '$.s', StringMatches: pattern, Next: 'Y' }], Default: 'N' },
    Y: { Type: 'Pass', Result: 'matched', End: true },
    N: { Type: 'Pass', Result: 'no match', End: true },
  },
};
report(outcome(await new StateMachine(def).run({ s: text })));
