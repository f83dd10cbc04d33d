// D4: Choice StringMatches on long input takes linear time and gives the right answer.
// Args: the pattern and the input string as JSON text.
import { StateMachine } from 'asl-runtime';
import { outcome, report } from './lib.mjs';

const [pattern, text] = process.argv.slice(2).map((a) => JSON.parse(a));
const def = {
  StartAt: 'C',
  States: {
    C: { Type: 'Choice', Choices: [{ Variable: '$.s', StringMatches: pattern, Next: 'Y' }], Default: 'N' },
    Y: { Type: 'Pass', Result: 'matched', End: true },
    N: { Type: 'Pass', Result: 'no match', End: true },
  },
};
report(outcome(await new StateMachine(def).run({ s: text })));
