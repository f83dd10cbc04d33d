// D4: regular expressions written by the definition's author, run on data, take linear time:
// the JSONPath filter @.s.match(/(a+)+$/) and JSONata $match / $contains with /(a+)+$/.
// Args: jsonpath-filter|jsonata-match|jsonata-contains.
import { StateMachine } from 'asl-runtime';
import { outcome, report } from './lib.mjs';

const [which = 'jsonata-match'] = process.argv.slice(2);
// 40 a's then a character that breaks the match: 2^40 paths for a backtracking engine.
const s = `${'a'.repeat(40)}!`;
const defs = {
  'jsonpath-filter': { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'hits.$': '$.items[?(@.s.match(/(a+)+$/))]' }, End: true } } },
  'jsonata-match': { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: '{% $count($match($states.input.items[0].s, /(a+)+$/)) %}', End: true } } },
  'jsonata-contains': { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: '{% $contains($states.input.items[0].s, /(a+)+$/) %}', End: true } } },
};
let r;
try {
  r = await new StateMachine(defs[which]).run({ items: [{ s }] });
} catch (e) {
  // Refusing the definition up front is also an acceptable answer; report it as such.
  report({ status: 'REFUSED', error: e.name });
}
report(outcome(r));
