/** The shared suite on the in-process engine. */
import { StateMachine, VirtualClock } from '../../src/index.js';
import { handlers, lambdas, machineSuite } from './machine-suite.js';

machineSuite('in-process', async (name, definition) => new StateMachine(definition, { lambdas, handlers, clock: new VirtualClock(), context: { stateMachineName: name } }));
