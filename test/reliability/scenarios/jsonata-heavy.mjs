// D8: a JSONata expression that would need gigabytes or minutes fails the state with
// States.QueryEvaluationError instead of crashing or blocking the process.
// Args: sort|range-map|count-map.
import { StateMachine } from 'asl-runtime';
import { outcome, report } from './lib.mjs';

const expressions = {
  sort: '{% $count($sort($reverse([1..1000000]))) %}',
  'range-map': '{% $map($range(1,1000), function($x){ $range(1,10000000) }) %}',
  'count-map': '{% $count($map([1..1000], function($x){ $count([1..10000000]) })) %}',
};
const [which = 'sort'] = process.argv.slice(2);
const def = { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: expressions[which], End: true } } };
const r = await new StateMachine(def).run({});
report(outcome(r, { cause: r.cause?.slice(0, 300) }));
