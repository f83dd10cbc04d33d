/** Every action the server answers, by its X-Amz-Target name. */
import type { Action } from '../context.js';
import { createActivity, deleteActivity, describeActivity, getActivityTask, listActivities } from './activities.js';
import { sendTaskFailure, sendTaskHeartbeat, sendTaskSuccess } from './callbacks.js';
import { testStateAction, validateStateMachineDefinition } from './definitions.js';
import { describeExecution, describeStateMachineForExecution, listExecutions, startExecution, startSyncExecution, stopExecution } from './executions.js';
import { getExecutionHistory } from './history.js';
import { createStateMachine, deleteStateMachine, describeStateMachine, listStateMachines, updateStateMachine } from './machines.js';

export const ACTIONS: Readonly<Record<string, Action>> = {
  CreateStateMachine: createStateMachine,
  DescribeStateMachine: describeStateMachine,
  UpdateStateMachine: updateStateMachine,
  DeleteStateMachine: deleteStateMachine,
  ListStateMachines: listStateMachines,
  DescribeStateMachineForExecution: describeStateMachineForExecution,
  StartExecution: startExecution,
  StartSyncExecution: startSyncExecution,
  DescribeExecution: describeExecution,
  StopExecution: stopExecution,
  ListExecutions: listExecutions,
  GetExecutionHistory: getExecutionHistory,
  SendTaskSuccess: sendTaskSuccess,
  SendTaskFailure: sendTaskFailure,
  SendTaskHeartbeat: sendTaskHeartbeat,
  CreateActivity: createActivity,
  DescribeActivity: describeActivity,
  DeleteActivity: deleteActivity,
  ListActivities: listActivities,
  GetActivityTask: getActivityTask,
  ValidateStateMachineDefinition: validateStateMachineDefinition,
  TestState: testStateAction,
};
